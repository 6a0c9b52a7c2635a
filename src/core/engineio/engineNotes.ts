/** The engine's words on its own rows: the connecting note, the open note, and hints. */
import type { ResolvedEngineIoOptions, TransportPolicy } from '../connection/engineIoOptions';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import type { EioVersion } from './eioPacket';
import { keptHeartbeat, MAX_HEARTBEAT_MS, type OpenPacket } from './openPacket';

/** Why an `auto` session speaks v3 after a length-prefixed handshake answer. */
export const v3Explanation =
  'The server answered in Engine.IO v3 framing ("<length>:0{…"): it is Socket.IO 2.x / engine.io 3.x.';

/** The `connecting` row: where to, which protocol, which transports. */
export function describeAttempt(o: ResolvedEngineIoOptions): string {
  const kind = o.kind === 'socketio' ? 'Socket.IO' : 'Engine.IO';
  const protocol = o.protocolVersion === 'auto' ? 'auto-detected' : `v${o.protocolVersion}`;
  return `Connecting to ${o.endpoint.href} (${kind}, protocol ${protocol}, ${o.transports})`;
}

/** The `open` row: the sid and what the open packet said. */
export function openNote(open: OpenPacket, transport: string | undefined): string {
  const max = open.maxPayload ? `, maxPayload ${open.maxPayload}` : '';
  const kept = keptHeartbeat(open);
  const capped = kept.capped
    ? `; the inspector waits at most ${MAX_HEARTBEAT_MS / 60_000} min on each (pingInterval ${kept.pingInterval} ms,` +
      ` pingTimeout ${kept.pingTimeout} ms): a longer wait would leave a dead link unnoticed`
    : '';
  return (
    `Open: sid ${open.sid} on ${transport}, upgrades [${open.upgrades.join(', ')}], ` +
    `pingInterval ${open.pingInterval} ms, pingTimeout ${open.pingTimeout} ms${max}${capped}`
  );
}

/** What to do about a heartbeat that stopped: a v3 server over WebSocket only waits for our pings. */
export function heartbeatHint(version: EioVersion, transport: string | undefined, policy: TransportPolicy): string {
  if (version === 4 && transport === 'websocket' && policy === 'websocket-only') {
    return 'A Socket.IO 2 (Engine.IO v3) server waits for the client to ping: choose protocol v3.';
  }
  return 'The server or the network stopped responding.';
}

/** No open packet in time: check the URL and path, or wait longer. */
export function handshakeTimeoutError(ms: number): ErrorMeta {
  return {
    code: ErrorCode.HandshakeTimeout,
    message: `No Engine.IO open packet within ${ms} ms.`,
    hint:
      'Check the URL and path (Socket.IO serves /socket.io/, plain Engine.IO /engine.io/), ' +
      'or raise realtimeInspector.handshakeTimeoutMs.',
  };
}
