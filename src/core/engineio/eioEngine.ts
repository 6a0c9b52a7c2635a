/**
 * The Engine.IO engine (protocol v3 and v4), our own state machine (design.md: "The Engine.IO engine is
 * ours"), shared by the Engine.IO and the Socket.IO session, which each own one. It composes a transport
 * (polling or WebSocket, transports/), the upgrade probe (upgradeProbe.ts), the heartbeat, the layer
 * decoder (eioLayerDecoder.ts) and the session lifecycle (guard, timers, teardown). Network and time come
 * from outside. Every step is an event; the log is output only.
 *
 * States: connecting → open → closing → closed. Transport: polling, then (after the upgrade) websocket.
 */
import { type Clock, systemClock } from '../clock';
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import { toDisposable, type Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import type { ErrorMeta, LogEvent } from '../events/logEvent';
import { EventWriter } from '../events/eventWriter';
import { MemoryEventLog } from '../events/memoryEventLog';
import { viaFact } from '../network/routeFacts';
import { createDirectNetwork, type Network } from '../session/network';
import type { SendRequest } from '../session/sendRequest';
import type { SessionInfo, SessionState } from '../session/session';
import { SessionLifecycle } from '../session/sessionLifecycle';
import { initialSessionInfo, SessionStatus } from '../session/sessionStatus';
import { ActiveTransport } from './activeTransport';
import { CookieJar } from './cookieJar';
import { EioHeartbeat } from './eioHeartbeat';
import { EioInbound } from './eioInbound';
import { EioLayerDecoder } from './eioLayerDecoder';
import { packetSize, type EioPacket, type EioVersion } from './eioPacket';
import { PROCEED_ALWAYS, type EnginePolicies } from './enginePolicies';
import { keptHeartbeat, type OpenPacket } from './openPacket';
import type { TransportContext } from './transports/transport';
import { describeAttempt, handshakeTimeoutError, heartbeatHint, openNote, v3Explanation } from './engineNotes';
import { transportContextFor, type EioEngineDeps, type EioLayer } from './eioEngineParts';

export type { EioEngineDeps, EioLayer } from './eioEngineParts';

/** How long a client close lets the goodbye POST finish before the network is let go. */
const CLOSE_GRACE_MS = 2_000;

let nextId = 1;

export class EioEngine {
  readonly id: string;
  readonly log: EventLog;
  readonly clock: Clock;
  readonly writer: EventWriter;
  readonly lifecycle: SessionLifecycle;
  readonly decoder: EioLayerDecoder;
  private readonly status: SessionStatus;
  private readonly network: Network;
  private readonly releaseNetwork: Disposable;
  private readonly context: TransportContext;
  private readonly policies: EnginePolicies;
  private readonly inbound: EioInbound;
  private readonly heartbeat: EioHeartbeat;
  private readonly startMono: number;
  private spoken: EioVersion;
  private opened: OpenPacket | undefined;
  private readonly transport: ActiveTransport;
  private handshakeDeadline: unknown;
  private failure: ErrorMeta | undefined;
  private disposed = false;

  constructor(
    readonly options: ResolvedEngineIoOptions,
    deps: EioEngineDeps = {},
    private readonly layer?: EioLayer,
  ) {
    this.id = deps.id ?? `eio-${nextId++}`;
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? new MemoryEventLog();
    this.writer = new EventWriter(this.log, this.clock);
    this.lifecycle = new SessionLifecycle(this.clock, (error) =>
      this.writer.append('local', 'eio', 'error', { error }),
    );
    this.policies = deps.policies ?? PROCEED_ALWAYS;
    this.network = deps.network ?? createDirectNetwork(options.tls);
    // A network given from outside is its giver's to dispose; the default one is ours.
    const ownsNetwork = deps.network === undefined;
    this.releaseNetwork = this.lifecycle.own(toDisposable(() => ownsNetwork && this.network.dispose()));
    this.spoken = options.protocolVersion === 3 ? 3 : 4;
    this.decoder = new EioLayerDecoder({ version: this.spoken, maxStoredPayloadBytes: options.maxStoredPayloadBytes });
    this.context = transportContextFor({
      id: this.id,
      options,
      clock: this.clock,
      lifecycle: this.lifecycle,
      network: this.network,
      writer: this.writer,
      cookies: new CookieJar(),
      policy: this.policies.transport,
      version: () => this.spoken,
      openPacket: () => this.opened,
    });
    this.inbound = new EioInbound(this.inboundHost());
    this.transport = this.lifecycle.own(
      new ActiveTransport({
        context: this.context,
        inbound: this.inbound,
        upgradePolicy: this.policies.upgrade,
        closeWithError: (error, reason) => this.closeWithError(error, reason),
        onWebSocketClosed: (summary, cause) => this.onWebSocketClosed(summary, cause),
        updateInfo: (patch) => this.updateInfo(patch),
        isClosed: () => this.isClosed(),
        elapsedMs: () => this.clock.mono() - this.startMono,
      }),
    );
    this.heartbeat = new EioHeartbeat(this.lifecycle.timers, {
      sendPing: this.lifecycle.guarded(() => {
        if (!this.isClosed()) this.sendPacket({ type: 'ping' });
      }),
      onTimeout: this.lifecycle.guarded((message: string) => this.onHeartbeatTimeout(message)),
    });
    this.startMono = this.clock.mono();
    const protocol = this.protocolLabel();
    this.status = new SessionStatus(
      initialSessionInfo(options.url, options.kind, this.clock.now(), {
        upgrade: 'none',
        protocol,
        ...viaFact(this.network, options.url),
      }),
    );
  }

  get info(): Readonly<SessionInfo> {
    return this.status.info;
  }

  get engineVersion(): EioVersion {
    return this.spoken;
  }

  /** The validated open packet, once received. */
  get openPacket(): OpenPacket | undefined {
    return this.opened;
  }

  /** The origin a followed redirect took the session to, when it is not the one its options name (issue 12). */
  get redirectedOrigin(): string | undefined {
    return this.context.route.redirectedOrigin;
  }

  /** Whether the session runs on a guessed version that the layer on top may still correct. */
  get versionIsGuessed(): boolean {
    return this.options.protocolVersion === 'auto' && this.spoken === 4;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.status.onDidChange(listener);
  }

  /** Changes header facts (the layer's protocol label, namespaces) and says so. */
  updateInfo(patch: Partial<SessionInfo>): void {
    this.status.update(patch);
  }

  start(): Promise<SessionState> {
    return this.status.startOnce(() => {
      this.writer.append('local', 'eio', 'connecting', { note: describeAttempt(this.options) });
      const deadline = this.options.handshakeTimeoutMs;
      const onDeadline = this.lifecycle.guarded(() => this.onHandshakeDeadline());
      this.handshakeDeadline = this.lifecycle.timers.start(deadline, onDeadline);
      this.lifecycle.guard(() => this.transport.open(this.options.transports));
    });
  }

  /** The session's WebSocket closed: before the open packet that is a failure, after it the end. */
  private onWebSocketClosed(summary: string, cause: ErrorMeta | undefined): void {
    if (this.isClosed()) return;
    if (this.opened) {
      this.finish(`transport close: ${summary}`, 'none');
      return;
    }
    const message = `The WebSocket closed before the open packet: ${summary}`;
    this.closeWithError(cause ?? { code: ErrorCode.TransportClosed, message }, 'transport close');
  }

  // ---- packets in ------------------------------------------------------------------------------

  private onOpen(open: OpenPacket, openSeq: number): void {
    this.opened = open;
    this.lifecycle.timers.clear(this.handshakeDeadline);
    const { sid, pingInterval, pingTimeout, upgrades, maxPayload } = open;
    const transport = this.transport.name;
    const eio = { sid, transport, upgrades, pingInterval, pingTimeout, maxPayload };
    this.writer.append('local', 'eio', 'open', { eio, note: openNote(open, transport) }, undefined, 0, openSeq);
    const handshakeMs = this.clock.mono() - this.startMono;
    this.updateInfo({ state: 'open', openedAt: this.clock.now(), handshakeMs, sid, pingInterval, pingTimeout });
    this.startHeartbeat();
    this.layer?.onOpen();
    this.status.settle('open');
    this.transport.afterOpen(open, this.options.transports);
  }

  /** Acts on a packet after the open packet; `event` is its row. */
  private onPacket(packet: EioPacket, event: LogEvent): void {
    switch (packet.type) {
      case 'ping':
        if (this.spoken === 4) {
          this.heartbeat.onPing();
          this.sendPacket({ type: 'pong', data: packet.data as string | undefined });
        }
        break;
      case 'pong':
        this.heartbeat.onPong();
        break;
      case 'message':
        this.countMessage('in', packet);
        this.layer?.onMessage(event, packet);
        break;
      case 'close':
        this.finish('server sent close', 'server');
        break;
      default:
        break; // noop, upgrade: nothing to do
    }
  }

  /**
   * An `auto` handshake found a v3 server (its answer is length-prefixed): say so and go on speaking v3
   * with the session it already opened. With an explicit v4, stop and say what to change.
   */
  private acceptV3Server(parentSeq: number): boolean {
    if (this.options.protocolVersion === 'auto') {
      this.switchToV3(`${v3Explanation} Continuing with protocol v3.`, parentSeq);
      return true;
    }
    const hint = 'Choose Engine.IO protocol v3 (Socket.IO 2) in the connection options, or "auto".';
    this.closeWithError({ code: ErrorCode.ProtocolMismatch, message: v3Explanation, hint }, 'protocol mismatch');
    return false;
  }

  /** Speaks v3 from now on: its codec and its client-driven heartbeat. */
  switchToV3(note: string, parentSeq?: number): void {
    if (this.spoken === 3) return;
    this.spoken = 3;
    this.decoder.version = 3;
    this.status.info.protocol = this.protocolLabel();
    const eio = { transport: this.transport.name };
    this.writer.append('local', 'eio', 'version-detected', { note, eio }, undefined, 0, parentSeq);
    this.startHeartbeat();
    this.updateInfo({});
  }

  // ---- packets out -----------------------------------------------------------------------------

  /** Writes a packet on the current transport; returns the seq of its `eio` event. */
  sendPacket(packet: EioPacket, send?: SendRequest): number {
    return this.transport.send(packet, send);
  }

  /** Why a caller's message must not be sent now (a server not reading, issue 12), its row already written. */
  sendRefusal(): ErrorMeta | undefined {
    return this.transport.refuseWhenBuffered();
  }

  /** Sends an Engine.IO message (text or binary), keeping the request it was sent from on its event. */
  sendMessage(data: string | Uint8Array, send?: SendRequest): number {
    const packet: EioPacket =
      typeof data === 'string' ? { type: 'message', data } : { type: 'message', data, binary: true };
    this.countMessage('out', packet);
    return this.sendPacket(packet, send);
  }

  private startHeartbeat(): void {
    if (!this.opened) return;
    const { pingInterval, pingTimeout } = keptHeartbeat(this.opened);
    this.heartbeat.start(this.spoken, pingInterval, pingTimeout);
  }

  private onHeartbeatTimeout(message: string): void {
    const hint = heartbeatHint(this.spoken, this.transport.name, this.options.transports);
    this.closeWithError({ code: ErrorCode.PingTimeout, message, hint }, 'ping timeout');
  }

  // ---- ending ----------------------------------------------------------------------------------

  private onHandshakeDeadline(): void {
    if (this.opened || this.isClosed()) return;
    this.closeWithError(handshakeTimeoutError(this.options.handshakeTimeoutMs), 'handshake timeout');
  }

  closeWithError(error: ErrorMeta, reason: string): void {
    if (this.isClosed()) return;
    if (!this.opened && !this.failure) this.failure = error;
    this.writer.append('local', 'eio', 'error', { error });
    this.finish(reason, 'none');
  }

  /** Ends the session: stops timers and transports, logs `closed` once, lets the network go. */
  private finish(reason: string, initiator: 'client' | 'server' | 'none'): void {
    if (this.isClosed()) return;
    this.lifecycle.timers.clearAll();
    this.transport.close(initiator === 'client');
    const closedWhy = `Closed (${reason})${this.opened ? '' : ' before the session opened'}.`;
    const closeSummary = this.failure ? this.failure.message : closedWhy;
    Object.assign(this.status.info, { state: 'closed', closedAt: this.clock.now(), closeSummary });
    this.layer?.onClosed(reason);
    const eio = { sid: this.opened?.sid, transport: this.transport.name };
    this.writer.append('local', 'eio', 'closed', { close: { initiator }, note: closeSummary, eio });
    this.updateInfo({});
    this.status.settle('closed');
    const graceMs = initiator === 'client' ? CLOSE_GRACE_MS : 0;
    this.lifecycle.timers.start(graceMs, () => this.releaseNetwork.dispose());
  }

  close(): Promise<void> {
    if (this.isClosed()) return Promise.resolve();
    const closed = this.status.whenClosed();
    if (!this.opened) {
      this.closeWithError({ code: 'RI_CANCELLED', message: 'Connection attempt cancelled.' }, 'forced close');
      return closed;
    }
    this.updateInfo({ state: 'closing' });
    // Over polling the client says goodbye with a close packet in a POST; over WebSocket both sides
    // simply close the socket (protocols.md).
    this.transport.sendGoodbye();
    this.finish('forced close', 'client');
    return closed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.isClosed()) this.finish('disposed', 'client');
    this.lifecycle.dispose();
    this.status.dispose();
  }

  isClosed(): boolean {
    return this.status.isClosed;
  }

  // ---- plumbing --------------------------------------------------------------------------------

  /** Counts a message packet in or out. */
  private countMessage(direction: 'in' | 'out', packet: EioPacket): void {
    const { info } = this.status;
    if (direction === 'in')
      this.updateInfo({ messagesIn: info.messagesIn + 1, bytesIn: info.bytesIn + packetSize(packet) });
    else this.updateInfo({ messagesOut: info.messagesOut + 1, bytesOut: info.bytesOut + packetSize(packet) });
  }

  private protocolLabel(): string {
    return this.layer?.protocolLabel(this.spoken) ?? `Engine.IO ${this.spoken}`;
  }

  private inboundHost(): ConstructorParameters<typeof EioInbound>[0] {
    return {
      decoder: this.decoder,
      writer: this.writer,
      lifecycle: this.lifecycle,
      clock: this.clock,
      isClosed: () => this.isClosed(),
      openPacket: () => this.opened,
      version: () => this.spoken,
      acceptV3Server: (parentSeq) => this.acceptV3Server(parentSeq),
      closeWithError: (error, reason) => this.closeWithError(error, reason),
      onOpen: (open, openSeq) => this.onOpen(open, openSeq),
      onPacket: (packet, event) => this.onPacket(packet, event),
    };
  }
}
