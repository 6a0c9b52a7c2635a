/**
 * The network of one session (issue 12): its TLS options, the proxy route for each target chosen from the
 * sources the host read (proxyChoice.ts), and how long a proxy may take to answer CONNECT.
 */
import type { ResolvedConnectionOptions } from '../connection/connectionOptions';
import { createRoutedNetwork, nodeTlsOptions, type Network } from '../session/network';
import { chooseProxy, type ProxySources } from './proxyChoice';

/**
 * How long a proxy may take to answer CONNECT: half the session's own deadline for a first answer (the
 * handshake timeout, or a polling session's request timeout). That deadline covers the proxy and the server
 * together, so a proxy that hangs is named as the culprit before the session's deadline would blame the server.
 */
export function tunnelTimeoutFor(options: ResolvedConnectionOptions): number {
  const deadline = 'handshakeTimeoutMs' in options ? options.handshakeTimeoutMs : options.requestTimeoutMs;
  return Math.max(1, Math.floor(deadline / 2));
}

/** A network for a session with these options, routed by `sources`; the caller disposes it. */
export function createSessionNetwork(options: ResolvedConnectionOptions, sources: ProxySources): Network {
  return createRoutedNetwork({
    tls: nodeTlsOptions(options.tls),
    route: (target) => chooseProxy(sources, target),
    tunnelTimeoutMs: tunnelTimeoutFor(options),
  });
}
