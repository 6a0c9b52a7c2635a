/**
 * The countdown of a reconnecting session (issue 12), in the words the status bar and the panel header both
 * show: whole seconds rounded up, never below 0. Each side redraws it when its number changes, only while the
 * session waits (CountdownTicker).
 */
import type { ReconnectStatusDto, SessionInfoDto } from './dto';

/** "reconnecting in 4 s (attempt 3)" while waiting; "reconnecting (attempt 3)" while that attempt runs. */
export function countdownText(status: ReconnectStatusDto, now: number): string | undefined {
  const attempt = status.maxAttempts === undefined ? `${status.attempt}` : `${status.attempt} of ${status.maxAttempts}`;
  if (status.phase === 'waiting' && status.nextAttemptAt !== undefined)
    return `reconnecting in ${waitText(secondsLeft(status.nextAttemptAt, now))} (attempt ${attempt})`;
  if (status.phase === 'connecting' && status.attempt > 0) return `reconnecting (attempt ${attempt})`;
  return undefined;
}

/**
 * The header as received, its reconnect instants moved onto the receiver's clock: the next attempt is the time
 * left after `receivedAt`, the offline start the time offline before it. The host's instants are on the host's
 * wall clock, which in VS Code Remote is another machine's; the durations were measured there when the header was
 * made, so only the message's transit is lost. A header without durations is left as it is. Pure.
 */
export function onReceiverClock(session: SessionInfoDto, receivedAt: number): SessionInfoDto {
  const status = session.reconnect;
  if (!status || (status.nextAttemptInMs === undefined && status.offlineForMs === undefined)) return session;
  const rebased: ReconnectStatusDto = { ...status };
  if (status.nextAttemptInMs !== undefined) rebased.nextAttemptAt = receivedAt + status.nextAttemptInMs;
  if (status.offlineForMs !== undefined) rebased.offlineSince = receivedAt - status.offlineForMs;
  return { ...session, reconnect: rebased };
}

/** Whole seconds until `at`, rounded up, at least 0. */
export function secondsLeft(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "4 s", or past a minute "17 min 10 s". */
export function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** How often a countdown is redrawn once its attempt is due and has not begun yet (ms). */
export const COUNTDOWN_TICK_MS = 1000;

/** A redraw lands this long after the number changed, so a timer that fires a hair early still sees the new one. */
const EDGE_MS = 10;

/**
 * How long until the countdown's number changes (ms): the text is the seconds left rounded up, so it drops each
 * time the time left crosses a whole second. Once the attempt is due, once a second.
 */
export function msUntilCountdownChanges(nextAttemptAt: number, now: number): number {
  const left = nextAttemptAt - now;
  if (left <= 0) return COUNTDOWN_TICK_MS;
  return (left % 1000 || 1000) + EDGE_MS;
}

/** The timers a countdown ticks with: the host's or the browser's (a test's manual clock). */
export interface CountdownTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * Redraws a countdown when its number changes — on the second boundaries of the wait, not once a second from
 * whenever the wait began, which showed a number up to a second stale. One timer at a time, only while the
 * session waits, none after dispose.
 */
export class CountdownTicker {
  private handle: unknown;
  private disposed = false;

  constructor(
    private readonly timers: CountdownTimers,
    private readonly redraw: () => void,
  ) {}

  /** Follows `status` (call it on every change): ticks while it waits, stops otherwise. */
  follow(status: ReconnectStatusDto | undefined): void {
    this.stop();
    const at = status?.phase === 'waiting' ? status.nextAttemptAt : undefined;
    if (this.disposed || at === undefined) return;
    this.handle = this.timers.setTimeout(
      () => {
        this.handle = undefined;
        this.follow(status);
        this.redraw();
      },
      msUntilCountdownChanges(at, this.timers.now()),
    );
  }

  /** Whether a redraw is booked (for tests). */
  get ticking(): boolean {
    return this.handle !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private stop(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
