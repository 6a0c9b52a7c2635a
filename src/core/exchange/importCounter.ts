/**
 * Counts what an import appends, for the imported session's header: messages and bytes each way (the rows a
 * live session of the kind counts), when it opened and ended, and the Engine.IO facts (sid, heartbeat,
 * transport, upgrade) read from the decoded rows.
 */
import type { ConnectionKind } from '../connection/connectionKinds';
import type { Disposable } from '../disposable';
import type { EventLog } from '../events/eventLog';
import type { LogEvent } from '../events/logEvent';
import type { SessionInfo } from '../session/session';

export class ImportCounter implements Disposable {
  private readonly subscription: Disposable;
  private readonly facts: Partial<SessionInfo> = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };
  private first: number | undefined;
  private last: number | undefined;
  private sawPolling = false;

  constructor(
    log: EventLog,
    private readonly kind: ConnectionKind,
  ) {
    this.subscription = log.onAppend((event) => this.count(event));
  }

  /** The counted facts over `base`. */
  info(base: SessionInfo): SessionInfo {
    const info: SessionInfo = { ...base, ...this.facts };
    if (this.first !== undefined) info.startedAt = this.first;
    if (this.last !== undefined) info.closedAt = this.last;
    if (info.transport === 'websocket' && this.sawPolling) info.upgrade = 'upgraded';
    return info;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private count(event: LogEvent): void {
    this.first ??= event.time;
    this.last = Math.max(this.last ?? event.time, event.time);
    if (event.direction === 'in' && event.layer !== 'eio' && event.type.endsWith('-response'))
      this.facts.openedAt ??= event.time;
    const eio = event.meta?.eio;
    if (event.layer === 'eio' && eio?.transport) {
      this.facts.transport = eio.transport;
      if (eio.transport === 'polling') this.sawPolling = true;
    }
    if (event.type === 'eio-open' && eio?.sid !== undefined && this.facts.sid === undefined)
      Object.assign(this.facts, { sid: eio.sid, pingInterval: eio.pingInterval, pingTimeout: eio.pingTimeout });
    if (!this.isMessage(event)) return;
    if (event.direction === 'in') {
      this.facts.messagesIn! += 1;
      this.facts.bytesIn! += event.size;
    } else {
      this.facts.messagesOut! += 1;
      this.facts.bytesOut! += event.size;
    }
  }

  /** The rows a live session of the kind counts as messages. */
  private isMessage(event: LogEvent): boolean {
    switch (this.kind) {
      case 'websocket':
        return event.layer === 'ws' && event.type === 'message';
      case 'engineio':
      case 'socketio':
        return event.type === 'eio-message';
      case 'sse':
        return event.type === 'sse-event';
      default:
        return event.type === 'poll-response' || event.type === 'poll-request';
    }
  }
}
