/**
 * What the parts of one WebSocket session share (handshake, heartbeat, sender, close bookkeeping,
 * incoming traffic): the log appender, the lifecycle (guard, timers, teardown), the live facts the
 * header shows, and the `ws` socket once it exists. Composition, not inheritance (style.md).
 */
import type WebSocket from 'ws';
import type { Clock } from '../clock';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { SessionInfo, SessionState } from '../session/session';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import { initialSessionInfo } from '../session/sessionStatus';
import type { AppendEvent } from './eventAppender';

/** The shared context every part of a WebSocket session is built with. */
export interface WsSessionContext {
  readonly append: AppendEvent;
  readonly lifecycle: SessionLifecycle;
  readonly facts: LiveSessionFacts;
  /** The `ws` socket, once the connection attempt created it. */
  socket(): WebSocket | undefined;
}

/**
 * How often changed counters are published (issue #9): telling listeners of every message made each
 * frame of a flood pay for a status bar and a panel header that nobody can read at that rate.
 */
export const COUNTER_PUBLISH_MS = 100;

/**
 * The session's facts (SessionInfo), changed only through here. Only `setState` tells listeners at
 * once; after the other changes the caller appends its row first and then calls `fireChanged`, so a
 * listener that logs (Engine.IO on `open` and `closed`) writes after the row that caused it. Message
 * and byte counters are published on a timer, at most every COUNTER_PUBLISH_MS, never per message.
 */
export class LiveSessionFacts implements Disposable {
  readonly info: SessionInfo;
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  /** The pending publication of changed counters (a clock handle), if any. */
  private counterTimer: unknown;
  private counterTimerSet = false;

  constructor(
    url: string,
    private readonly clock: Clock,
    /** What is known before connecting: the proxy (network/routeFacts.ts). */
    route: { via?: string } = {},
  ) {
    this.info = initialSessionInfo(url, 'websocket', clock.now(), route);
  }

  get state(): SessionState {
    return this.info.state;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  /** Moves to `state` (closing, mostly); a closed session stays closed. */
  setState(state: SessionState): void {
    if (this.info.state === state || this.info.state === 'closed') return;
    this.info.state = state;
    this.fireChanged();
  }

  /** The time from request to 101, shown in the header. */
  handshakeTimed(durationMs: number | undefined): void {
    this.info.handshakeMs = durationMs;
  }

  /** The session opened with this negotiation (§4.1: subprotocol and extensions the server chose). */
  opened(subprotocol: string | undefined, extensions: string | undefined): void {
    Object.assign(this.info, { state: 'open', openedAt: this.clock.now(), subprotocol, extensions });
  }

  countIncoming(size: number): void {
    this.info.messagesIn++;
    this.info.bytesIn += size;
    if (!this.counterTimerSet) this.publishCountersSoon();
  }

  countOutgoing(size: number): void {
    this.info.messagesOut++;
    this.info.bytesOut += size;
    if (!this.counterTimerSet) this.publishCountersSoon();
  }

  /** The session ended; `closeSummary` says why in one line, `closeErrorCode` names the error that ended it. */
  closed(closeSummary: string, closeErrorCode?: string): void {
    Object.assign(this.info, { state: 'closed', closedAt: this.clock.now(), closeSummary });
    if (closeErrorCode !== undefined) this.info.closeErrorCode = closeErrorCode;
  }

  /** Tells listeners the facts changed (counters included: a pending counter publication is not needed). */
  fireChanged(): void {
    this.cancelCounterTimer();
    this.changed.fire(this.info);
  }

  dispose(): void {
    this.cancelCounterTimer();
    this.changed.dispose();
  }

  private publishCountersSoon(): void {
    if (this.info.state === 'closed') return;
    this.counterTimerSet = true;
    this.counterTimer = this.clock.setTimeout(() => this.fireChanged(), COUNTER_PUBLISH_MS);
  }

  private cancelCounterTimer(): void {
    if (!this.counterTimerSet) return;
    this.counterTimerSet = false;
    this.clock.clearTimeout(this.counterTimer);
  }
}
