/**
 * Notices a link where nothing at all arrives any more (issue 12, liveness): an open SSE stream that stays
 * silent longer than its idle timeout is probably half-open — the server or a middlebox vanished without
 * closing the TCP connection, and nothing will ever tell the reader. Arrivals only note the time (no timer
 * per chunk); one timer checks, and re-arms for what is left when something arrived meanwhile.
 */
import type { SessionLifecycle } from './sessionLifecycle';

export class IdleWatch {
  private lastHeardMono = 0;
  private timer: unknown;
  private running = false;

  constructor(
    private readonly lifecycle: SessionLifecycle,
    /** Silence this long (ms) is a dead link; 0 = never watched. */
    private readonly idleMs: number,
    /** Called once, with how long nothing arrived. */
    private readonly onIdle: (silentMs: number) => void,
  ) {}

  /** Starts watching from now (a no-op when the idle timeout is off). */
  start(): void {
    if (this.idleMs <= 0 || this.running) return;
    this.running = true;
    this.heard();
    this.arm(this.idleMs);
  }

  /** Something arrived: the silence starts again. */
  heard(): void {
    this.lastHeardMono = this.lifecycle.clock.mono();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.lifecycle.timers.clear(this.timer);
  }

  private arm(ms: number): void {
    const { lifecycle } = this;
    this.timer = lifecycle.timers.start(
      ms,
      lifecycle.guarded(() => this.check()),
    );
  }

  private check(): void {
    if (!this.running) return;
    const silentMs = this.lifecycle.clock.mono() - this.lastHeardMono;
    const left = this.idleMs - silentMs;
    if (left >= 1) {
      this.arm(Math.ceil(left));
      return;
    }
    this.running = false;
    this.onIdle(silentMs);
  }
}
