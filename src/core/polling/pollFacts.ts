/**
 * Where a polling session stands, for its owner: the header facts (state, counters, close summary),
 * "changed" on every state change and, for counters, at most every COUNTER_PUBLISH_MS (style.md: pay per
 * row shown, not per message), and the promises `start()` and `close()` return.
 */
import type { ResolvedPollOptions } from '../connection/pollOptions';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { SessionInfo, SessionState } from '../session/session';
import type { TimerSet } from '../session/timerSet';

/** How often changed counters are published. */
export const COUNTER_PUBLISH_MS = 100;

export class PollFacts implements Disposable {
  readonly info: SessionInfo;
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  private counterTimer: unknown;
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (state: SessionState) => void = () => undefined;
  private closedWaiters: Array<() => void> = [];

  constructor(
    options: ResolvedPollOptions,
    startedAt: number,
    private readonly timers: TimerSet,
  ) {
    this.info = {
      state: 'connecting',
      url: options.url,
      // SessionInfo names the kinds of connectionOptions.ts; until it lists 'longpoll' and 'shortpoll'
      // (issue 11 wiring) the kind is stated through this cast, which is then a no-op.
      kind: options.kind,
      startedAt,
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      protocol: options.kind === 'longpoll' ? 'HTTP long-polling' : 'HTTP short polling',
    };
  }

  get isClosed(): boolean {
    return this.info.state === 'closed';
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  /** Changes facts (the state among them) and says so at once. */
  update(patch: Partial<SessionInfo>): void {
    if (this.isClosed) return;
    Object.assign(this.info, patch);
    this.changed.fire(this.info);
  }

  /** Counts a request sent or an answer received; listeners hear of it on the next publication. */
  count(direction: 'in' | 'out', bytes: number): void {
    if (direction === 'in') {
      this.info.messagesIn++;
      this.info.bytesIn += bytes;
    } else {
      this.info.messagesOut++;
      this.info.bytesOut += bytes;
    }
    if (this.counterTimer !== undefined) return;
    this.counterTimer = this.timers.start(COUNTER_PUBLISH_MS, () => {
      this.counterTimer = undefined;
      this.changed.fire(this.info);
    });
  }

  /** The promise of `start()`: made (and `begin` run) once; settles when the session opens or closes. */
  startOnce(begin: () => void): Promise<SessionState> {
    if (this.started) return this.started;
    if (this.isClosed) return (this.started = Promise.resolve('closed'));
    this.started = new Promise((resolve) => {
      this.resolveStarted = resolve;
    });
    begin();
    return this.started;
  }

  /** Open: `start()` resolves. */
  opened(patch: Partial<SessionInfo>): void {
    this.update({ ...patch, state: 'open' });
    this.resolveStarted('open');
  }

  /** Closed, for good: the last change is told, `start()` and every `close()` resolve. */
  closed(patch: Partial<SessionInfo>): void {
    if (this.isClosed) return;
    this.timers.clear(this.counterTimer);
    this.counterTimer = undefined;
    this.update({ ...patch, state: 'closed' });
    this.resolveStarted('closed');
    for (const waiter of this.closedWaiters.splice(0)) waiter();
  }

  /** Resolves once the session is closed. */
  whenClosed(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise<void>((resolve) => this.closedWaiters.push(resolve));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
