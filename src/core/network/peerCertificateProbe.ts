/**
 * Which certificate does this server present? (issue 12) Asked before offering "Trust this certificate for
 * this profile": a TLS handshake that verifies nothing (`rejectUnauthorized: false`) and writes nothing after
 * it — no request, no header, no credential — then the socket is destroyed. Bounded by a deadline on the
 * injected clock. Through a proxy the caller passes the raw socket it has already connected (a CONNECT tunnel).
 *
 * The subject and issuer names are the server's own text: cut short and stripped of control characters here,
 * and still only for a log row — a notification shows our words and the hex fingerprint (notificationText.ts).
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { systemClock, type Clock } from '../clock';
import { fingerprintOfDer } from './certificateFingerprint';

export interface PeerCertificateProbe {
  host: string;
  port: number;
  /** SNI name; by default the host, unless it is an IP address (SNI cannot carry one). */
  servername?: string;
  /** An already connected raw socket to the server (e.g. a proxy tunnel); destroyed when the probe ends. */
  socket?: Duplex;
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  clock?: Clock;
}

/** What the server presented: the fingerprint to pin, and text for a log row (server-controlled, bounded). */
export interface PeerCertificateInfo {
  /** SHA-256 of the DER leaf certificate, `AB:CD:…`. */
  fingerprint256: string;
  /** The leaf's subject common name (server text: log rows only). */
  subjectName?: string;
  /** The leaf's issuer common name (server text: log rows only). */
  issuerName?: string;
  /** Validity as Node prints it ("Nov 28 22:07:56 2026 GMT"). */
  validFrom?: string;
  validTo?: string;
  /** Issued by itself and signed with its own key. */
  selfSigned: boolean;
  /** Why a verifying client would refuse it (OpenSSL's code: DEPTH_ZERO_SELF_SIGNED_CERT…); absent if it would not. */
  authorizationError?: string;
}

export type PeerCertificateResult =
  | { ok: true; certificate: PeerCertificateInfo }
  | { ok: false; code: 'timeout' | 'no-certificate' | 'failed'; message: string };

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
/** Longest subject or issuer name kept. */
export const MAX_NAME_CHARS = 200;

/** Handshakes with the server, reads its leaf certificate, writes nothing, closes. Never rejects. */
export function fetchPeerCertificate(probe: PeerCertificateProbe): Promise<PeerCertificateResult> {
  const clock = probe.clock ?? systemClock;
  const timeoutMs = probe.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  return new Promise((resolve) => {
    let socket: TLSSocket | undefined;
    let done = false;
    const finish = (result: PeerCertificateResult): void => {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      socket?.destroy();
      probe.socket?.destroy();
      resolve(result);
    };
    const timer = clock.setTimeout(
      () =>
        finish({
          ok: false,
          code: 'timeout',
          message: `The server did not complete a TLS handshake in ${timeoutMs} ms.`,
        }),
      timeoutMs,
    );
    try {
      socket = connect({
        host: probe.host,
        port: probe.port,
        socket: probe.socket,
        servername: probe.servername ?? (isIP(probe.host) ? undefined : probe.host),
        rejectUnauthorized: false,
      });
    } catch (error) {
      finish({ ok: false, code: 'failed', message: failureText(error) });
      return;
    }
    socket.once('secureConnect', () => finish(readCertificate(socket as TLSSocket)));
    socket.once('error', (error) => finish({ ok: false, code: 'failed', message: failureText(error) }));
    socket.once('close', () => finish({ ok: false, code: 'failed', message: 'The server closed the connection.' }));
  });
}

/** The connected socket's leaf certificate, described. */
function readCertificate(socket: TLSSocket): PeerCertificateResult {
  let peer: PeerCertificate | undefined;
  try {
    peer = socket.getPeerCertificate(false);
  } catch {
    peer = undefined;
  }
  const raw = peer?.raw;
  if (!peer || !(raw instanceof Uint8Array) || raw.length === 0)
    return { ok: false, code: 'no-certificate', message: 'The server presented no certificate.' };
  const certificate: PeerCertificateInfo = { fingerprint256: fingerprintOfDer(raw), selfSigned: isSelfSigned(raw) };
  const subjectName = commonName(peer.subject);
  const issuerName = commonName(peer.issuer);
  if (subjectName !== undefined) certificate.subjectName = subjectName;
  if (issuerName !== undefined) certificate.issuerName = issuerName;
  if (typeof peer.valid_from === 'string') certificate.validFrom = boundedText(peer.valid_from);
  if (typeof peer.valid_to === 'string') certificate.validTo = boundedText(peer.valid_to);
  const authorizationError = socket.authorizationError as unknown;
  if (authorizationError !== null && authorizationError !== undefined)
    certificate.authorizationError = boundedText(
      authorizationError instanceof Error ? authorizationError.message : String(authorizationError),
    );
  return { ok: true, certificate };
}

function isSelfSigned(raw: Buffer): boolean {
  try {
    const certificate = new X509Certificate(raw);
    return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/** The CN of a subject or issuer (a list when repeated: the first), bounded; undefined when absent. */
function commonName(name: unknown): string | undefined {
  const cn = (name as { CN?: unknown } | undefined)?.CN;
  const first = Array.isArray(cn) ? (cn[0] as unknown) : cn;
  return typeof first === 'string' ? boundedText(first) : undefined;
}

/** Server text made one bounded line. */
function boundedText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > MAX_NAME_CHARS ? `${flat.slice(0, MAX_NAME_CHARS - 1)}…` : flat;
}

/** Node's own message (our side's words: a socket error code), bounded. */
function failureText(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof code === 'string' ? code : typeof message === 'string' ? message : 'unknown error';
  return `The TLS handshake failed (${boundedText(text)}).`;
}
