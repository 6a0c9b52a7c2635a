/**
 * What opening a routed connection took (issue 12), kept beside its socket: the routed agents hand over sockets
 * that are already connected (and TLS-verified), so the socket's own `connect` and `secureConnect` events are
 * over before a request sees it. The WebSocket recorder and the polling timing read the phases here instead.
 */
import type { Socket } from 'node:net';

export interface RoutedConnectionFacts {
  /** TCP connect to the first hop (the server, or the proxy), ms. */
  connectMs: number;
  /** Through a proxy: its `host:port`, and the ms from the CONNECT sent to its 2xx. */
  proxy?: string;
  tunnelMs?: number;
  /** TLS handshake to the target (https, wss), ms. */
  tlsMs?: number;
  /** `address:port` of the first hop, and the local end. */
  remote: string;
  local: string;
}

const factsBySocket = new WeakMap<Socket, RoutedConnectionFacts>();

/** Remembers how `socket` was opened. */
export function recordConnectionFacts(socket: Socket, facts: RoutedConnectionFacts): void {
  factsBySocket.set(socket, facts);
}

/** How `socket` was opened, when a routed agent opened it. */
export function routedConnectionFacts(socket: Socket): RoutedConnectionFacts | undefined {
  return factsBySocket.get(socket);
}

/** "TCP connected to 127.0.0.1:3128 (the proxy) from …, connect 1.2 ms; tunnel to host:443 in 3.4 ms". */
export function describeConnectionFacts(facts: RoutedConnectionFacts, target: string): string {
  const hop = facts.proxy ? `the proxy ${facts.proxy} (${facts.remote})` : facts.remote;
  const parts = [`TCP connected to ${hop} from ${facts.local} (connect ${facts.connectMs.toFixed(1)} ms)`];
  if (facts.tunnelMs !== undefined) parts.push(`CONNECT tunnel to ${target} in ${facts.tunnelMs.toFixed(1)} ms`);
  return parts.join('; ');
}
