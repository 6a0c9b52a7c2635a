/**
 * What a running sequence (Send All of a book) and a replay share: the session they need, how they report
 * progress, and the summary they end with.
 */
import type { Clock } from '../clock';
import type { Disposable } from '../disposable';
import type { EventLog } from '../events/eventLog';
import type { ErrorMeta } from '../events/logEvent';
import type { SendRequest, SessionKind } from '../session/sendRequest';
import type { SendOutcome, SessionState } from '../session/session';

/** The part of a Session that sequences and replays use (a Session is one). */
export interface SequenceSession {
  readonly options: { readonly kind: SessionKind };
  readonly log: Pick<EventLog, 'count' | 'page' | 'onAppend'>;
  readonly info: Readonly<{ state: SessionState }>;
  send(request: SendRequest): SendOutcome;
  onDidChange(listener: (info: Readonly<{ state: SessionState }>) => void): Disposable;
}

/** What a step is doing, or how it ended. */
export type StepState = 'sending' | 'delaying' | 'waiting' | 'done' | 'failed' | 'cancelled';

/** Called as each step starts and ends: `index` from 0, of `total` steps. Errors it throws are ignored. */
export type ProgressListener = (index: number, total: number, state: StepState) => void;

/** Options both runners take. */
export interface SequenceOptions {
  /** Timers and monotonic time (tests pass a manual clock). */
  clock: Clock;
  /** Cancels the run: nothing is sent once it is aborted. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export type RunOutcome = 'completed' | 'failed' | 'cancelled';

/** How a run ended. */
export interface RunSummary {
  outcome: RunOutcome;
  /** Steps in the run. */
  total: number;
  /** Steps finished. */
  completed: number;
  /** The log seq of each message sent, in order. */
  sent: number[];
  /** The step that failed or was cancelled, and why. */
  stoppedAt?: { index: number; error: ErrorMeta };
  /** One line in plain words, for a notification. */
  message: string;
}

/** Calls the listener, whatever it does. */
export function report(listener: ProgressListener | undefined, index: number, total: number, state: StepState): void {
  try {
    listener?.(index, total, state);
  } catch {
    // A progress display that fails must not stop the run.
  }
}
