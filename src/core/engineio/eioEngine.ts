/**
 * The Engine.IO engine (protocol v3 and v4), our own state machine (design.md: "The Engine.IO engine is
 * ours"), shared by the Engine.IO and the Socket.IO session, which each own one. It composes a transport
 * (polling or WebSocket, transports/), the upgrade probe (upgradeProbe.ts), the heartbeat
 * (eioEngineHeartbeat.ts), the version spoken (eioEngineVersion.ts), the layer decoder (eioLayerDecoder.ts),
 * the session lifecycle (guard, timers) and its ending (eioEngineEnding.ts). Network and time come from
 * outside. Every step is an event; the log is output only.
 *
 * States: connecting → open → closing → closed. Transport: polling, then (after the upgrade) websocket.
 */
import { type Clock, systemClock } from '../clock';
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import { toDisposable, type Disposable } from '../disposable';
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
import { EngineEnding } from './eioEngineEnding';
import { EngineHeartbeat } from './eioEngineHeartbeat';
import { countedMessage, messagePacket } from './eioEngineMessages';
import { EngineVersion } from './eioEngineVersion';
import { EioInbound } from './eioInbound';
import { EioLayerDecoder } from './eioLayerDecoder';
import type { EioPacket, EioVersion } from './eioPacket';
import { PROCEED_ALWAYS, type EnginePolicies } from './enginePolicies';
import type { OpenPacket } from './openPacket';
import type { TransportContext } from './transports/transport';
import { describeAttempt, openNote } from './engineNotes';
import { transportContextFor, type EioEngineDeps, type EioLayer } from './eioEngineParts';

export type { EioEngineDeps, EioLayer } from './eioEngineParts';

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
  private readonly heartbeat: EngineHeartbeat;
  private readonly version: EngineVersion;
  private readonly ending: EngineEnding;
  private readonly startMono: number;
  private opened: OpenPacket | undefined;
  private readonly transport: ActiveTransport;

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
    this.version = new EngineVersion(this, {
      layer,
      status: () => this.status,
      transportName: () => this.transport.name,
      restartHeartbeat: () => this.heartbeat.start(),
    });
    const version = this.version.spoken;
    this.decoder = new EioLayerDecoder({ version, maxStoredPayloadBytes: options.maxStoredPayloadBytes });
    this.context = transportContextFor({
      id: this.id,
      options,
      clock: this.clock,
      lifecycle: this.lifecycle,
      network: this.network,
      writer: this.writer,
      cookies: new CookieJar(),
      policy: this.policies.transport,
      version: () => this.version.spoken,
      openPacket: () => this.opened,
    });
    this.inbound = new EioInbound(this.inboundHost());
    this.transport = this.lifecycle.own(
      new ActiveTransport({
        context: this.context,
        inbound: this.inbound,
        upgradePolicy: this.policies.upgrade,
        closeWithError: (error, reason) => this.closeWithError(error, reason),
        onWebSocketClosed: (summary, cause) => this.ending.onWebSocketClosed(summary, cause),
        updateInfo: (patch) => this.updateInfo(patch),
        isClosed: () => this.isClosed(),
        elapsedMs: () => this.clock.mono() - this.startMono,
      }),
    );
    this.heartbeat = new EngineHeartbeat(this, () => this.transport.name);
    this.startMono = this.clock.mono();
    const protocol = this.version.label();
    const startedAt = this.clock.now();
    const facts: Partial<SessionInfo> = { upgrade: 'none', protocol, ...viaFact(this.network, options.url) };
    this.status = new SessionStatus(initialSessionInfo(options.url, options.kind, startedAt, facts));
    const { status, transport, releaseNetwork } = this;
    this.ending = new EngineEnding(this, { status, transport, releaseNetwork, layer });
  }

  get info(): Readonly<SessionInfo> {
    return this.status.info;
  }

  get engineVersion(): EioVersion {
    return this.version.spoken;
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
    return this.version.isGuessed;
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
      this.ending.armHandshakeDeadline();
      this.lifecycle.guard(() => this.transport.open(this.options.transports));
    });
  }

  // ---- packets in ------------------------------------------------------------------------------

  private onOpen(open: OpenPacket, openSeq: number): void {
    this.opened = open;
    this.ending.disarmHandshakeDeadline();
    const { sid, pingInterval, pingTimeout, upgrades, maxPayload } = open;
    const transport = this.transport.name;
    const eio = { sid, transport, upgrades, pingInterval, pingTimeout, maxPayload };
    this.writer.append('local', 'eio', 'open', { eio, note: openNote(open, transport) }, undefined, 0, openSeq);
    const handshakeMs = this.clock.mono() - this.startMono;
    this.updateInfo({ state: 'open', openedAt: this.clock.now(), handshakeMs, sid, pingInterval, pingTimeout });
    this.heartbeat.start();
    this.layer?.onOpen();
    this.status.settle('open');
    this.transport.afterOpen(open, this.options.transports);
  }

  /** Acts on a packet after the open packet; `event` is its row. */
  private onPacket(packet: EioPacket, event: LogEvent): void {
    switch (packet.type) {
      case 'ping':
        this.heartbeat.onPing(packet);
        break;
      case 'pong':
        this.heartbeat.onPong();
        break;
      case 'message':
        this.updateInfo(countedMessage(this.status.info, 'in', packet));
        this.layer?.onMessage(event, packet);
        break;
      case 'close':
        this.ending.finish('server sent close', 'server');
        break;
      default:
        break; // noop, upgrade: nothing to do
    }
  }

  /** Speaks v3 from now on: its codec and its client-driven heartbeat (eioEngineVersion.ts). */
  switchToV3(note: string, parentSeq?: number): void {
    this.version.switchToV3(note, parentSeq);
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
    const packet = messagePacket(data);
    this.updateInfo(countedMessage(this.status.info, 'out', packet));
    return this.sendPacket(packet, send);
  }

  // ---- ending (eioEngineEnding.ts) -------------------------------------------------------------

  closeWithError(error: ErrorMeta, reason: string): void {
    this.ending.closeWithError(error, reason);
  }

  close(): Promise<void> {
    return this.ending.close();
  }

  dispose(): void {
    this.ending.dispose();
  }

  isClosed(): boolean {
    return this.status.isClosed;
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private inboundHost(): ConstructorParameters<typeof EioInbound>[0] {
    return {
      decoder: this.decoder,
      writer: this.writer,
      lifecycle: this.lifecycle,
      clock: this.clock,
      isClosed: () => this.isClosed(),
      openPacket: () => this.opened,
      version: () => this.version.spoken,
      acceptV3Server: (parentSeq) => this.version.acceptV3Server(parentSeq),
      closeWithError: (error, reason) => this.closeWithError(error, reason),
      onOpen: (open, openSeq) => this.onOpen(open, openSeq),
      onPacket: (packet, event) => this.onPacket(packet, event),
    };
  }
}
