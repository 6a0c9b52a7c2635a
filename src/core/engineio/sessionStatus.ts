/**
 * Where an Engine.IO / Socket.IO session stands, for its owner: the header facts (state, sid, transport,
 * counters…), "changed" when they change, and the promises `start()` and `close()` return.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { SessionInfo, SessionState } from '../session/session';
import { packetSize, type EioPacket } from './eioPacket';

export class SessionStatus implements Disposable {
  readonly info: SessionInfo;
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (state: SessionState) => void = () => undefined;
  private closedWaiters: Array<() => void> = [];

  constructor(options: ResolvedEngineIoOptions, startedAt: number, protocol: string) {
    this.info = {
      state: 'connecting',
      url: options.url,
      kind: options.kind,
      startedAt,
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      upgrade: 'none',
      protocol,
    };
  }

  get isClosed(): boolean {
    return this.info.state === 'closed';
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  /** Changes facts and says so. */
  update(patch: Partial<SessionInfo>): void {
    Object.assign(this.info, patch);
    this.changed.fire(this.info);
  }

  /** Counts a message packet in or out. */
  countMessage(direction: 'in' | 'out', packet: EioPacket): void {
    if (direction === 'in')
      this.update({ messagesIn: this.info.messagesIn + 1, bytesIn: this.info.bytesIn + packetSize(packet) });
    else this.update({ messagesOut: this.info.messagesOut + 1, bytesOut: this.info.bytesOut + packetSize(packet) });
  }

  /** The promise of `start()`: made (and `begin` run) once; settles when the session opens or closes. */
  startOnce(begin: () => void): Promise<SessionState> {
    if (this.started) return this.started;
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
