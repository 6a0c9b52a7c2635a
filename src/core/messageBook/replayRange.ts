/**
 * Replays a range of outgoing messages on a session with their original timing: each is sent when its
 * original gap to the previous one, divided by `speed` (0.1–100) and capped at MAX_REPLAY_GAP_MS (10 s),
 * has passed. The plan is checked whole before the first send (a range with an event that cannot be sent
 * again sends nothing). Times are measured from the replay's start on the injected clock, so waits do not
 * add up their lateness. Cancellable: once the signal is aborted nothing more is sent.
 */
import type { ErrorMeta, LogEvent } from '../events/logEvent';
import { MAX_REPLAY_SPEED, MIN_REPLAY_SPEED } from './bookLimits';
import { BookErrorCode, bookError } from './bookErrors';
import { pause } from './pause';
import { planReplay } from './replayPlan';
import { report, type RunSummary, type SequenceOptions, type SequenceSession } from './sequenceTypes';

export interface ReplayOptions extends SequenceOptions {
  /** Speed factor: 2 plays twice as fast, 0.5 at half speed. */
  speed: number;
}

export interface ReplaySummary extends RunSummary {
  /** Engine.IO rows left out because they carried a Socket.IO packet of the range. */
  skipped: number;
}

/** Replays `events` on `session`. Never rejects. */
export async function replayRange(
  session: SequenceSession,
  events: readonly LogEvent[],
  options: ReplayOptions,
): Promise<ReplaySummary> {
  const { speed, clock, signal, onProgress } = options;
  if (!(speed >= MIN_REPLAY_SPEED && speed <= MAX_REPLAY_SPEED)) {
    const message = `The replay speed must be between ${MIN_REPLAY_SPEED} and ${MAX_REPLAY_SPEED} (it is ${speed}).`;
    return stopped(0, 0, [], 0, 'failed', bookError(BookErrorCode.ReplayRefused, message));
  }
  const plan = planReplay(events, session.options.kind, speed);
  if (!plan.ok) return stopped(0, 0, [], 0, 'failed', { ...plan.error, hint: 'Nothing was sent.' });
  const { steps, skipped } = plan;
  const sent: number[] = [];
  const start = clock.mono();
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    report(onProgress, index, steps.length, 'delaying');
    const waited = await pause(clock, start + step.atMs - clock.mono(), signal);
    if (!waited || signal?.aborted) {
      const error = bookError(
        BookErrorCode.Cancelled,
        `Cancelled: ${sent.length} of ${steps.length} messages were sent.`,
      );
      report(onProgress, index, steps.length, 'cancelled');
      return stopped(steps.length, index, sent, skipped, 'cancelled', error);
    }
    report(onProgress, index, steps.length, 'sending');
    const outcome = session.send(step.request);
    if (!outcome.ok) {
      const error = { ...outcome.error, message: `Replaying event #${step.seq}: ${outcome.error.message}` };
      report(onProgress, index, steps.length, 'failed');
      return stopped(steps.length, index, sent, skipped, 'failed', error);
    }
    sent.push(outcome.seq);
    report(onProgress, index, steps.length, 'done');
  }
  const message = `Replayed ${sent.length} messages${skipped ? ` (${skipped} carrier rows left out)` : ''}.`;
  return { outcome: 'completed', total: steps.length, completed: steps.length, sent, skipped, message };
}

function stopped(
  total: number,
  index: number,
  sent: number[],
  skipped: number,
  outcome: 'failed' | 'cancelled',
  error: ErrorMeta,
): ReplaySummary {
  return { outcome, total, completed: index, sent, skipped, stoppedAt: { index, error }, message: error.message };
}
