/**
 * A raw WebSocket session over `ws`, recorded event by event: the exact handshake request (from the
 * socket tap), the response with its timing, every message and control frame both ways, the close as
 * it went over the wire and as `ws` reports it, and every error with a stable code.
 *
 * States: connecting → open → closing → closed (connecting → closed on failure). Our own absolute
 * handshake deadline replaces ws's inactivity timer; our own heartbeat is optional. Network and time
 * come from outside (deps); the guard, the timers and the teardown are the shared SessionLifecycle.
 */
import type { ClientRequest } from 'node:http';
import type { EngineDeps } from '../session/engineDeps';
import WebSocket from 'ws';
import { type Clock, systemClock } from '../clock';
import type { ResolvedWebSocketOptions } from '../connection/connectionOptions';
import type { Disposable } from '../disposable';
import { ErrorCode, describeError } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { sendBufferFull } from '../limits/limitErrors';
import type { EventLog } from '../events/eventLog';
import { MemoryEventLog } from '../events/memoryEventLog';
import { viaFact } from '../network/routeFacts';
import { createDirectNetwork, type Network } from '../session/network';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { SessionLifecycle } from '../session/sessionLifecycle';
import { describeAttempt } from './attemptNote';
import { CloseBookkeeping } from './closeBookkeeping';
import { ConnectionRecorder } from './connectionRecorder';
import { createEventAppender } from './eventAppender';
import { FragmentCap } from './fragmentCap';
import { FrameSender } from './frameSender';
import { Handshake, webSocketClientOptions } from './handshake';
import { HandshakeRedirects, type WsHop } from './handshakeRedirects';
import { Heartbeat, PingRoundTrips } from './heartbeat';
import { IncomingTraffic, type WsDataMessage } from './incomingTraffic';
import { ReadPacing } from './readPacing';
import { refuseUnacceptedKind } from '../session/sendKindRefusal';
import { prepareSend } from './sendPreparation';
import { LiveSessionFacts, type WsSessionContext } from './sessionContext';
import { WsSessionTransitions } from './sessionTransitions';
import { WireFrameTracker } from './wireFrameTracker';
import { listenToWs } from './wsListeners';

/**
 * What a WebSocket session is made with besides its options (engineDeps.ts); an Engine.IO session names its
 * WebSocket transport after itself and shares its log.
 */
export type WebSocketSessionDeps = EngineDeps;

export type { WsDataMessage } from './incomingTraffic';

let nextId = 1;

/** One WebSocket connection, its log and its facts (a Session of kind `websocket`). */
export class WebSocketSession implements Session {
  readonly id: string;
  readonly log: EventLog;
  private readonly clock: Clock;
  private readonly network: Network;
  private readonly context: WsSessionContext;
  private readonly lifecycle: SessionLifecycle;
  private readonly facts: LiveSessionFacts;
  private readonly startedAtMono: number;
  private ws: WebSocket | undefined;
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (state: SessionState) => void = () => undefined;
  private readonly wireFrames = new WireFrameTracker();
  private readonly recorder: ConnectionRecorder;
  private readonly handshake: Handshake;
  private readonly redirects: HandshakeRedirects;
  private readonly incoming: IncomingTraffic;
  private readonly closing: CloseBookkeeping;
  private readonly sender: FrameSender;
  private readonly pacing: ReadPacing;
  private readonly fragments: FragmentCap;
  private readonly transitions: WsSessionTransitions;
  /** A send was refused for the buffered bytes and said so in a row; the next accepted send resets it. */
  private sendsRefused = false;

  constructor(
    readonly options: ResolvedWebSocketOptions,
    deps: WebSocketSessionDeps = {},
  ) {
    this.id = deps.id ?? `ws-${nextId++}`;
    this.fragments = new FragmentCap(options.maxFragmentsPerMessage);
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? new MemoryEventLog();
    const append = createEventAppender(this.log, this.clock);
    const lifecycle = new SessionLifecycle(this.clock, (error) => append('local', 'ws', 'error', { error }));
    this.lifecycle = lifecycle;
    this.network = deps.network ?? lifecycle.own(createDirectNetwork(options.tls));
    this.facts = lifecycle.own(new LiveSessionFacts(options.url, this.clock, viaFact(this.network, options.url)));
    this.startedAtMono = this.clock.mono();
    this.context = { append, lifecycle, facts: this.facts, socket: () => this.ws };
    this.recorder = lifecycle.own(
      new ConnectionRecorder(options.url, this.clock, {
        append,
        onFrame: (direction, frame) => this.incoming.wireFrame(direction, frame),
        guard: (fn) => lifecycle.guard(fn),
        onReadDone: () => this.transitions.afterRead(),
        admitIncoming: (frame) => this.fragments.admit(frame),
      }),
    );
    this.handshake = new Handshake(options, this.recorder, this.context);
    this.redirects = new HandshakeRedirects(options, this.context, this.handshake, (hop) => {
      // The handshake a redirect answered is dropped unheard; the next one is recorded from scratch.
      const left = this.ws;
      this.ws = undefined;
      left?.terminate();
      this.recorder.restart(hop.address);
      this.connectTo(hop);
    });
    this.handshake.onRedirect = (status, headers) => this.redirects.follow(status, headers);
    const pings = new PingRoundTrips(this.clock);
    const heartbeat = new Heartbeat(
      { intervalMs: options.heartbeatIntervalMs, timeoutMs: options.heartbeatTimeoutMs },
      pings,
      this.wireFrames,
      this.context,
      () => this.pacing.isPaused,
    );
    const maxStored = options.maxStoredPayloadBytes;
    this.incoming = lifecycle.own(new IncomingTraffic(maxStored, this.wireFrames, pings, heartbeat, this.context));
    this.closing = new CloseBookkeeping(this.wireFrames, this.recorder, this.context);
    this.sender = new FrameSender(maxStored, pings, this.closing, this.context);
    this.pacing = new ReadPacing({
      clock: this.clock,
      lifecycle,
      reads: () => this.openSocket(),
      log: (type, meta) => append('local', 'ws', type, meta),
    });
    this.transitions = this.createTransitions(heartbeat);
  }

  /** The session's state transitions, made last: they read most of the other parts. */
  private createTransitions(heartbeat: Heartbeat): WsSessionTransitions {
    return new WsSessionTransitions({
      options: this.options,
      clock: this.clock,
      startedAtMono: this.startedAtMono,
      context: this.context,
      handshake: this.handshake,
      recorder: this.recorder,
      incoming: this.incoming,
      heartbeat,
      closing: this.closing,
      wireFrames: this.wireFrames,
      fragments: this.fragments,
      pacing: this.pacing,
      settleStarted: (state) => this.resolveStarted(state),
    });
  }

  get info(): Readonly<SessionInfo> {
    return this.facts.info;
  }

  /** Where the handshake went: the options' URL, or where the redirects it followed led (issue 12). */
  get handshakeUrl(): URL {
    return this.redirects.currentUrl;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.facts.onDidChange(listener);
  }

  /** Every incoming data message with the seq of its log event: how a protocol on top (Engine.IO) reads. */
  onMessage(listener: (message: WsDataMessage) => void): Disposable {
    return this.incoming.onMessage(listener);
  }

  /**
   * Sends one data message for a protocol on top (Engine.IO), logged as a ws message without a
   * replayable request (replay belongs to the upper layer). Returns its seq, or undefined when not open.
   */
  sendFrame(data: string | Uint8Array): number | undefined {
    const ws = this.openSocket();
    return ws && this.sender.message(ws, data);
  }

  start(): Promise<SessionState> {
    if (this.started) return this.started;
    this.started = new Promise((resolve) => {
      this.resolveStarted = resolve;
    });
    this.connect();
    return this.started;
  }

  /** The one entry point for callers: checks the kind (one rule for all engines), the input, the state. */
  send(request: SendRequest): SendOutcome {
    const refused = refuseUnacceptedKind('websocket', request);
    if (refused) return { ok: false, error: refused };
    const prepared = prepareSend(request);
    if (!prepared.ok) return prepared;
    const ws = this.openSocket();
    if (!ws) {
      const message = `The session is ${this.facts.state}: messages can be sent only while it is open.`;
      return { ok: false, error: { code: ErrorCode.NotOpen, message } };
    }
    if (prepared.action.op === 'message') {
      const refused = this.refuseWhenBuffered(ws);
      if (refused) return { ok: false, error: refused };
    }
    return this.sender.perform(ws, prepared.action, request);
  }

  /** Bytes written to the connection that the network has not taken yet (ws `bufferedAmount`). */
  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  /**
   * The error when a data message must wait behind maxBufferedSendBytes already waiting (issue 12): a server
   * that stops reading must not make every send pile up in memory. One row per run of refusals.
   */
  refuseWhenBuffered(ws: Pick<WebSocket, 'bufferedAmount'> | undefined = this.ws): ErrorMeta | undefined {
    const buffered = ws?.bufferedAmount ?? 0;
    const max = this.options.maxBufferedSendBytes;
    if (buffered < max) {
      this.sendsRefused = false;
      return undefined;
    }
    const error = sendBufferFull(buffered, max);
    if (!this.sendsRefused) this.context.append('local', 'ws', 'error', { error });
    this.sendsRefused = true;
    return error;
  }

  close(): Promise<void> {
    return this.transitions.close();
  }

  dispose(): void {
    this.transitions.dispose();
  }

  // ---- connecting ------------------------------------------------------------------------------

  private connect(): void {
    this.context.append('local', 'ws', 'connecting', { note: describeAttempt(this.options) });
    this.handshake.startDeadline();
    this.connectTo(this.redirects.first());
  }

  /** One handshake: the first, or the next hop of a redirect being followed. */
  private connectTo(hop: WsHop): void {
    let ws: WebSocket;
    try {
      const finish = (req: ClientRequest): void => this.recorder.attach(req);
      const clientOptions = webSocketClientOptions(this.options, this.network, finish, hop);
      ws = new WebSocket(hop.address, hop.subprotocols, clientOptions);
    } catch (error) {
      // ws throws synchronously for URLs it rejects; options validation should have caught them.
      this.handshake.fail(describeError(error));
      this.transitions.finishClosed(undefined, '');
      return;
    }
    this.ws = ws;
    const incoming = this.incoming;
    listenToWs(ws, this.lifecycle, () => this.ws === ws, {
      upgrade: (res) => this.handshake.onUpgrade(res),
      unexpectedResponse: (res) => this.handshake.onUnexpectedResponse(res),
      open: () => this.transitions.onOpen(ws),
      message: (data, isBinary) => incoming.dataMessage(data, isBinary),
      control: (kind, data) => incoming.control(kind, data),
      error: (error) => this.transitions.onError(error),
      close: (code, reason) => this.transitions.finishClosed(code, reason),
    });
  }

  /** The socket when data may flow: the session open and ws open. */
  private openSocket(): WebSocket | undefined {
    const ws = this.ws;
    return ws && this.facts.state === 'open' && ws.readyState === WebSocket.OPEN ? ws : undefined;
  }
}
