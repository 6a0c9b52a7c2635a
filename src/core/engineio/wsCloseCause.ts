/**
 * Why the Engine.IO WebSocket transport closed before the open packet, in words: the server switched
 * protocols and then answered in HTTP (engine.io's `{"code":5,…}` for a version it refuses), or the
 * WebSocket layer logged an error. Read from the last events of the shared log, where the WebSocket
 * session recorded them.
 */
import type { EventLog } from '../events/eventLog';
import type { ErrorMeta } from '../events/logEvent';
import type { EioVersion } from './eioPacket';
import { explainHandshakeFailure } from './versionHints';

/** How far back in the log the WebSocket transport's last events are looked for. */
const RECENT_EVENTS = 21;

/** The refusal after the upgrade, else the WebSocket layer's last error, else undefined. */
export function wsCloseCause(log: EventLog, version: EioVersion): ErrorMeta | undefined {
  const events = log.page(Math.max(1, log.count - RECENT_EVENTS + 1), RECENT_EVENTS);
  const http = events.find((e) => e.type === 'http-after-upgrade');
  if (http) {
    const body = http.payload?.kind === 'text' ? http.payload.text : '';
    return explainHandshakeFailure(http.meta?.response?.status ?? 0, body, version, true);
  }
  return [...events].reverse().find((e) => e.type === 'error' && e.layer === 'ws')?.meta?.error;
}
