/**
 * A clock that moves only when told (for engines that take their time from outside): timers fire in
 * `advance`, in order, never on their own. Wall time starts at a fixed instant; monotonic time at 0.
 */
import type { Clock } from '../../../src/core/clock';

export class ManualClock implements Clock {
  private time = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; ms: number; fn: () => void }>();

  now(): number {
    return 1_700_000_000_000 + this.time;
  }

  mono(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, ms, fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** The delays of the timers still pending, in the order they were set. */
  get pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  /** Moves time on by `ms` and runs every timer now due, earliest first (also those they set, when due). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].fn();
    }
    this.time = target;
  }
}
