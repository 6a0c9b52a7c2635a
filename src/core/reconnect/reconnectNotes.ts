/**
 * The words of a reconnecting session's own rows (issue 12): each attempt is a new segment of the same log, and
 * these rows say where one ends and the next begins, how long the session was offline, and why it stops. Our
 * own words only; the previous attempt's close summary is quoted as the engine wrote it (the panel masks and
 * escapes rows). Pure.
 */
import type { AttemptPlan } from './reconnectBackoff';
import { seconds } from './reconnectPolicy';
import { attemptText } from './reconnectStatus';

/** Longest close summary quoted in a row. */
const MAX_QUOTED_CHARS = 200;

/** "Connection lost (Closed by the server: 1001.). Reconnecting in 4.2 s — attempt 3." */
export function waitingNote(lost: string | undefined, plan: AttemptPlan, maxAttempts: number | undefined): string {
  const why = lost ? `Connection lost (${quote(lost)}). ` : '';
  const attempt = attemptText({ attempt: plan.attempt, maxAttempts });
  return (
    `${why}Reconnecting in ${seconds(plan.delayMs)} — attempt ${attempt} ` +
    `(a wait drawn from 0–${seconds(plan.ceilingMs)}, full jitter).`
  );
}

/** The row that opens a new segment: "Attempt 3 — 12.4 s offline so far; a new connection follows." */
export function attemptNote(attempt: number, maxAttempts: number | undefined, offlineMs: number | undefined): string {
  const offline = offlineMs === undefined ? '' : ` — ${seconds(offlineMs)} offline so far`;
  return `Attempt ${attemptText({ attempt, maxAttempts })}${offline}; a new connection follows in this log.`;
}

/** "Attempt 3 connected after 12.4 s offline." */
export function reconnectedNote(attempt: number, offlineMs: number | undefined): string {
  const offline = offlineMs === undefined ? '' : ` after ${seconds(offlineMs)} offline`;
  return `Attempt ${attempt} connected${offline}.`;
}

/** The user pressed Retry now during the wait. */
export function retryNowNote(attempt: number): string {
  return `Retrying now (attempt ${attempt}), as the user asked; the wait is skipped.`;
}

/** The user pressed Retry now after the session gave up: a new run, its backoff reset. */
export function retryAfterGivingUpNote(attempt: number, maxAttempts: number | undefined): string {
  return (
    `Retrying at the user's request after giving up: the backoff starts over (attempt ` +
    `${attemptText({ attempt, maxAttempts })}).`
  );
}

/** The policy's attempts are used up. */
export function gaveUpNote(attempts: number): string {
  return `Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in a row (the profile's maxAttempts).`;
}

export const CANCELLED_NOTE = 'Reconnecting cancelled by the user: the session stays closed.';
export const USER_CLOSED_NOTE = 'Closed by the user: the session does not reconnect.';

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_QUOTED_CHARS ? `${line.slice(0, MAX_QUOTED_CHARS)}…` : line;
}
