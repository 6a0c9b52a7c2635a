/**
 * Waits for one step of a run at a time (the session open, an answer, the POSTs in flight): until a condition
 * holds, the deadline passes on the injected clock, or the run is cancelled. The session's rows `poke` it;
 * nothing polls.
 */
import type { Clock } from '../clock';
import type { Disposable } from '../disposable';

export type WaitResult = 'met' | 'timeout' | 'aborted';

interface Waiting {
  condition: () => boolean;
  abortable: boolean;
  settle: (result: WaitResult) => void;
}

export class StepWaiter implements Disposable {
  private waiting: Waiting | undefined;
  private readonly onAbort = (): void => this.poke();

  constructor(
    private readonly clock: Clock,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', this.onAbort);
  }

  get aborted(): boolean {
    return this.signal?.aborted === true;
  }

  /**
   * Resolves once `condition()` holds (checked now and on each poke), at the deadline, or when cancelled —
   * unless not `abortable` (the close of a cancelled run still lets its goodbye finish).
   */
  until(condition: () => boolean, timeoutMs: number, abortable = true): Promise<WaitResult> {
    if (abortable && this.aborted) return Promise.resolve('aborted');
    if (condition()) return Promise.resolve('met');
    this.waiting?.settle('aborted');
    return new Promise<WaitResult>((resolve) => {
      const timer = this.clock.setTimeout(() => waiting.settle('timeout'), timeoutMs);
      const waiting: Waiting = {
        condition,
        abortable,
        settle: (result) => {
          if (this.waiting !== waiting) return;
          this.waiting = undefined;
          this.clock.clearTimeout(timer);
          resolve(result);
        },
      };
      this.waiting = waiting;
    });
  }

  /** Something changed: settles the wait whose condition now holds (or that was cancelled). */
  poke(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    if (waiting.abortable && this.aborted) waiting.settle('aborted');
    else if (waiting.condition()) waiting.settle('met');
  }

  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.waiting?.settle('aborted');
  }
}
