/**
 * Where a reconnecting session stands (issue 12), for its header and the status bar: plain data in the
 * session's info, projected as it is into the panel's DTO. Declared once here.
 */

/**
 * connecting: an attempt is under way (the first connection or a reconnect); open: connected; waiting: the
 * connection was lost and the next attempt is booked; stopped: no more attempts (see `stoppedReason`).
 */
export type ReconnectPhase = 'connecting' | 'open' | 'waiting' | 'stopped';

export interface ReconnectStatus {
  phase: ReconnectPhase;
  /** The attempt under way or booked in the current run: 1 = the first after the connection was lost; 0 = none. */
  attempt: number;
  /** The policy's limit on attempts in a row, when it has one. */
  maxAttempts?: number;
  /** waiting: wall-clock ms when the next attempt starts (the countdown counts down to it). */
  nextAttemptAt?: number;
  /** waiting: how long the wait is in all (ms). */
  delayMs?: number;
  /** Wall-clock ms since when the session has had no open connection, while it has none after having had one. */
  offlineSince?: number;
  /** Connections that opened in this session so far. */
  connections: number;
  /** stopped: why, in plain words (our own text: the server's words never go here). */
  stoppedReason?: string;
  /**
   * Retry now is offered: while waiting, and once stopped after giving up on `maxAttempts` (a new run, the backoff
   * reset). Absent after a stop the user must act on first (their close, a 401/403, a refused certificate, a 407).
   */
  canRetryNow?: boolean;
  /** The policy in words ("backoff 1 s doubling to 30 s with full jitter, reset after 60 s open"). */
  policy: string;
}

/** "3" or "3 of 10". */
export function attemptText(status: Pick<ReconnectStatus, 'attempt' | 'maxAttempts'>): string {
  return status.maxAttempts === undefined ? `${status.attempt}` : `${status.attempt} of ${status.maxAttempts}`;
}
