/**
 * What every engine's session needs for its lifetime, written once (issue #8): one guard that turns an
 * exception in our own code into an error row instead of a crash of the extension host, one timer set
 * on the injected clock, and one teardown that disposes what the session owns — in reverse order, once.
 * WebSocket, Engine.IO / Socket.IO, and the SSE and long-poll engines to come compose it.
 */
import type { Clock } from '../clock';
import { DisposableStore, type Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { TimerSet } from './timerSet';

/** Where the guard reports an exception it caught (the engine appends it as an error row). */
export type InternalErrorSink = (error: ErrorMeta) => void;

export class SessionLifecycle implements Disposable {
  /** Every timer of the session: cleared all at once at teardown, so nothing fires into a closed session. */
  readonly timers: TimerSet;
  private readonly owned = new DisposableStore();
  private tornDown = false;

  constructor(
    readonly clock: Clock,
    private readonly reportInternalError: InternalErrorSink,
  ) {
    this.timers = new TimerSet(clock);
  }

  /** True once `dispose` ran. */
  get isDisposed(): boolean {
    return this.tornDown;
  }

  /**
   * Runs `fn`, the entry of every callback from the network, a timer or a caller. What it throws is our
   * bug, not the server's doing: it becomes an RI_INTERNAL row, and the host keeps running.
   */
  guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.report(error);
    }
  }

  /** `fn` wrapped in the guard, for event listeners: `socket.on('data', lifecycle.guarded((b) => …))`. */
  guarded<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => this.guard(() => fn(...args));
  }

  /** A promise whose rejection is reported like a throw, never left unhandled. */
  watch(promise: Promise<unknown>): void {
    promise.then(undefined, (error: unknown) => this.report(error));
  }

  /** Registers something the session owns (a socket, an agent, a subscription): disposed at teardown. */
  own<T extends Disposable>(item: T): T {
    return this.owned.add(item);
  }

  /** Clears every timer and disposes what the session owns, once. */
  dispose(): void {
    if (this.tornDown) return;
    this.tornDown = true;
    this.timers.clearAll();
    this.owned.dispose();
  }

  private report(error: unknown): void {
    try {
      const err = error as { message?: unknown; stack?: unknown };
      const message = typeof err?.message === 'string' ? err.message : String(error);
      this.reportInternalError({
        code: ErrorCode.Internal,
        message: `Internal error while recording: ${message}`,
        detail: typeof err?.stack === 'string' ? err.stack : undefined,
      });
    } catch {
      // The log itself failed; nothing is left to record into, and throwing would crash the host.
    }
  }
}
