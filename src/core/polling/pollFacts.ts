/**
 * How a polling session's facts change (session/sessionStatus.ts holds them): "changed" on every state change
 * and, for counters, at most every COUNTER_PUBLISH_MS (style.md: pay per row shown, not per message).
 */
import type { ResolvedPollOptions } from '../connection/pollOptions';
import type { SessionInfo } from '../session/session';
import { initialSessionInfo, SessionStatus } from '../session/sessionStatus';
import type { TimerSet } from '../session/timerSet';

/** How often changed counters are published. */
export const COUNTER_PUBLISH_MS = 100;

/** The status a polling session starts with; `route`: the proxy it goes through (network/routeFacts.ts). */
export function pollStatus(
  options: ResolvedPollOptions,
  startedAt: number,
  route: { via?: string } = {},
): SessionStatus {
  const protocol = options.kind === 'longpoll' ? 'HTTP long-polling' : 'HTTP short polling';
  // SessionInfo names the kinds of connectionOptions.ts; until it lists 'longpoll' and 'shortpoll'
  // (issue 11 wiring) the kind is stated through this cast, which is then a no-op.
  return new SessionStatus(initialSessionInfo(options.url, options.kind, startedAt, { protocol, ...route }));
}

/** The changes a polling session makes to its facts: state, counters, open and close. */
export class PollFacts {
  private counterTimer: unknown;

  constructor(
    private readonly status: SessionStatus,
    private readonly timers: TimerSet,
  ) {}

  /** Changes facts (the state among them) and says so at once. */
  update(patch: Partial<SessionInfo>): void {
    if (!this.status.isClosed) this.status.update(patch);
  }

  /** Counts a request sent or an answer received; listeners hear of it on the next publication. */
  count(direction: 'in' | 'out', bytes: number): void {
    const { info } = this.status;
    if (direction === 'in') {
      info.messagesIn++;
      info.bytesIn += bytes;
    } else {
      info.messagesOut++;
      info.bytesOut += bytes;
    }
    if (this.counterTimer !== undefined) return;
    this.counterTimer = this.timers.start(COUNTER_PUBLISH_MS, () => {
      this.counterTimer = undefined;
      this.status.fireChanged();
    });
  }

  /** Open: `start()` resolves. */
  opened(patch: Partial<SessionInfo>): void {
    this.update({ ...patch, state: 'open' });
    this.status.settle('open');
  }

  /** Closed, for good: the last change is told, `start()` and every `close()` resolve. */
  closed(patch: Partial<SessionInfo>): void {
    if (this.status.isClosed) return;
    this.timers.clear(this.counterTimer);
    this.counterTimer = undefined;
    this.update({ ...patch, state: 'closed' });
    this.status.settle('closed');
  }
}
