/** The note on a session's first row: what is being attempted, with which options. */
import type { ResolvedWebSocketOptions } from '../connection/connectionOptions';

/** "Connecting to …, subprotocols …, permessage-deflate offered, …": the options that shape the handshake. */
export function describeAttempt(o: ResolvedWebSocketOptions): string {
  const parts = [`Connecting to ${o.url}`];
  if (o.subprotocols.length) parts.push(`subprotocols ${o.subprotocols.join(', ')}`);
  parts.push(o.perMessageDeflate ? 'permessage-deflate offered' : 'no compression');
  if (o.url.startsWith('wss:')) parts.push(o.tls.rejectUnauthorized ? 'TLS verification on' : 'TLS verification OFF');
  parts.push(`handshake deadline ${o.handshakeTimeoutMs} ms`);
  if (o.heartbeatIntervalMs > 0)
    parts.push(`heartbeat every ${o.heartbeatIntervalMs} ms, pong within ${o.heartbeatTimeoutMs} ms`);
  if (o.followRedirects) parts.push(`following up to ${o.maxRedirects} redirects`);
  return parts.join(', ');
}
