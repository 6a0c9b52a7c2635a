/**
 * The timers a session owns, on its injected clock: started, cleared one by one, or all at once when
 * the session ends, so no deadline fires into a closed session.
 */
import type { Clock } from '../clock';
import type { Disposable } from '../disposable';

export class TimerSet implements Disposable {
  private readonly handles = new Set<unknown>();

  constructor(private readonly clock: Clock) {}

  /** Runs `fn` once after `ms`; returns a handle for `clear`. */
  start(ms: number, fn: () => void): unknown {
    const handle = this.clock.setTimeout(() => {
      this.handles.delete(handle);
      fn();
    }, ms);
    this.handles.add(handle);
    return handle;
  }

  clear(handle: unknown): void {
    if (handle === undefined || !this.handles.has(handle)) return;
    this.clock.clearTimeout(handle);
    this.handles.delete(handle);
  }

  clearAll(): void {
    for (const handle of this.handles) this.clock.clearTimeout(handle);
    this.handles.clear();
  }

  dispose(): void {
    this.clearAll();
  }
}
