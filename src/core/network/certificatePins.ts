/**
 * Pinned server certificates (issue 12): a profile may trust one exact certificate, named by its SHA-256
 * fingerprint, instead of a CA chain. The pin replaces chain verification for that profile, so the connection
 * is made with `rejectUnauthorized: false` — and then Node never calls `checkServerIdentity` nor refuses
 * anything itself. The check therefore runs here, as the network's `verifyPeer` hook, once the handshake is
 * done and before the socket is handed to an engine: a refusal destroys the socket before one byte of a
 * request (and so any header or credential) is written.
 *
 * The host name is not checked against a pinned certificate, and that is sound: the pin names the exact
 * certificate (and with it the exact key) the user accepted for this profile, so a server that completes the
 * handshake with it holds that private key. A host-name check adds nothing a pin does not already say, and
 * would refuse the common case the pin exists for (a development certificate for "localhost" reached by IP).
 */
import type { TLSSocket } from 'node:tls';
import { fingerprintOfDer, normalisePins } from './certificateFingerprint';

/** Decides on a connected TLS socket: undefined accepts it, a message (our words) refuses it. */
export type PeerVerifier = (socket: TLSSocket) => string | undefined;

/**
 * The code of the error a refused socket is destroyed with. It starts with `ERR_TLS_`, so core's
 * describeError reports it as RI_TLS_ERROR with our message; the host tells it apart from a chain error.
 */
export const CERT_NOT_PINNED = 'ERR_TLS_CERT_NOT_PINNED';

/** Most pinned fingerprints named in one message (a profile may list many). */
const MAX_NAMED_PINS = 4;

/** Accepts only a server whose leaf certificate is one of `pins`; no valid pin at all refuses every server. */
export function pinVerifier(pins: readonly string[]): PeerVerifier {
  const pinned = normalisePins(pins);
  return (socket) => {
    const presented = leafFingerprint(socket);
    if (presented !== undefined && pinned.includes(presented)) return undefined;
    return pinMismatchMessage(presented, pinned);
  };
}

/** The SHA-256 fingerprint of the certificate the server presented, from its DER bytes; undefined without one. */
export function leafFingerprint(socket: TLSSocket): string | undefined {
  try {
    const raw = (socket.getPeerCertificate(false) as { raw?: unknown } | null)?.raw;
    return raw instanceof Uint8Array && raw.length > 0 ? fingerprintOfDer(raw) : undefined;
  } catch {
    return undefined;
  }
}

/** Why the server was refused, naming the presented and the pinned fingerprints (hex we computed, no server text). */
export function pinMismatchMessage(presented: string | undefined, pinned: readonly string[]): string {
  const named = pinned.slice(0, MAX_NAMED_PINS).join(', ');
  const more = pinned.length > MAX_NAMED_PINS ? ` and ${pinned.length - MAX_NAMED_PINS} more` : '';
  const trusted = pinned.length === 0 ? 'no valid pin' : `${named}${more}`;
  const what =
    presented === undefined
      ? 'The server presented no certificate'
      : `The server's certificate (SHA-256 ${presented}) is not pinned for this profile`;
  return `${what} (pinned: ${trusted}); the connection was closed before anything was sent.`;
}

/** The error a refused socket is destroyed with (see CERT_NOT_PINNED). */
export function peerRefusedError(message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code: CERT_NOT_PINNED });
}
