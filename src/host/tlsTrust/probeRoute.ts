/**
 * The raw socket a certificate probe runs over (issue 12), opened the way the session's own connections go, so
 * the certificate offered for trust is the one the session was shown: through its proxy's CONNECT tunnel when
 * its route names one, or none for a direct route (the probe then connects by itself). A proxy setting in error
 * refuses: a probe must never go around a proxy the user relies on. Pure apart from the tunnel (no vscode).
 */
import type { Duplex } from 'node:stream';
import type { ProxyDecision } from '../../core/network/proxyChoice';
import { openTunnel } from '../../core/network/proxyTunnel';

/** The route for a target, as the session's network decides it. */
export type TargetRoute = (target: URL) => ProxyDecision;

/** A socket to `host`:`port` through the route's proxy; undefined for a direct route. Rejects as the tunnel does. */
export async function openProbeSocket(
  route: TargetRoute,
  host: string,
  port: number,
  tunnelTimeoutMs: number,
): Promise<Duplex | undefined> {
  // The agents decide on `https://host:port` for every TLS target (wss too): the same key here.
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const decision = route(new URL(`https://${authority}`));
  if (decision.kind === 'invalid') throw new Error(decision.message);
  if (decision.kind === 'direct') return undefined;
  const tunnel = await openTunnel({ route: decision.route, host, port, timeoutMs: tunnelTimeoutMs });
  return tunnel.socket;
}
