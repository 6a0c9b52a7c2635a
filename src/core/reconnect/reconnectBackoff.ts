/**
 * How long to wait before the next reconnect attempt (issue 12): "full jitter" — a wait drawn at random from
 * 0 up to a ceiling that starts at the policy's initial delay and doubles per failed attempt up to its maximum —
 * so that the clients of a server that restarted do not all come back in step. A connection that stayed open
 * for the policy's `resetAfterMs` forgets the run of failures. Time and randomness come from outside. Pure.
 */
import type { ReconnectPolicy } from './reconnectPolicy';

/** No wait is shorter than this, however small the random draw: a server that drops at once is never hammered. */
export const MIN_WAIT_MS = 100;

/** The next attempt: its number in the current run (1 = the first after the connection was lost) and its wait. */
export interface AttemptPlan {
  attempt: number;
  delayMs: number;
  /** The top of the range the wait was drawn from. */
  ceilingMs: number;
}

/** The ceiling of the wait after `failures` attempts in a row: initial × 2^failures, at most the maximum. */
export function backoffCeilingMs(policy: ReconnectPolicy, failures: number): number {
  // Capped so that 2 ** failures stays finite in a session that fails for days.
  const doubled = policy.initialDelayMs * 2 ** Math.min(Math.max(0, failures), 32);
  return Math.min(policy.maxDelayMs, doubled);
}

/** A wait in [MIN_WAIT_MS, ceiling]: `random` gives values in [0, 1); a source that misbehaves cannot make it NaN. */
export function jitteredDelayMs(ceilingMs: number, random: () => number): number {
  const draw = random();
  const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
  return Math.max(MIN_WAIT_MS, Math.round(unit * ceilingMs));
}

/** The run of failed attempts of one session and the plan for the next. */
export class ReconnectBackoff {
  /** Attempts in a row that did not stay open for `resetAfterMs` (the backoff exponent). */
  private failures = 0;

  constructor(
    private readonly policy: ReconnectPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts made in the current run (0 right after a stable connection). */
  get attemptsInRow(): number {
    return this.failures;
  }

  /** Whether the policy's attempts are used up (never without `maxAttempts`). */
  get exhausted(): boolean {
    return this.policy.maxAttempts !== undefined && this.failures >= this.policy.maxAttempts;
  }

  /**
   * The connection was lost (or an attempt failed) after being open `openMs` (undefined: it never opened). Open
   * long enough, it starts a new run: the next wait is drawn below the initial delay again, as attempt 1.
   */
  lost(openMs: number | undefined): void {
    if (openMs !== undefined && openMs >= this.policy.resetAfterMs) this.failures = 0;
  }

  /** Plans the next attempt and counts it in the run. */
  next(): AttemptPlan {
    const ceilingMs = backoffCeilingMs(this.policy, this.failures);
    const delayMs = jitteredDelayMs(ceilingMs, this.random);
    this.failures++;
    return { attempt: this.failures, delayMs, ceilingMs };
  }

  /** The user asked to start over (Retry now after giving up). */
  reset(): void {
    this.failures = 0;
  }
}
