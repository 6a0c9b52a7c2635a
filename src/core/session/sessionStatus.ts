/**
 * Where a session stands, for its owner, written once for the Engine.IO, SSE and polling engines: the header
 * facts (SessionInfo), "changed" when the engine says so, and the promises that `start()` and `close()` return.
 * Each engine composes it with its own rules for changing the facts (counters, open, close).
 */
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { SessionInfo, SessionState } from './session';

/** The facts a session starts with: connecting since `startedAt`, nothing counted yet, plus the engine's `extra`. */
export function initialSessionInfo(
  url: string,
  kind: SessionInfo['kind'],
  startedAt: number,
  extra?: Partial<SessionInfo>,
): SessionInfo {
  return {
    state: 'connecting',
    url,
    kind,
    startedAt,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    ...extra,
  };
}

/** One session's facts, their "changed" event, and the waits for its start and its close. */
export class SessionStatus implements Disposable {
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (state: SessionState) => void = () => undefined;
  private closedWaiters: Array<() => void> = [];

  constructor(readonly info: SessionInfo) {}

  get isClosed(): boolean {
    return this.info.state === 'closed';
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  /** Changes facts and says so. */
  update(patch: Partial<SessionInfo>): void {
    Object.assign(this.info, patch);
    this.fireChanged();
  }

  /** Tells listeners the facts changed. */
  fireChanged(): void {
    this.changed.fire(this.info);
  }

  /**
   * The promise of `start()`: made (and `begin` run) once; settles when the session opens or closes. With
   * `closedFirst`, a session already closed when first started resolves 'closed' and `begin` never runs.
   */
  startOnce(begin: () => void, closedFirst = false): Promise<SessionState> {
    if (this.started) return this.started;
    if (closedFirst && this.isClosed) return (this.started = Promise.resolve('closed'));
    this.started = new Promise((resolve) => {
      this.resolveStarted = resolve;
    });
    begin();
    return this.started;
  }

  /** The session is open, or closed: `start()` resolves; once closed, `close()` resolves too. */
  settle(state: 'open' | 'closed'): void {
    this.resolveStarted(state);
    if (state === 'closed') for (const waiter of this.closedWaiters.splice(0)) waiter();
  }

  /** Resolves once the session is closed. */
  whenClosed(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise<void>((resolve) => this.closedWaiters.push(resolve));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
