/**
 * How an SSE session's facts change (session/sessionStatus.ts holds them): "changed" on every state change and
 * at most every COUNTER_PUBLISH_MS for the counters (never per event, issue #9).
 */
import type { Clock } from '../clock';
import type { ResolvedSseOptions } from '../connection/sseOptions';
import type { Disposable } from '../disposable';
import { initialSessionInfo, SessionStatus } from '../session/sessionStatus';
import { COUNTER_PUBLISH_MS } from '../websocket/sessionContext';

/** The status an SSE session starts with; `route`: the proxy it goes through (network/routeFacts.ts). */
export function sseSessionStatus(
  options: ResolvedSseOptions,
  clock: Clock,
  route: { via?: string } = {},
): SessionStatus {
  const protocol = `Server-Sent Events over ${options.method}`;
  return new SessionStatus(initialSessionInfo(options.url, 'sse', clock.now(), { protocol, ...route }));
}

/** The changes an SSE session makes to its facts: reconnecting, open, counted events, close. */
export class SseStatus implements Disposable {
  private counterTimer: unknown;
  private counterTimerSet = false;

  constructor(
    private readonly status: SessionStatus,
    private readonly clock: Clock,
  ) {}

  /** Back to connecting (a reconnect is planned); a closed session stays closed. */
  reconnecting(): void {
    if (this.status.isClosed || this.status.info.state === 'connecting') return;
    this.status.info.state = 'connecting';
    this.fireChanged();
  }

  /** A stream opened after `handshakeMs` (request sent → response head). */
  opened(handshakeMs: number): void {
    if (this.status.isClosed) return;
    Object.assign(this.status.info, { state: 'open', openedAt: this.clock.now(), handshakeMs });
    this.fireChanged();
    this.status.settle('open');
  }

  /** One event in, `bytes` of data. */
  countEvent(bytes: number): void {
    this.status.info.messagesIn++;
    this.status.info.bytesIn += bytes;
    if (!this.counterTimerSet && !this.status.isClosed) {
      this.counterTimerSet = true;
      this.counterTimer = this.clock.setTimeout(() => this.fireChanged(), COUNTER_PUBLISH_MS);
    }
  }

  /** The session ended; `closeSummary` says why in one line. `start()` and `close()` resolve. */
  closed(closeSummary: string): void {
    if (this.status.isClosed) return;
    Object.assign(this.status.info, { state: 'closed', closedAt: this.clock.now(), closeSummary });
    this.fireChanged();
    this.status.settle('closed');
  }

  dispose(): void {
    this.cancelCounterTimer();
  }

  private fireChanged(): void {
    this.cancelCounterTimer();
    this.status.fireChanged();
  }

  private cancelCounterTimer(): void {
    if (!this.counterTimerSet) return;
    this.counterTimerSet = false;
    this.clock.clearTimeout(this.counterTimer);
  }
}
