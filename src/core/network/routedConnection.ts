/**
 * Opens the socket one request (a poll, an SSE stream, a WebSocket handshake) runs on: directly or through a
 * CONNECT tunnel, then, for https and wss targets, TLS over it with the session's TLS options and the optional
 * `verifyPeer` check. The socket is handed on only once all of that succeeded, so not one byte of the request
 * is written to a peer that was not verified.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { recordConnectionFacts, type RoutedConnectionFacts } from './connectionFacts';
import type { NodeTlsOptions } from '../session/network';
import { leafFingerprint, peerRefusedError } from './certificatePins';
import { proxyInvalid } from './proxyErrors';
import type { ProxyDecision } from './proxyChoice';
import { openTunnel } from './proxyTunnel';
import { markTlsPeer, authorityOf, type TlsPeerBook } from './tlsPeers';

/** One connection to open. */
export interface ConnectionPlan {
  /** Target host (name or IP literal) and port. */
  host: string;
  port: number;
  /** TLS to the target (https, wss). */
  secure: boolean;
  tls: NodeTlsOptions;
  /** Direct, through a proxy, or a proxy setting that cannot be used. */
  decision: ProxyDecision;
  /** How long a proxy may take to answer CONNECT. */
  tunnelTimeoutMs: number;
  /** Where a verified TLS handshake is booked (the network's, for the certificate trust offer). */
  peers?: TlsPeerBook;
}

/** Resolves with the socket to use (a TLSSocket for secure targets), or rejects with the reason. */
export async function openRoutedConnection(plan: ConnectionPlan): Promise<Socket> {
  const host = plan.host.replace(/^\[|\]$/g, '');
  const { decision } = plan;
  if (decision.kind === 'invalid') throw proxyInvalid(decision.message);
  const opened: { socket: Socket; connectMs: number; tunnelMs?: number } =
    decision.kind === 'proxy'
      ? await openTunnel({ route: decision.route, host, port: plan.port, timeoutMs: plan.tunnelTimeoutMs })
      : await connectDirect(host, plan.port);
  const raw = opened.socket;
  const facts: RoutedConnectionFacts = {
    connectMs: opened.connectMs,
    remote: `${raw.remoteAddress ?? '?'}:${raw.remotePort ?? '?'}`,
    local: `${raw.localAddress ?? '?'}:${raw.localPort ?? '?'}`,
  };
  if (decision.kind === 'proxy') Object.assign(facts, { proxy: decision.route.proxy.host, tunnelMs: opened.tunnelMs });
  const tlsStarted = performance.now();
  // A failed handshake's error names its server: after a redirect it is not the session's own (tlsPeers.ts).
  const socket = plan.secure
    ? await secureOver(raw, host, plan.tls).catch((error: unknown) => {
        throw markTlsPeer(error, host, plan.port);
      })
    : raw;
  if (plan.secure) bookPeer(plan, host, socket as TLSSocket);
  if (plan.secure) facts.tlsMs = performance.now() - tlsStarted;
  recordConnectionFacts(socket, facts);
  return socket;
}

function bookPeer(plan: ConnectionPlan, host: string, socket: TLSSocket): void {
  const fingerprint256 = leafFingerprint(socket);
  plan.peers?.record({ authority: authorityOf(host, plan.port), ...(fingerprint256 ? { fingerprint256 } : {}) });
}

/** A TCP connection, resolved once connected (so a refusal is an error here, not on the request). */
function connectDirect(host: string, port: number): Promise<{ socket: Socket; connectMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve({ socket, connectMs: performance.now() - started });
    });
    socket.once('error', reject);
  });
}

/** TLS over `raw`: handshake, Node's verification (unless turned off), then `verifyPeer`. */
function secureOver(raw: Socket, host: string, options: NodeTlsOptions): Promise<TLSSocket> {
  const { verifyPeer, servername, ...nodeOptions } = options;
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      ...nodeOptions,
      socket: raw,
      // Names the peer for certificate checks; SNI only for names (an IP literal as SNI is not allowed).
      host,
      servername: servername ?? (isIP(host) ? undefined : host),
    });
    const onError = (error: Error): void => {
      raw.destroy();
      reject(error);
    };
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      const refusal = verifyPeer?.(socket);
      if (refusal !== undefined) {
        socket.destroy();
        raw.destroy();
        // ERR_TLS_CERT_NOT_PINNED: reported as RI_TLS_ERROR with our words, and told apart by the host (issue 12).
        reject(peerRefusedError(refusal));
        return;
      }
      socket.removeListener('error', onError);
      resolve(socket);
    });
  });
}
