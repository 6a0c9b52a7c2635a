/**
 * An Engine.IO session (protocol v3 and v4), our own state machine over HTTP long-polling and `ws`
 * (design.md: "The Engine.IO engine is ours"). Every step is an event in the log: each polling GET
 * and POST with status, headers, timing and body, the packets they carried as child events, the open
 * packet with its sid, the upgrade (probe → pause → upgrade) with its WebSocket handshake, every
 * heartbeat, and the close with its reason.
 *
 * States: opening → open → closing → closed. Transport: polling, then (after the upgrade) websocket.
 * Upgrade steps: none → probing → paused → upgraded | failed.
 */
import type { SendRequest } from '../../shared/sendRequest';
import { type Clock, systemClock } from '../clock';
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import type { Direction, EioMeta, ErrorMeta, EventMeta, Layer, Payload } from '../events/logEvent';
import { MemoryEventLog } from '../events/memoryEventLog';
import { parseBase64, parseHex } from '../payload/binaryInput';
import { binaryPayload, textPayload } from '../payload/storedPayload';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { TimerSet } from '../session/timerSet';
import { WebSocketSession, type WsDataMessage } from '../websocket/webSocketSession';
import { headerValue } from '../http/headers';
import { CookieJar } from './cookieJar';
import { deliverInSlices, pollingBodyRecords, type BodySummary } from './bodySlicer';
import { decodeV3Frame, encodeV3Frame, encodeV3Payload } from './eioCodecV3';
import { decodeV4Frame, encodeV4Packet, encodeV4Payload } from './eioCodecV4';
import { packetSize, type EioDecoded, type EioPacket, type EioVersion } from './eioPacket';
import { EioHeartbeat } from './eioHeartbeat';
import { engineIoUrl } from './eioUrls';
import { explainHandshakeFailure, looksLikeV3Payload } from './versionHints';
import { parseOpenPacket, POLL_GRACE_MS, type OpenPacket } from './openPacket';
import { pollingError, pollResponseEvent } from './pollingEvents';
import { wsCloseCause } from './wsCloseCause';
import { createPollingAgents, sendPoll, type InFlightPoll, type PollResult } from './pollingRequest';
import { describeRun } from './packetRuns';
import { longPollNote, PollPacer } from './pollPacing';

/** A message packet delivered to the layer on top (Socket.IO), with the seq of its `eio` event. */
export interface EioIncomingMessage {
  packet: EioPacket;
  seq: number;
}

export interface EngineIoSessionDeps {
  id?: string;
  clock?: Clock;
  log?: EventLog;
}

/** How long a client close waits for the final POST before giving up on it. */
const CLOSE_GRACE_MS = 2_000;

let nextId = 1;

export class EngineIoSession implements Session {
  readonly id: string;
  readonly log: EventLog;
  protected readonly clock: Clock;
  protected readonly info_: SessionInfo;
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  private readonly startMono: number;
  private readonly agents;
  private readonly jar = new CookieJar();
  private version: EioVersion;
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (s: SessionState) => void = () => undefined;
  private closedWaiters: Array<() => void> = [];
  protected readonly timers: TimerSet;
  private open: OpenPacket | undefined;
  private transport: 'polling' | 'websocket' = 'polling';
  private getInFlight: InFlightPoll | undefined;
  private postInFlight: InFlightPoll | undefined;
  /** Packets waiting for the next POST, with the seqs of their events. */
  private outbox: Array<{ packet: EioPacket; seq: number }> = [];
  private ws: WebSocketSession | undefined;
  private wsSubscriptions: Disposable[] = [];
  private pollingPaused = false;
  private onPollingIdle: (() => void) | undefined;
  private readonly heartbeat: EioHeartbeat;
  private readonly pacer: PollPacer;
  private probeTimer: unknown;
  private failure: ErrorMeta | undefined;
  private disposed = false;

  constructor(readonly options: ResolvedEngineIoOptions, deps: EngineIoSessionDeps = {}) {
    this.id = deps.id ?? `eio-${nextId++}`;
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? new MemoryEventLog();
    this.timers = new TimerSet(this.clock);
    this.heartbeat = new EioHeartbeat(this.timers, {
      sendPing: () => this.guard(() => { if (!this.isClosed()) this.sendPacket({ type: 'ping' }); }),
      onTimeout: (message) => this.guard(() => this.onHeartbeatTimeout(message)),
    });
    this.pacer = new PollPacer(this.timers, this.clock);
    this.startMono = this.clock.mono();
    this.agents = createPollingAgents(options.tls);
    this.version = options.protocolVersion === 3 ? 3 : 4;
    this.info_ = {
      state: 'connecting', url: options.url, kind: options.kind, startedAt: this.clock.now(),
      messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, upgrade: 'none', protocol: this.protocolLabel(),
    };
  }

  get info(): Readonly<SessionInfo> {
    return this.info_;
  }

  get engineVersion(): EioVersion {
    return this.version;
  }

  /** The validated open packet, once received. */
  protected get openPacket(): OpenPacket | undefined {
    return this.open;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  start(): Promise<SessionState> {
    if (this.started) return this.started;
    this.started = new Promise((resolve) => { this.resolveStarted = resolve; });
    this.append('local', 'eio', 'connecting', { note: this.describeAttempt() });
    this.timers.start(this.options.handshakeTimeoutMs, () => this.onHandshakeDeadline());
    if (this.options.transports === 'websocket-only') this.openWebSocket(false);
    else this.handshakeOverPolling();
    return this.started;
  }

  // ---- polling -----------------------------------------------------------------------------

  private handshakeOverPolling(): void {
    this.transport = 'polling';
    this.info_.transport = 'polling';
    void this.get(true);
  }

  /** One GET: the handshake, or the next long-poll (`waitedMs`: how long the poll floor held it back). */
  private async get(handshake = false, waitedMs?: number): Promise<void> {
    if (this.getInFlight || this.isClosed()) return;
    const url = engineIoUrl(this.options.endpoint, { version: this.version, transport: 'polling', sid: this.open?.sid, query: this.options.query, now: this.clock.now() });
    const headers = this.jar.apply(this.options.headers);
    const request = this.append('out', 'http', 'poll-request', {
      request: { method: 'GET', url: url.href, headers },
      eio: { transport: 'polling' },
      note: handshake ? 'Handshake (long-polling GET)' : longPollNote(waitedMs),
    });
    const startedMono = this.clock.mono();
    const poll = sendPoll({ method: 'GET', url, headers, maxBodyBytes: this.options.maxPollBodyBytes, timeoutMs: this.getTimeoutMs() }, this.agents, this.clock);
    this.getInFlight = poll;
    const result = await poll.done;
    let delivered: Promise<BodySummary> | undefined;
    this.guard(() => { delivered = this.onGetResult(result, request.seq, handshake); });
    const summary = await delivered;
    // Cleared only once the body is delivered: meanwhile no other GET starts and no upgrade completes (issue #7).
    this.getInFlight = undefined;
    if (summary) this.guard(() => this.afterPollBody(summary, handshake, startedMono));
    this.checkPollingIdle();
  }

  /** Logs the response and starts delivering its body; undefined when the session ends here. */
  private onGetResult(result: PollResult, requestSeq: number, handshake: boolean): Promise<BodySummary> | undefined {
    if (this.isClosed() && !result.ok && (result.error.code === 'RI_ABORTED')) return undefined;
    const response = this.logPollResponse(result, requestSeq, handshake ? 'Handshake response' : undefined);
    if (!result.ok) {
      if (result.error.code !== 'RI_ABORTED') this.closeWithError(pollingError(result.error, 'GET'), 'transport error');
      return undefined;
    }
    const res = result.response;
    this.jar.store(res.headers);
    if (res.status !== 200) {
      this.closeWithError(explainHandshakeFailure(res.status, Buffer.from(res.body).toString('utf8'), this.version, handshake), handshake ? 'handshake refused' : 'transport error');
      return undefined;
    }
    const contentType = headerValue(res.headers, 'content-type') ?? '';
    const text = Buffer.from(res.body).toString('utf8');
    if (handshake && this.version === 4 && looksLikeV3Payload(text)) {
      if (!this.acceptV3Server(response)) return undefined;
    }
    return deliverInSlices(pollingBodyRecords(this.version, res.body, text, contentType), {
      onRun: (run) => this.guard(() => this.onPacket(run.packet, response, 'polling', run.count)),
      onError: (error) => this.guard(() => this.deliver({ packets: [], errors: [error] }, response, 'polling')),
      isStopped: () => this.isClosed(),
    });
  }

  /** After a body: refuse a handshake without open packet, else poll again (after the floor when it was empty). */
  private afterPollBody(summary: BodySummary, handshake: boolean, startedMono: number): void {
    if (this.isClosed()) return;
    if (handshake && !this.open) {
      // Polling again without a sid would be another handshake, as fast as the server answers.
      this.closeWithError({ code: ErrorCode.InvalidOpenPacket, message: 'The handshake answer carried no open packet.', hint: 'The server is not a working Engine.IO server at this path.' }, 'parse error');
      return;
    }
    const polling = (): boolean => !this.isClosed() && !this.pollingPaused && this.transport === 'polling';
    if (polling()) this.pacer.next(summary.empty, startedMono, (waited) => { if (polling()) void this.get(false, waited); });
  }

  /**
   * An `auto` handshake found a v3 server (its answer is length-prefixed): say so and go on speaking v3
   * with the session it already opened. With an explicit v4, stop and say what to change.
   */
  private acceptV3Server(parentSeq: number): boolean {
    const explanation = 'The server answered in Engine.IO v3 framing ("<length>:0{…"): it is Socket.IO 2.x / engine.io 3.x.';
    if (this.options.protocolVersion === 'auto') {
      this.switchToV3(`${explanation} Continuing with protocol v3.`, parentSeq);
      return true;
    }
    this.closeWithError({ code: ErrorCode.ProtocolMismatch, message: explanation, hint: 'Choose Engine.IO protocol v3 (Socket.IO 2) in the connection options, or "auto".' }, 'protocol mismatch');
    return false;
  }

  /** Speaks v3 from now on: its codec and its client-driven heartbeat. */
  protected switchToV3(note: string, parentSeq?: number): void {
    if (this.version === 3) return;
    this.version = 3;
    this.info_.protocol = this.protocolLabel();
    this.append('local', 'eio', 'version-detected', { note, eio: { transport: this.transport } }, undefined, 0, parentSeq);
    this.startHeartbeat();
    this.fireChanged();
  }

  /** Whether the session runs on a guessed version that the layer on top may still correct. */
  protected get versionIsGuessed(): boolean {
    return this.options.protocolVersion === 'auto' && this.version === 4;
  }

  /** Sends what is queued in one POST; one POST in flight at most. */
  private async flush(): Promise<void> {
    if (this.transport === 'websocket') {
      for (const { packet, seq } of this.outbox.splice(0)) this.writeToWebSocket(packet, seq);
      return;
    }
    if (this.postInFlight || this.outbox.length === 0 || this.pollingPaused || !this.open) return;
    const batch = this.outbox.splice(0);
    const body = this.version === 4 ? encodeV4Payload(batch.map((b) => b.packet)) : encodeV3Payload(batch.map((b) => b.packet));
    const url = engineIoUrl(this.options.endpoint, { version: this.version, transport: 'polling', sid: this.open.sid, query: this.options.query, now: this.clock.now() });
    const headers = this.jar.apply(this.options.headers);
    const request = this.append('out', 'http', 'poll-request', {
      request: { method: 'POST', url: url.href, headers },
      eio: { transport: 'polling', carries: batch.map((b) => b.seq) },
      note: `POST carrying ${batch.length} packet${batch.length === 1 ? '' : 's'}`,
    }, textPayload(body, this.options.maxStoredPayloadBytes), Buffer.byteLength(body));
    const poll = sendPoll({ method: 'POST', url, headers, body, maxBodyBytes: 64 * 1024, timeoutMs: this.options.handshakeTimeoutMs }, this.agents, this.clock);
    this.postInFlight = poll;
    const result = await poll.done;
    this.postInFlight = undefined;
    this.guard(() => {
      this.logPollResponse(result, request.seq);
      if (!result.ok) {
        if (result.error.code !== 'RI_ABORTED' && !this.isClosed()) this.closeWithError(pollingError(result.error, 'POST'), 'transport error');
        return;
      }
      this.jar.store(result.response.headers);
      if (result.response.status !== 200 && !this.isClosed()) {
        this.closeWithError(explainHandshakeFailure(result.response.status, Buffer.from(result.response.body).toString('utf8'), this.version, false), 'transport error');
      }
    });
    this.checkPollingIdle();
    if (!this.isClosed()) void this.flush();
  }

  private logPollResponse(result: PollResult, requestSeq: number, note?: string): number {
    const event = pollResponseEvent(result, requestSeq, this.options.maxStoredPayloadBytes, note);
    return event ? this.append('in', 'http', 'poll-response', event.meta, event.payload, event.size).seq : requestSeq;
  }

  private getTimeoutMs(): number {
    // A long-poll is held up to pingInterval by the server; give it the timeout on top before calling it dead.
    return this.open ? this.open.pingInterval + this.open.pingTimeout + POLL_GRACE_MS : this.options.handshakeTimeoutMs;
  }

  private checkPollingIdle(): void {
    if (this.pollingPaused && !this.getInFlight && !this.postInFlight && this.onPollingIdle) {
      const next = this.onPollingIdle;
      this.onPollingIdle = undefined;
      next();
    }
  }

  // ---- packets in ----------------------------------------------------------------------------

  /** Logs each decoded packet under its carrier, then acts on it. */
  private deliver(decoded: EioDecoded, parentSeq: number, transport: 'polling' | 'websocket'): void {
    for (const error of decoded.errors) {
      this.append('in', 'eio', 'eio-decode-error', { eio: { transport, decodeError: error.message }, error: { code: ErrorCode.ParseError, message: `Engine.IO parse error: ${error.message}` } },
        textPayload(error.raw, this.options.maxStoredPayloadBytes), Buffer.byteLength(error.raw), parentSeq);
    }
    if (decoded.errors.length) {
      // engine.io-client closes on a parse error too; the raw record is in the log.
      this.closeWithError({ code: ErrorCode.ParseError, message: 'The server sent a packet that is not Engine.IO.', hint: this.version === 4 ? 'If the server is Socket.IO 2.x, choose protocol v3 or "auto".' : undefined }, 'parse error');
      return;
    }
    for (const packet of decoded.packets) {
      if (this.isClosed()) return;
      this.onPacket(packet, parentSeq, transport);
    }
  }

  /** Acts on one packet; `repeat` > 1 for a collapsed run of identical control packets (answered once). */
  private onPacket(packet: EioPacket, parentSeq: number, transport: 'polling' | 'websocket', repeat = 1): void {
    const eio: EioMeta = repeat > 1 ? { packetType: packet.type, transport, repeat } : { packetType: packet.type, transport };
    if (packet.type === 'open' && this.open) {
      // A session has one sid: a second open packet is shown, flagged, and not acted upon.
      this.logPacket('in', packet, { ...eio, decodeError: 'second open packet' }, parentSeq);
      this.append('local', 'eio', 'error', { error: { code: ErrorCode.InvalidOpenPacket, message: `The server sent a second open packet; it was ignored and the sid stays ${this.open.sid}.` } });
      return;
    }
    if (packet.type === 'open') {
      const parsed = parseOpenPacket(packet.data as string | undefined);
      if (parsed.ok) Object.assign(eio, { sid: parsed.value.sid, upgrades: parsed.value.upgrades, pingInterval: parsed.value.pingInterval, pingTimeout: parsed.value.pingTimeout, maxPayload: parsed.value.maxPayload });
      const seq = this.logPacket('in', packet, eio, parentSeq);
      if (!parsed.ok) {
        this.closeWithError({ code: ErrorCode.InvalidOpenPacket, message: parsed.error, hint: 'The server is not a working Engine.IO server at this path, or it is broken.' }, 'parse error');
        return;
      }
      this.onOpen(parsed.value, seq);
      return;
    }
    if (packet.type === 'ping' && packet.data === 'probe' && transport === 'websocket') eio.probe = true;
    if (packet.type === 'pong' && packet.data === 'probe') eio.probe = true;
    const seq = this.logPacket('in', packet, eio, parentSeq);
    if (!this.open) {
      this.closeWithError({ code: ErrorCode.InvalidOpenPacket, message: `The first packet must be "open", the server sent "${packet.type}".` }, 'parse error');
      return;
    }
    switch (packet.type) {
      case 'ping':
        if (this.version === 4) {
          this.heartbeat.onPing();
          this.sendPacket({ type: 'pong', data: packet.data as string | undefined });
        }
        break;
      case 'pong':
        this.heartbeat.onPong();
        break;
      case 'message':
        this.info_.messagesIn++;
        this.info_.bytesIn += packetSize(packet);
        this.fireChanged();
        this.onMessagePacket({ packet, seq });
        break;
      case 'close':
        this.finish('server sent close', 'server');
        break;
      case 'noop':
      case 'upgrade':
        break;
    }
  }

  /** The layer on top (Socket.IO) overrides this to decode its packets. */
  protected onMessagePacket(_message: EioIncomingMessage): void {
    // A plain Engine.IO session has no layer on top.
  }

  private onOpen(open: OpenPacket, seq: number): void {
    this.open = open;
    this.info_.state = 'open';
    this.info_.openedAt = this.clock.now();
    this.info_.handshakeMs = this.clock.mono() - this.startMono;
    this.info_.sid = open.sid;
    this.info_.pingInterval = open.pingInterval;
    this.info_.pingTimeout = open.pingTimeout;
    this.timers.clearAll();
    this.append('local', 'eio', 'open', {
      eio: { sid: open.sid, transport: this.transport, upgrades: open.upgrades, pingInterval: open.pingInterval, pingTimeout: open.pingTimeout, maxPayload: open.maxPayload },
      note: `Open: sid ${open.sid} on ${this.transport}, upgrades [${open.upgrades.join(', ')}], pingInterval ${open.pingInterval} ms, pingTimeout ${open.pingTimeout} ms${open.maxPayload ? `, maxPayload ${open.maxPayload}` : ''}`,
    }, undefined, 0, seq);
    this.fireChanged();
    this.startHeartbeat();
    this.onEngineOpen();
    this.resolveStarted('open');
    if (this.transport === 'polling' && this.options.transports === 'polling-then-websocket') {
      if (open.upgrades.includes('websocket')) this.openWebSocket(true);
      else this.append('local', 'eio', 'upgrade-step', { eio: { step: 'upgrade-failed' }, note: 'The server offers no WebSocket upgrade: staying on long-polling.' });
    }
    void this.flush();
  }

  /** Hook for the layer on top: the Engine.IO session is open (Socket.IO sends its CONNECTs here). */
  protected onEngineOpen(): void {
    // Nothing to do for a plain Engine.IO session.
  }

  // ---- WebSocket transport and the upgrade ---------------------------------------------------

  /** Opens the WebSocket: as the upgrade probe (with sid), or as the only transport. */
  private openWebSocket(asProbe: boolean): void {
    const url = engineIoUrl(this.options.endpoint, { version: this.version, transport: 'websocket', sid: asProbe ? this.open?.sid : undefined, query: this.options.query, now: this.clock.now() });
    if (asProbe) {
      this.info_.upgrade = 'probing';
      this.append('local', 'eio', 'upgrade-step', { eio: { step: 'probe', transport: 'websocket' }, note: `Upgrade: opening a WebSocket to ${url.href} to probe it while polling continues` });
      this.fireChanged();
    }
    const ws = new WebSocketSession({
      kind: 'websocket', url: url.href, headers: this.jar.apply(this.options.headers), subprotocols: [], perMessageDeflate: this.options.perMessageDeflate,
      tls: this.options.tls, handshakeTimeoutMs: this.options.handshakeTimeoutMs, heartbeatIntervalMs: 0, maxPayloadBytes: this.options.maxPayloadBytes,
      maxStoredPayloadBytes: this.options.maxStoredPayloadBytes,
    }, { clock: this.clock, log: this.log, id: `${this.id}-ws` });
    this.ws = ws;
    this.wsSubscriptions.push(ws.onMessage((m) => this.guard(() => this.onWsMessage(m, asProbe))));
    this.wsSubscriptions.push(ws.onDidChange((info) => this.guard(() => {
      if (info.state === 'open' && asProbe && this.info_.upgrade === 'probing' && !this.probeSent) this.sendProbe();
      if (info.state === 'closed') this.onWsClosed(asProbe);
    })));
    if (!asProbe) {
      this.transport = 'websocket';
      this.info_.transport = 'websocket';
    }
    void ws.start();
  }

  private probeSent = false;

  private sendProbe(): void {
    this.probeSent = true;
    this.writeToWebSocket({ type: 'ping', data: 'probe' }, undefined, { probe: true });
    this.probeTimer = this.timers.start(this.options.handshakeTimeoutMs, () => this.guard(() => {
      if (this.info_.upgrade !== 'probing') return;
      this.upgradeFailed(`The probe was not answered within ${this.options.handshakeTimeoutMs} ms`);
      this.ws?.close();
    }));
  }

  private onWsMessage(message: WsDataMessage, asProbe: boolean): void {
    const decoded = this.version === 4 ? decodeV4Frame(message.data) : decodeV3Frame(message.data);
    if (asProbe && this.info_.upgrade === 'probing') {
      const packet = decoded.packets[0];
      this.logPacket('in', packet ?? { type: 'noop' }, { packetType: packet?.type, transport: 'websocket', probe: packet?.data === 'probe' }, message.seq);
      if (packet?.type === 'pong' && packet.data === 'probe') this.onProbeAnswered();
      else this.upgradeFailed(`The probe was answered with "${typeof message.data === 'string' ? message.data.slice(0, 40) : 'binary data'}" instead of "3probe"`);
      return;
    }
    if (this.transport !== 'websocket') return; // a late frame on a failed probe
    this.deliver(decoded, message.seq, 'websocket');
  }

  private onProbeAnswered(): void {
    this.timers.clear(this.probeTimer);
    this.append('local', 'eio', 'upgrade-step', { eio: { step: 'probe-ok', transport: 'websocket' }, note: 'Upgrade: the probe was answered (3probe); pausing polling' });
    this.info_.upgrade = 'paused';
    this.pollingPaused = true;
    const pending = [this.getInFlight ? 'a GET' : undefined, this.postInFlight ? 'a POST' : undefined].filter(Boolean);
    this.append('local', 'eio', 'upgrade-step', {
      eio: { step: 'pause', transport: 'polling' },
      note: pending.length ? `Pause: waiting for ${pending.join(' and ')} in flight to finish (the server answers a pending GET with a noop)` : 'Pause: no request in flight',
    });
    this.fireChanged();
    this.onPollingIdle = () => this.guard(() => this.completeUpgrade());
    this.checkPollingIdle();
  }

  private completeUpgrade(): void {
    if (this.isClosed() || !this.ws) return;
    this.append('local', 'eio', 'upgrade-step', { eio: { step: 'paused', transport: 'polling' }, note: 'Paused: polling has stopped; sending the upgrade packet' });
    this.writeToWebSocket({ type: 'upgrade' });
    this.transport = 'websocket';
    this.info_.transport = 'websocket';
    this.info_.upgrade = 'upgraded';
    this.append('local', 'eio', 'upgrade-step', { eio: { step: 'upgraded', transport: 'websocket' }, note: `Upgraded to WebSocket ${(this.clock.mono() - this.startMono).toFixed(1)} ms after the session started` });
    this.fireChanged();
    void this.flush();
  }

  private upgradeFailed(why: string): void {
    this.timers.clear(this.probeTimer);
    if (this.info_.upgrade === 'failed' || this.info_.upgrade === 'upgraded') return;
    this.info_.upgrade = 'failed';
    this.append('local', 'eio', 'upgrade-step', { eio: { step: 'upgrade-failed' }, note: `Upgrade failed: ${why}. Staying on long-polling.` });
    this.pollingPaused = false;
    this.onPollingIdle = undefined;
    this.fireChanged();
    if (!this.isClosed()) {
      void this.get();
      void this.flush();
    }
  }

  private onWsClosed(asProbe: boolean): void {
    for (const s of this.wsSubscriptions.splice(0)) s.dispose();
    const summary = this.ws?.info.closeSummary ?? 'the WebSocket closed';
    if (asProbe && (this.info_.upgrade === 'probing' || this.info_.upgrade === 'paused')) {
      this.ws = undefined;
      this.upgradeFailed(summary.replace(/\.$/, ''));
      return;
    }
    if (this.transport === 'websocket' && !this.isClosed()) {
      if (!this.open) this.closeWithError(wsCloseCause(this.log, this.version) ?? { code: ErrorCode.TransportClosed, message: `The WebSocket closed before the open packet: ${summary}` }, 'transport close');
      else this.finish(`transport close: ${summary}`, 'none');
    }
  }

  private writeToWebSocket(packet: EioPacket, queuedSeq?: number, extra: EioMeta = {}): void {
    const encoded = this.version === 4 ? encodeV4Packet(packet, true) : encodeV3Frame(packet);
    const frameSeq = this.ws?.sendFrame(encoded);
    if (frameSeq === undefined) return;
    if (queuedSeq === undefined) this.logPacket('out', packet, { packetType: packet.type, transport: 'websocket', ...extra }, frameSeq);
  }

  // ---- packets out ---------------------------------------------------------------------------

  /** Queues a packet for the current transport; returns the seq of its `eio` event. */
  protected sendPacket(packet: EioPacket): number {
    if (this.transport === 'websocket' && this.ws) {
      const encoded = this.version === 4 ? encodeV4Packet(packet, true) : encodeV3Frame(packet);
      const frameSeq = this.ws.sendFrame(encoded);
      return this.logPacket('out', packet, { packetType: packet.type, transport: 'websocket' }, frameSeq);
    }
    const seq = this.logPacket('out', packet, { packetType: packet.type, transport: 'polling' });
    this.outbox.push({ packet, seq });
    void this.flush();
    return seq;
  }

  /** Sends an Engine.IO message (text or binary) for the layer on top. */
  protected sendMessagePacket(data: string | Uint8Array): number {
    this.info_.messagesOut++;
    const packet: EioPacket = typeof data === 'string' ? { type: 'message', data } : { type: 'message', data, binary: true };
    this.info_.bytesOut += packetSize(packet);
    this.fireChanged();
    return this.sendPacket(packet);
  }

  send(request: SendRequest): SendOutcome {
    if (this.info_.state !== 'open') return { ok: false, error: { code: ErrorCode.NotOpen, message: `The session is ${this.info_.state}: messages can be sent only while it is open.` } };
    switch (request.kind) {
      case 'text':
      case 'json': {
        if (request.kind === 'json') {
          try { JSON.parse(request.text); } catch (error) {
            return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `Not valid JSON: ${(error as Error).message}.` } };
          }
        }
        const seq = this.sendMessagePacket(request.text);
        this.attachSendRequest(seq, request);
        return { ok: true, seq };
      }
      case 'binary': {
        const parsed = request.encoding === 'hex' ? parseHex(request.data) : parseBase64(request.data);
        if (!parsed.ok) return { ok: false, error: { code: ErrorCode.InvalidMessage, message: parsed.error } };
        const seq = this.sendMessagePacket(parsed.bytes);
        this.attachSendRequest(seq, request);
        return { ok: true, seq };
      }
      case 'close':
        void this.close();
        return { ok: true, seq: this.log.count };
      case 'ping':
        return { ok: false, error: { code: ErrorCode.InvalidMessage, message: this.version === 4 ? 'In Engine.IO v4 the server sends the pings; a client ping would end the session.' : 'Engine.IO v3 pings are sent by the heartbeat.' } };
      default:
        return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `A plain Engine.IO session cannot send "${request.kind}".` } };
    }
  }

  /** Keeps the request on the outgoing event so replay can send it again. */
  protected attachSendRequest(seq: number, request: SendRequest): void {
    const event = this.log.get(seq);
    if (event) event.meta = { ...event.meta, send: request };
  }

  // ---- heartbeat -----------------------------------------------------------------------------

  private startHeartbeat(): void {
    if (this.open) this.heartbeat.start(this.version, this.open.pingInterval, this.open.pingTimeout);
  }

  private onHeartbeatTimeout(message: string): void {
    const v3Hint = this.version === 4 && this.transport === 'websocket' && this.options.transports === 'websocket-only'
      ? 'A Socket.IO 2 (Engine.IO v3) server waits for the client to ping: choose protocol v3.'
      : 'The server or the network stopped responding.';
    this.closeWithError({ code: ErrorCode.PingTimeout, message, hint: v3Hint }, 'ping timeout');
  }

  // ---- ending --------------------------------------------------------------------------------

  private onHandshakeDeadline(): void {
    if (this.open || this.isClosed()) return;
    this.closeWithError({
      code: ErrorCode.HandshakeTimeout,
      message: `No Engine.IO open packet within ${this.options.handshakeTimeoutMs} ms.`,
      hint: 'Check the URL and path (Socket.IO serves /socket.io/, plain Engine.IO /engine.io/), or raise realtimeInspector.handshakeTimeoutMs.',
    }, 'handshake timeout');
  }

  protected closeWithError(error: ErrorMeta, reason: string): void {
    if (this.isClosed()) return;
    if (!this.open && !this.failure) this.failure = error;
    this.append('local', 'eio', 'error', { error });
    this.finish(reason, 'none');
  }

  /** Ends the session: stops timers and requests, closes the WebSocket, logs `closed` once. */
  private finish(reason: string, initiator: 'client' | 'server' | 'none'): void {
    if (this.isClosed()) return;
    this.timers.clearAll();
    this.getInFlight?.abort();
    if (initiator !== 'client') this.postInFlight?.abort();
    if (this.ws && this.ws.info.state !== 'closed') void this.ws.close();
    const wasOpen = this.open !== undefined;
    this.info_.state = 'closed';
    this.info_.closedAt = this.clock.now();
    this.info_.closeSummary = this.failure ? this.failure.message : `Closed (${reason})${wasOpen ? '' : ' before the session opened'}.`;
    this.onEngineClosed(reason);
    this.append('local', 'eio', 'closed', { close: { initiator }, note: this.info_.closeSummary, eio: { sid: this.open?.sid, transport: this.transport } });
    this.fireChanged();
    this.resolveStarted('closed');
    for (const w of this.closedWaiters.splice(0)) w();
    setTimeout(() => { this.agents.http.destroy(); this.agents.https.destroy(); }, initiator === 'client' ? CLOSE_GRACE_MS : 0);
  }

  /** Hook for the layer on top. */
  protected onEngineClosed(_reason: string): void {
    // Nothing to do for a plain Engine.IO session.
  }

  close(): Promise<void> {
    if (this.isClosed()) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.closedWaiters.push(resolve));
    if (!this.open) {
      this.closeWithError({ code: 'RI_CANCELLED', message: 'Connection attempt cancelled.' }, 'forced close');
      return closed;
    }
    this.info_.state = 'closing';
    this.fireChanged();
    if (this.transport === 'polling') {
      // Over polling the client says goodbye with a close packet in a POST.
      this.pollingPaused = false;
      this.sendPacket({ type: 'close' });
      this.finish('forced close', 'client');
    } else {
      // Over WebSocket both sides simply close the socket (protocols.md).
      this.finish('forced close', 'client');
    }
    return closed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.isClosed()) this.finish('disposed', 'client');
    this.ws?.dispose();
    this.timers.clearAll();
    this.changed.dispose();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  // ---- plumbing ------------------------------------------------------------------------------

  protected isClosed(): boolean {
    return this.info_.state === 'closed';
  }

  private logPacket(direction: Direction, packet: EioPacket, eio: EioMeta, parent?: number): number {
    const payload = packet.binary ? binaryPayload(packet.data, this.options.maxStoredPayloadBytes)
      : packet.data !== undefined ? textPayload(packet.data, this.options.maxStoredPayloadBytes) : undefined;
    const meta: EventMeta = { eio: { ...eio, packetType: packet.type } };
    if (eio.repeat) meta.warning = describeRun({ packet, count: eio.repeat });
    return this.append(direction, 'eio', `eio-${packet.type}`, meta, payload, packetSize(packet) * (eio.repeat ?? 1), parent).seq;
  }

  protected append(direction: Direction, layer: Layer, type: string, meta?: EventMeta, payload?: Payload, size = 0, parent?: number): { seq: number } {
    return this.log.append({ time: this.clock.now(), mono: this.clock.mono(), direction, layer, type, size, payload, parent, meta });
  }

  protected fireChanged(): void {
    this.changed.fire(this.info_);
  }

  protected protocolLabel(): string {
    return `Engine.IO ${this.version}`;
  }

  private describeAttempt(): string {
    const o = this.options;
    return `Connecting to ${o.endpoint.href} (${o.kind === 'socketio' ? 'Socket.IO' : 'Engine.IO'}, protocol ${o.protocolVersion === 'auto' ? 'auto-detected' : `v${o.protocolVersion}`}, ${o.transports})`;
  }

  /** Nothing a server sends may throw out of a callback and take the host down. */
  protected guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      try {
        this.append('local', 'eio', 'error', { error: { code: ErrorCode.Internal, message: `Internal error while recording: ${String(error)}`, detail: (error as Error)?.stack } });
      } catch {
        // The log itself failed; nothing left to record into.
      }
    }
  }
}
