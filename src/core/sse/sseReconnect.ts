/**
 * When an SSE session reconnects (WHATWG "reestablish the connection", issue 11): after the server's
 * reconnection time (`retry`), never sooner than a floor of 1 s, doubled for every attempt in a row that
 * brought no event (exponential backoff), plus jitter so that many clients of one server do not come back in
 * step. Jitter only adds: the server's retry and the floor stay minimums. Randomness is injected. Pure.
 */
import { cutText } from './sseNotes';

/** WHATWG leaves the first reconnection time to the user agent ("a few seconds"); browsers use 3–5 s. */
export const DEFAULT_RETRY_MS = 3_000;
/** The floor under every wait: a server's `retry: 0` must not make the session hammer it. */
export const RECONNECT_FLOOR_MS = 1_000;
/** What a run of failures backs off to at most, unless the server's own retry is longer. */
export const MAX_BACKOFF_MS = 60_000;
/** The longest retry honoured (1 h): longer values are cut (Node's timers overflow at 2^31 ms). */
export const MAX_RETRY_MS = 3_600_000;
/** Jitter adds up to this share of the delay. */
export const JITTER_SHARE = 0.3;

/** The next attempt: its number (2 = the first reconnect), the wait, and the retry time it came from. */
export interface ReconnectPlan {
  attempt: number;
  delayMs: number;
  retryMs: number;
  /** Attempts in a row that brought no event before this one (0: the wait is the retry time). */
  failures: number;
}

/** The reconnection time and the run of failures of one session. */
export class ReconnectSchedule {
  private retry = DEFAULT_RETRY_MS;
  private failures = 0;
  private attempts = 1;

  constructor(private readonly random: () => number = Math.random) {}

  /** The reconnection time in force. */
  get retryMs(): number {
    return this.retry;
  }

  /** The server's `retry` field; returns the time in force (cut at MAX_RETRY_MS). */
  setRetry(ms: number): number {
    this.retry = Math.min(Math.max(0, Math.floor(ms)), MAX_RETRY_MS);
    return this.retry;
  }

  /** The connection delivered an event: the next reconnect waits the retry time again, not a backoff. */
  delivered(): void {
    this.failures = 0;
  }

  /** Plans the next attempt and counts it as one more failure until an event arrives. */
  next(): ReconnectPlan {
    const base = Math.max(RECONNECT_FLOOR_MS, this.retry);
    const backoff = Math.min(base * 2 ** this.failures, Math.max(MAX_BACKOFF_MS, base));
    const delayMs = Math.round(backoff * (1 + JITTER_SHARE * unitInterval(this.random())));
    const plan = { attempt: ++this.attempts, delayMs, retryMs: this.retry, failures: this.failures };
    // Capped so that 2 ** failures stays finite in a session that fails for days.
    this.failures = Math.min(this.failures + 1, 32);
    return plan;
  }
}

/** A random value forced into [0, 1): an injected source that misbehaves cannot make a wait negative or NaN. */
function unitInterval(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 0.999_999) : 0;
}

/** The `reconnecting` row's note: why, which attempt, how long, and what the wait is made of. */
export function reconnectNote(why: string, plan: ReconnectPlan, lastEventId: string | undefined): string {
  const floor = plan.retryMs < RECONNECT_FLOOR_MS ? `, raised to the ${RECONNECT_FLOOR_MS} ms floor` : '';
  const made =
    plan.failures === 0
      ? `retry ${plan.retryMs} ms${floor}`
      : `backoff after ${plan.failures} attempt${plan.failures === 1 ? '' : 's'} without an event`;
  const id = lastEventId ? `, Last-Event-ID "${cutText(lastEventId)}"` : ', no Last-Event-ID';
  return `${why} Reconnecting (attempt ${plan.attempt}) in ${plan.delayMs} ms (${made}, with jitter)${id}.`;
}
