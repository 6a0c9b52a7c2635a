/**
 * Where an SSE session stands, for its owner: the header facts (SessionInfo), "changed" on every state change
 * and at most every COUNTER_PUBLISH_MS for the counters (never per event, issue #9), and the promises that
 * `start()` and `close()` return.
 */
import type { Clock } from '../clock';
import type { ResolvedSseOptions } from '../connection/sseOptions';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { SessionInfo, SessionState } from '../session/session';
import { COUNTER_PUBLISH_MS } from '../websocket/sessionContext';

export class SseStatus implements Disposable {
  readonly info: SessionInfo;
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (state: SessionState) => void = () => undefined;
  private closedWaiters: Array<() => void> = [];
  private counterTimer: unknown;
  private counterTimerSet = false;

  constructor(
    options: ResolvedSseOptions,
    private readonly clock: Clock,
  ) {
    this.info = {
      state: 'connecting',
      url: options.url,
      kind: 'sse',
      startedAt: clock.now(),
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      protocol: `Server-Sent Events over ${options.method}`,
    };
  }

  get state(): SessionState {
    return this.info.state;
  }

  get isClosed(): boolean {
    return this.info.state === 'closed';
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  /** The promise of `start()`: made (and `begin` run) once; settles when the session opens or closes. */
  startOnce(begin: () => void): Promise<SessionState> {
    if (this.started) return this.started;
    this.started = new Promise((resolve) => {
      this.resolveStarted = resolve;
    });
    begin();
    return this.started;
  }

  /** Back to connecting (a reconnect is planned); a closed session stays closed. */
  reconnecting(): void {
    if (this.isClosed || this.info.state === 'connecting') return;
    this.info.state = 'connecting';
    this.fireChanged();
  }

  /** A stream opened after `handshakeMs` (request sent → response head). */
  opened(handshakeMs: number): void {
    if (this.isClosed) return;
    Object.assign(this.info, { state: 'open', openedAt: this.clock.now(), handshakeMs });
    this.fireChanged();
    this.resolveStarted('open');
  }

  /** One event in, `bytes` of data. */
  countEvent(bytes: number): void {
    this.info.messagesIn++;
    this.info.bytesIn += bytes;
    if (!this.counterTimerSet && !this.isClosed) {
      this.counterTimerSet = true;
      this.counterTimer = this.clock.setTimeout(() => this.fireChanged(), COUNTER_PUBLISH_MS);
    }
  }

  /** The session ended; `closeSummary` says why in one line. `start()` and `close()` resolve. */
  closed(closeSummary: string): void {
    if (this.isClosed) return;
    Object.assign(this.info, { state: 'closed', closedAt: this.clock.now(), closeSummary });
    this.fireChanged();
    this.resolveStarted('closed');
    for (const waiter of this.closedWaiters.splice(0)) waiter();
  }

  /** Resolves once the session is closed. */
  whenClosed(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise<void>((resolve) => this.closedWaiters.push(resolve));
  }

  dispose(): void {
    this.cancelCounterTimer();
    this.changed.dispose();
  }

  private fireChanged(): void {
    this.cancelCounterTimer();
    this.changed.fire(this.info);
  }

  private cancelCounterTimer(): void {
    if (!this.counterTimerSet) return;
    this.counterTimerSet = false;
    this.clock.clearTimeout(this.counterTimer);
  }
}
