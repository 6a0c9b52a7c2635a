/**
 * The countdown of a reconnecting session (issue 12), in the words the status bar and the panel header both
 * show: whole seconds rounded up, never below 0. Each side ticks it once a second while the session waits.
 */
import type { ReconnectStatusDto } from './dto';

/** "reconnecting in 4 s (attempt 3)" while waiting; "reconnecting (attempt 3)" while that attempt runs. */
export function countdownText(status: ReconnectStatusDto, now: number): string | undefined {
  const attempt = status.maxAttempts === undefined ? `${status.attempt}` : `${status.attempt} of ${status.maxAttempts}`;
  if (status.phase === 'waiting' && status.nextAttemptAt !== undefined)
    return `reconnecting in ${waitText(secondsLeft(status.nextAttemptAt, now))} (attempt ${attempt})`;
  if (status.phase === 'connecting' && status.attempt > 0) return `reconnecting (attempt ${attempt})`;
  return undefined;
}

/** Whole seconds until `at`, rounded up, at least 0. */
export function secondsLeft(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "4 s", or past a minute "17 min 10 s". */
export function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** How often a countdown is redrawn while the session waits (ms). */
export const COUNTDOWN_TICK_MS = 1000;
