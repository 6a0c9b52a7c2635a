/**
 * Why the Engine.IO WebSocket transport closed, in words: the server switched protocols and then
 * answered in HTTP (engine.io's `{"code":5,…}` for a version it refuses), or the WebSocket layer
 * reported an error. Kept as the transport's own state, from the events its socket writes as they are
 * written (issue #8: the engine never reads its log back to decide).
 */
import type { Disposable } from '../../disposable';
import type { EventLog } from '../../events/eventLog';
import type { ErrorMeta, LogEvent, NewLogEvent } from '../../events/logEvent';
import type { EioVersion } from '../eioPacket';
import { explainHandshakeFailure } from '../versionHints';

export class WsCloseEvidence {
  private httpAfterUpgrade: { status: number; body: string } | undefined;
  private lastError: ErrorMeta | undefined;

  /** Takes note of an event the socket wrote. */
  note(event: NewLogEvent): void {
    if (event.type === 'http-after-upgrade') {
      const body = event.payload?.kind === 'text' ? event.payload.text : '';
      this.httpAfterUpgrade ??= { status: event.meta?.response?.status ?? 0, body };
    } else if (event.layer === 'ws' && event.type === 'error' && event.meta?.error) {
      this.lastError = event.meta.error;
    }
  }

  /** The refusal after the upgrade, else the WebSocket layer's last error, else undefined. */
  cause(version: EioVersion): ErrorMeta | undefined {
    const refusal = this.httpAfterUpgrade;
    if (refusal) return explainHandshakeFailure(refusal.status, refusal.body, version, true);
    return this.lastError;
  }
}

/**
 * `log` as the transport's socket sees it: every append goes to `log` unchanged, and `observe` sees
 * the stored event as it is written. Reads pass through; disposing it leaves `log` alone (the session owns it).
 */
export function observedLog(log: EventLog, observe: (event: LogEvent) => void): EventLog {
  return {
    get count() {
      return log.count;
    },
    get dropped() {
      return log.dropped;
    },
    append(event: NewLogEvent): LogEvent {
      const stored = log.append(event);
      observe(stored);
      return stored;
    },
    get: (seq: number) => log.get(seq),
    page: (fromSeq: number, limit: number) => log.page(fromSeq, limit),
    onAppend: (listener: (event: LogEvent) => void): Disposable => log.onAppend(listener),
    dispose: () => undefined,
  };
}
