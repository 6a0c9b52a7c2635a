/**
 * How an Engine.IO engine ends (eioEngine.ts), kept apart from its state machine because ending has rules of
 * its own that every path shares: the first failure before the open packet is the close summary, `closed` is
 * logged exactly once, the client's goodbye gets a grace period before the network is let go, and dispose
 * ends whatever is still running. The paths that end a session: a handshake deadline, a WebSocket that
 * closed, an error, the server's close packet, the user's close, dispose.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import type { EventWriter } from '../events/eventWriter';
import type { Clock } from '../clock';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import type { SessionStatus } from '../session/sessionStatus';
import type { ActiveTransport } from './activeTransport';
import type { EioLayer } from './eioEngineParts';
import { handshakeTimeoutError } from './engineNotes';
import type { OpenPacket } from './openPacket';

/** How long a client close lets the goodbye POST finish before the network is let go. */
const CLOSE_GRACE_MS = 2_000;

/** Who ended the session, as its `closed` row says. */
export type CloseInitiator = 'client' | 'server' | 'none';

/** What ending needs of its engine's public face (the engine itself fits this). */
export interface EngineEndingHost {
  readonly options: ResolvedEngineIoOptions;
  readonly clock: Clock;
  readonly writer: EventWriter;
  readonly lifecycle: SessionLifecycle;
  readonly openPacket: OpenPacket | undefined;
}

/** The engine's own parts that ending stops and lets go. */
export interface EngineEndingParts {
  readonly status: SessionStatus;
  readonly transport: ActiveTransport;
  /** Lets the network go (a no-op when the network was given from outside). */
  readonly releaseNetwork: Disposable;
  readonly layer: EioLayer | undefined;
}

export class EngineEnding {
  /** The first error before the open packet: what the session's close summary says. */
  private failure: ErrorMeta | undefined;
  private disposed = false;
  private handshakeDeadline: unknown;

  constructor(
    private readonly host: EngineEndingHost,
    private readonly parts: EngineEndingParts,
  ) {}

  isClosed(): boolean {
    return this.parts.status.isClosed;
  }

  /** Ends the session with `handshake timeout` unless the open packet comes within handshakeTimeoutMs. */
  armHandshakeDeadline(): void {
    const { lifecycle, options } = this.host;
    const onDeadline = lifecycle.guarded(() => this.onHandshakeDeadline());
    this.handshakeDeadline = lifecycle.timers.start(options.handshakeTimeoutMs, onDeadline);
  }

  /** The open packet came in time. */
  disarmHandshakeDeadline(): void {
    this.host.lifecycle.timers.clear(this.handshakeDeadline);
  }

  private onHandshakeDeadline(): void {
    if (this.host.openPacket || this.isClosed()) return;
    this.closeWithError(handshakeTimeoutError(this.host.options.handshakeTimeoutMs), 'handshake timeout');
  }

  /** The session's WebSocket closed: before the open packet that is a failure, after it the end. */
  onWebSocketClosed(summary: string, cause: ErrorMeta | undefined): void {
    if (this.isClosed()) return;
    if (this.host.openPacket) {
      this.finish(`transport close: ${summary}`, 'none');
      return;
    }
    const message = `The WebSocket closed before the open packet: ${summary}`;
    this.closeWithError(cause ?? { code: ErrorCode.TransportClosed, message }, 'transport close');
  }

  closeWithError(error: ErrorMeta, reason: string): void {
    if (this.isClosed()) return;
    if (!this.host.openPacket && !this.failure) this.failure = error;
    this.host.writer.append('local', 'eio', 'error', { error });
    this.finish(reason, 'none');
  }

  /** Ends the session: stops timers and transports, logs `closed` once, lets the network go. */
  finish(reason: string, initiator: CloseInitiator): void {
    if (this.isClosed()) return;
    const { lifecycle, clock, writer } = this.host;
    const { transport, status, layer } = this.parts;
    lifecycle.timers.clearAll();
    transport.close(initiator === 'client');
    const closedWhy = `Closed (${reason})${this.host.openPacket ? '' : ' before the session opened'}.`;
    const closeSummary = this.failure ? this.failure.message : closedWhy;
    Object.assign(status.info, { state: 'closed', closedAt: clock.now(), closeSummary });
    layer?.onClosed(reason);
    const eio = { sid: this.host.openPacket?.sid, transport: transport.name };
    writer.append('local', 'eio', 'closed', { close: { initiator }, note: closeSummary, eio });
    status.update({});
    status.settle('closed');
    const graceMs = initiator === 'client' ? CLOSE_GRACE_MS : 0;
    lifecycle.timers.start(graceMs, () => this.parts.releaseNetwork.dispose());
  }

  close(): Promise<void> {
    if (this.isClosed()) return Promise.resolve();
    const closed = this.parts.status.whenClosed();
    if (!this.host.openPacket) {
      this.closeWithError({ code: 'RI_CANCELLED', message: 'Connection attempt cancelled.' }, 'forced close');
      return closed;
    }
    this.parts.status.update({ state: 'closing' });
    // Over polling the client says goodbye with a close packet in a POST; over WebSocket both sides
    // simply close the socket (protocols.md).
    this.parts.transport.sendGoodbye();
    this.finish('forced close', 'client');
    return closed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.isClosed()) this.finish('disposed', 'client');
    this.host.lifecycle.dispose();
    this.parts.status.dispose();
  }
}
