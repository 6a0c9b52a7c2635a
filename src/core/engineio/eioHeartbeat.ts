/**
 * The Engine.IO heartbeat, in whichever direction the version uses (protocols.md):
 * - v4: the server pings every pingInterval and the client answers; silence for
 *   pingInterval + pingTimeout means the server is gone.
 * - v3: the client pings every pingInterval and expects a pong within pingTimeout.
 */
import type { TimerSet } from '../session/timerSet';
import type { EioVersion } from './eioPacket';

export interface HeartbeatHooks {
  /** v3: send a ping packet. */
  sendPing(): void;
  /** No ping (v4) or pong (v3) in time; `message` says which. */
  onTimeout(message: string): void;
}

export class EioHeartbeat {
  private watchdog: unknown;
  private pongDeadline: unknown;
  private version: EioVersion = 4;
  private pingInterval = 0;
  private pingTimeout = 0;

  constructor(
    private readonly timers: TimerSet,
    private readonly hooks: HeartbeatHooks,
  ) {}

  /** Starts (or restarts, after a version switch) with the open packet's values. */
  start(version: EioVersion, pingInterval: number, pingTimeout: number): void {
    this.stop();
    Object.assign(this, { version, pingInterval, pingTimeout });
    if (version === 4) this.resetWatchdog();
    else this.scheduleV3Ping();
  }

  /** v4: a server ping arrived. */
  onPing(): void {
    if (this.version === 4) this.resetWatchdog();
  }

  /** v3: the server answered our ping. */
  onPong(): void {
    if (this.version !== 3) return;
    this.timers.clear(this.pongDeadline);
    this.scheduleV3Ping();
  }

  stop(): void {
    this.timers.clear(this.watchdog);
    this.timers.clear(this.pongDeadline);
  }

  private resetWatchdog(): void {
    this.timers.clear(this.watchdog);
    const limit = this.pingInterval + this.pingTimeout;
    this.watchdog = this.timers.start(limit, () =>
      this.hooks.onTimeout(`No ping from the server within pingInterval + pingTimeout (${limit} ms).`),
    );
  }

  private scheduleV3Ping(): void {
    this.timers.clear(this.watchdog);
    this.watchdog = this.timers.start(this.pingInterval, () => {
      this.hooks.sendPing();
      this.pongDeadline = this.timers.start(this.pingTimeout, () =>
        this.hooks.onTimeout(`No pong within pingTimeout (${this.pingTimeout} ms) of our ping.`),
      );
    });
  }
}
