/**
 * Coalesces render requests into at most one callback per animation frame: a flood of
 * `events/appended` batches costs one layout per frame, never one per message.
 */
import type { Disposable } from './disposables';

/** requestAnimationFrame and its cancel, injected so tests can step frames by hand. */
export interface FrameTimer {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const browserFrameTimer: FrameTimer = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/** Runs `render` on the next frame after any number of `schedule()` calls. */
export class FrameScheduler implements Disposable {
  private handle: number | undefined;
  private disposed = false;

  constructor(
    private readonly render: () => void,
    private readonly timer: FrameTimer = browserFrameTimer,
  ) {}

  /** True while a frame is booked. */
  get isScheduled(): boolean {
    return this.handle !== undefined;
  }

  /** Books one render on the next frame; further calls before it runs are free. */
  schedule(): void {
    if (this.disposed || this.handle !== undefined) return;
    this.handle = this.timer.request(() => {
      this.handle = undefined;
      this.render();
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.handle !== undefined) this.timer.cancel(this.handle);
    this.handle = undefined;
  }
}
