/**
 * A floor between long-polls after an empty answer (issue #7): a server that answers every GET at
 * once with a noop would otherwise drive thousands of polls per second, each one a row in the log.
 */
import type { Clock } from '../clock';
import type { TimerSet } from '../session/timerSet';

/**
 * Least time from the start of a GET to the start of the next one when the answer was empty (only
 * noops, or nothing). A real server answers a GET empty only around an upgrade or a close: engine.io
 * answers the pending GET with a noop to end it when the client pauses for the upgrade (polling then
 * stops, so no GET waits on this floor), and forces a noop every 100 ms while an upgrade is in
 * progress (the client pauses as soon as it sees the probe answered). Data is never answered empty,
 * and a long-poll held for this long or longer is never delayed at all, so 500 ms never slows a
 * working session, yet holds a hostile one to at most two polls per second.
 */
export const EMPTY_POLL_MIN_GAP_MS = 500;

/**
 * How long to wait before the next GET: 0 unless the answer was empty and came back sooner than the
 * floor after its GET started. Pure.
 */
export function emptyPollWaitMs(
  answerWasEmpty: boolean,
  getStartedMono: number,
  nowMono: number,
  gapMs = EMPTY_POLL_MIN_GAP_MS,
): number {
  if (!answerWasEmpty) return 0;
  const elapsed = nowMono - getStartedMono;
  if (!(elapsed < gapMs)) return 0; // held long enough (or no usable times: never wait on NaN)
  // A clock that went backwards (elapsed < 0) waits the floor, never more.
  return Math.min(gapMs, Math.ceil(gapMs - Math.max(0, elapsed)));
}

/** The note on a long-poll GET row, saying whether (and how long) it waited for the floor. */
export function longPollNote(waitedMs: number | undefined): string {
  return waitedMs ? `Long-poll GET (waited ${waitedMs} ms after an empty answer)` : 'Long-poll GET';
}

/**
 * Schedules the next long-poll through the session's timers (its injected clock): at once, or after
 * the floor. At most one is pending; `cancel` drops it.
 */
export class PollPacer {
  private pending: unknown;

  constructor(
    private readonly timers: TimerSet,
    private readonly clock: Clock,
  ) {}

  /** Calls `poll` now or once the floor has passed, with the ms it waited (undefined when it did not). */
  next(answerWasEmpty: boolean, getStartedMono: number, poll: (waitedMs?: number) => void): void {
    this.cancel();
    const wait = emptyPollWaitMs(answerWasEmpty, getStartedMono, this.clock.mono());
    if (wait === 0) {
      poll();
      return;
    }
    this.pending = this.timers.start(wait, () => {
      this.pending = undefined;
      poll(wait);
    });
  }

  cancel(): void {
    this.timers.clear(this.pending);
    this.pending = undefined;
  }
}
