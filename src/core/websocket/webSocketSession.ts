/**
 * A raw WebSocket session over `ws`, recorded event by event: the exact handshake request (from the
 * socket tap), the response with its timing, every message and control frame both ways, the close as
 * it went over the wire and as `ws` reports it, and every error with a stable code.
 *
 * States: connecting → open → closing → closed (connecting → closed on failure). Our own absolute
 * handshake deadline replaces ws's inactivity timer; our own heartbeat is optional.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { SendRequest } from '../../shared/sendRequest';
import { type Clock, systemClock } from '../clock';
import type { ResolvedWebSocketOptions } from '../connection/connectionOptions';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import { ErrorCode, describeError } from '../errors';
import type { EventLog } from '../events/eventLog';
import type { CloseMeta, Direction, ErrorMeta, EventMeta, Layer, Payload } from '../events/logEvent';
import { caWithDefaultRoots } from '../connection/commonOptions';
import { MemoryEventLog } from '../events/memoryEventLog';
import { headerObject, headerValue, rawHeaderPairs } from '../http/headers';
import { binaryPayload, textOrBinary, textPayload } from '../payload/storedPayload';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { TimerSet } from '../session/timerSet';
import { describeAttempt } from './attemptNote';
import { closePayload, summarizeClose } from './closeFacts';
import { ConnectionRecorder, RAW_TAIL_BYTES } from './connectionRecorder';
import { OPCODE, type WireFrame } from './frameParser';
import { outgoingMessage, receivedMessage } from './messagePayloads';
import { prepareSend } from './sendPreparation';
import { switchingProtocolsFault } from './switchingProtocols';
import { readUnexpectedBody, unexpectedBodyPayload, unexpectedResponseError } from './unexpectedResponse';
import { WireFrameTracker, type WireEvent } from './wireFrameTracker';
import { explainWsError } from './wsErrorExplanation';

/** How long `close()` waits for the server's close frame before dropping the connection. */
const CLOSE_GRACE_MS = 5_000;

export interface WebSocketSessionDeps {
  id?: string;
  clock?: Clock;
  log?: EventLog;
}

/** A data message as a protocol on top of WebSocket receives it. */
export interface WsDataMessage {
  /** Seq of the ws `message` event: the parent of whatever the upper layer decodes from it. */
  seq: number;
  data: string | Uint8Array;
}

let nextId = 1;

export class WebSocketSession implements Session {
  readonly id: string;
  readonly log: EventLog;
  private readonly clock: Clock;
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  private readonly messages = new Emitter<WsDataMessage>();
  private readonly state: SessionInfo;
  private readonly startMono: number;
  private ws: WebSocket | undefined;
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (state: SessionState) => void = () => undefined;
  private closedWaiters: Array<() => void> = [];
  private readonly timers: TimerSet;
  private deadline: unknown;
  private readonly wire = new WireFrameTracker();
  private readonly recorder: ConnectionRecorder;
  /** Set when we end the handshake ourselves, so ws's generic follow-up error is not logged twice. */
  private abortedByUs = false;
  private failure: ErrorMeta | undefined;
  private pendingPings = new Map<string, number>();
  private heartbeatCount = 0;
  private heartbeatAwaiting: string | undefined;
  private disposed = false;
  /** Listeners of onMessage: without any, a truncated text message is never decoded in full. */
  private messageReaders = 0;

  constructor(readonly options: ResolvedWebSocketOptions, deps: WebSocketSessionDeps = {}) {
    this.id = deps.id ?? `ws-${nextId++}`;
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? new MemoryEventLog();
    this.timers = new TimerSet(this.clock);
    this.recorder = new ConnectionRecorder(options.url, this.clock, {
      append: (direction, layer, type, meta, payload, size) => this.append(direction, layer, type, meta, payload, size),
      onFrame: (direction, frame) => this.onWireFrame(direction, frame),
      guard: (fn) => this.guard(fn),
    });
    this.startMono = this.clock.mono();
    this.state = {
      state: 'connecting', url: options.url, kind: 'websocket', startedAt: this.clock.now(),
      messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0,
    };
  }

  get info(): Readonly<SessionInfo> {
    return this.state;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  /** Every incoming data message with the seq of its log event: how a protocol on top (Engine.IO) reads. */
  onMessage(listener: (message: WsDataMessage) => void): Disposable {
    const subscription = this.messages.on(listener);
    this.messageReaders++;
    let disposed = false;
    return { dispose: () => { if (!disposed) { disposed = true; this.messageReaders--; subscription.dispose(); } } };
  }

  /**
   * Sends one data message for a protocol on top (Engine.IO), logged as a ws message without a
   * replayable request (replay belongs to the upper layer). Returns its seq, or undefined when not open.
   */
  sendFrame(data: string | Uint8Array): number | undefined {
    const ws = this.ws;
    if (!ws || this.state.state !== 'open' || ws.readyState !== WebSocket.OPEN) return undefined;
    const { wire, binary, payload, size } = outgoingMessage(data, this.options.maxStoredPayloadBytes);
    const event = this.append('out', 'ws', 'message', { frame: { opcode: binary ? OPCODE.binary : OPCODE.text } }, payload, size);
    this.state.messagesOut++;
    this.state.bytesOut += size;
    ws.send(wire, { binary }, (error) => {
      if (error) this.guard(() => this.append('local', 'ws', 'error', { error: { ...describeError(error), code: ErrorCode.SendFailed } }));
    });
    this.fireChanged();
    return event.seq;
  }

  start(): Promise<SessionState> {
    if (this.started) return this.started;
    this.started = new Promise((resolve) => { this.resolveStarted = resolve; });
    this.connect();
    return this.started;
  }

  // ---- connecting ------------------------------------------------------------------------------

  private connect(): void {
    const o = this.options;
    this.append('local', 'ws', 'connecting', { note: describeAttempt(o) });
    this.deadline = this.timers.start(o.handshakeTimeoutMs, () => this.onDeadline());
    let ws: WebSocket;
    try {
      // ws passes TLS options (ca, servername, rejectUnauthorized) through to tls.connect.
      const clientOptions: WebSocket.ClientOptions & { servername?: string } = {
        // Node's http sends an array value as one header line per element; ws's types only say string.
        headers: headerObject(o.headers) as unknown as Record<string, string>,
        origin: o.origin,
        perMessageDeflate: o.perMessageDeflate,
        rejectUnauthorized: o.tls.rejectUnauthorized,
        ca: caWithDefaultRoots(o.tls.ca),
        servername: o.tls.servername,
        maxPayload: o.maxPayloadBytes,
        followRedirects: false,
        finishRequest: (req: ClientRequest) => this.recorder.attach(req),
      };
      ws = new WebSocket(o.url, o.subprotocols, clientOptions);
    } catch (error) {
      // ws throws synchronously for URLs it rejects; options validation should have caught them.
      this.fail(describeError(error));
      this.finishClosed(undefined, '');
      return;
    }
    this.ws = ws;
    ws.on('upgrade', (res) => this.guard(() => this.onUpgrade(res)));
    ws.on('unexpected-response', (_req, res) => this.guard(() => this.onUnexpectedResponse(res)));
    ws.on('open', () => this.guard(() => this.onOpen()));
    ws.on('message', (data, isBinary) => this.guard(() => this.onWsMessage(data, isBinary)));
    ws.on('ping', (data) => this.guard(() => this.onControl('in', 'ping', data)));
    ws.on('pong', (data) => this.guard(() => this.onControl('in', 'pong', data)));
    ws.on('error', (error) => this.guard(() => this.onError(error)));
    ws.on('close', (code, reason) => this.guard(() => this.finishClosed(code, reason.toString('utf8'))));
  }

  private onUpgrade(res: IncomingMessage): void {
    this.recorder.ensureRequestLogged();
    const headers = rawHeaderPairs(res.rawHeaders);
    const durationMs = this.recorder.sinceRequest();
    this.state.handshakeMs = durationMs;
    this.append('in', 'http', 'handshake-response', {
      response: { httpVersion: res.httpVersion, status: res.statusCode, statusText: res.statusMessage, headers },
      subprotocol: headerValue(headers, 'sec-websocket-protocol'),
      extensions: headerValue(headers, 'sec-websocket-extensions'),
      durationMs,
    }, undefined, this.recorder.responseHeadBytes ?? 0);
    this.recorder.responseLogged();
    // Node reports a 101 as an upgrade once it has Upgrade and Connection: Upgrade; ws then names a
    // wrong Upgrade value only as "Invalid Upgrade header". Say what is wrong and end it ourselves.
    const fault = switchingProtocolsFault(headers);
    if (fault) {
      this.fail(fault);
      this.abort();
    }
  }

  private onUnexpectedResponse(res: IncomingMessage): void {
    this.recorder.ensureRequestLogged();
    const headers = rawHeaderPairs(res.rawHeaders);
    const durationMs = this.recorder.sinceRequest();
    const reader = readUnexpectedBody(res);
    this.abortBodyRead = reader.abort;
    void reader.done.then((body) => this.guard(() => {
      this.abortBodyRead = undefined;
      const response = { httpVersion: res.httpVersion, status: res.statusCode, statusText: res.statusMessage, headers };
      const payload = unexpectedBodyPayload(body.bytes, headerValue(headers, 'content-encoding'), this.options.maxStoredPayloadBytes);
      const note = body.truncated ? `Body cut at ${body.bytes.length} bytes` : undefined;
      this.append('in', 'http', 'handshake-response', { response, durationMs, note }, payload, body.bytes.length);
      this.recorder.responseLogged();
      // The error row is the one a user clicks first: it carries the status, headers and body too (issue #7).
      this.fail(unexpectedResponseError(res.statusCode ?? 0, res.statusMessage, headers), payload, { response });
      this.abort();
    }));
  }

  private abortBodyRead: (() => void) | undefined;

  private onDeadline(): void {
    this.deadline = undefined;
    if (this.state.state !== 'connecting') return;
    this.abortBodyRead?.();
    if (this.abortedByUs) return;
    const received = this.recorder.rawTail.length;
    this.fail({
      code: ErrorCode.HandshakeTimeout,
      message: `No complete handshake within ${this.options.handshakeTimeoutMs} ms${received ? ` (the server sent ${received === RAW_TAIL_BYTES ? 'at least ' : ''}${received} bytes)` : ' (the server sent nothing)'}.`,
      hint: 'The server accepted the TCP connection but did not answer the upgrade in time. Check that this port serves WebSocket, or raise realtimeInspector.handshakeTimeoutMs.',
    }, this.recorder.rawTail.length ? binaryPayload(this.recorder.rawTail, RAW_TAIL_BYTES) : undefined);
    this.abort();
  }

  private onOpen(): void {
    this.timers.clear(this.deadline);
    const ws = this.ws!;
    this.state.state = 'open';
    this.state.openedAt = this.clock.now();
    this.state.subprotocol = ws.protocol || undefined;
    this.state.extensions = ws.extensions || undefined;
    const parts = [`Open in ${(this.clock.mono() - this.startMono).toFixed(1)} ms`];
    parts.push(ws.protocol ? `subprotocol ${ws.protocol}` : 'no subprotocol');
    parts.push(ws.extensions ? `extensions ${ws.extensions}` : 'no extensions');
    this.append('local', 'ws', 'open', { subprotocol: ws.protocol || undefined, extensions: ws.extensions || undefined, note: parts.join(', ') });
    this.fireChanged();
    this.resolveStarted('open');
    if (this.options.heartbeatIntervalMs > 0) this.scheduleHeartbeat();
  }

  // ---- traffic ---------------------------------------------------------------------------------

  private onWsMessage(data: WebSocket.RawData, isBinary: boolean): void {
    const message = receivedMessage(data, isBinary, this.options.maxStoredPayloadBytes, this.messageReaders > 0);
    this.state.messagesIn++;
    this.state.bytesIn += message.size;
    const frame = this.wire.nextIncoming() ?? { opcode: isBinary ? OPCODE.binary : OPCODE.text };
    const event = this.append('in', 'ws', 'message', { frame }, message.payload, message.size);
    this.fireChanged();
    if (message.data !== undefined) this.messages.fire({ seq: event.seq, data: message.data });
    const deferred = this.wire.releaseDeferred();
    if (deferred) this.logWireEvent(deferred);
  }

  private onControl(direction: Direction, type: 'ping' | 'pong', data: Buffer): void {
    const payload = data.length ? textOrBinary(data, this.options.maxStoredPayloadBytes) : undefined;
    const meta: EventMeta = { frame: { opcode: type === 'ping' ? OPCODE.ping : OPCODE.pong } };
    if (type === 'pong') {
      const key = data.toString('hex');
      const sentAt = this.pendingPings.get(key);
      if (sentAt !== undefined) {
        this.pendingPings.delete(key);
        meta.durationMs = this.clock.mono() - sentAt;
        meta.note = `Round trip ${meta.durationMs.toFixed(1)} ms`;
      }
      if (this.heartbeatAwaiting === key) this.heartbeatAwaiting = undefined;
    }
    this.append(direction, 'ws', type, meta, payload, data.length);
  }

  /** Frames seen on the wire: close frames both ways, pongs ws sends for us, facts for messages. */
  private onWireFrame(direction: 'in' | 'out', frame: WireFrame): void {
    const event = this.wire.observe(direction, frame);
    if (event) this.logWireEvent(event);
  }

  private logWireEvent(event: WireEvent): void {
    if (event.closing) this.setState('closing');
    this.append(event.direction, 'ws', event.type, event.meta, event.payload, event.size);
  }

  send(request: SendRequest): SendOutcome {
    const prepared = prepareSend(request);
    if (!prepared.ok) return prepared;
    const ws = this.ws;
    if (!ws || this.state.state !== 'open' || ws.readyState !== WebSocket.OPEN) {
      return { ok: false, error: { code: ErrorCode.NotOpen, message: `The session is ${this.state.state}: messages can be sent only while it is open.` } };
    }
    const action = prepared.action;
    const onSent = (error?: Error): void => {
      if (error) this.guard(() => this.append('local', 'ws', 'error', { error: { ...describeError(error), code: ErrorCode.SendFailed } }));
    };
    try {
      switch (action.op) {
        case 'message': {
          const { wire, binary, payload, size } = outgoingMessage(action.binary ? action.bytes : action.text, this.options.maxStoredPayloadBytes);
          const event = this.append('out', 'ws', 'message', { send: request, frame: { opcode: binary ? OPCODE.binary : OPCODE.text } }, payload, size);
          this.state.messagesOut++;
          this.state.bytesOut += size;
          ws.send(wire, { binary }, onSent);
          this.fireChanged();
          return { ok: true, seq: event.seq };
        }
        case 'ping': {
          const bytes = Buffer.from(action.bytes);
          this.pendingPings.set(bytes.toString('hex'), this.clock.mono());
          const event = this.append('out', 'ws', 'ping', { send: request, frame: { opcode: OPCODE.ping } }, bytes.length ? textOrBinary(bytes, 125) : undefined, bytes.length);
          ws.ping(bytes, undefined, onSent);
          return { ok: true, seq: event.seq };
        }
        case 'close': {
          const event = this.logOwnClose(action.code, action.reason);
          ws.close(action.code, action.reason);
          return { ok: true, seq: event.seq };
        }
      }
    } catch (error) {
      return { ok: false, error: { ...describeError(error), code: ErrorCode.SendFailed } };
    }
  }

  private logOwnClose(code: number | undefined, reason: string | undefined): { seq: number } {
    this.wire.expectOwnClose(this.recorder.tapActive);
    this.setState('closing');
    const payload = code === undefined ? undefined : closePayload(code, reason ?? '');
    return this.append('out', 'ws', 'close-frame', { close: { sentCode: code, sentReason: reason }, frame: { opcode: OPCODE.close } },
      payload ? binaryPayload(payload, 125) : undefined, payload?.length ?? 0);
  }

  // ---- heartbeat -------------------------------------------------------------------------------

  private scheduleHeartbeat(): void {
    this.timers.start(this.options.heartbeatIntervalMs, () => this.guard(() => this.beat()));
  }

  private beat(): void {
    const ws = this.ws;
    if (!ws || this.state.state !== 'open') return;
    if (this.heartbeatAwaiting !== undefined) {
      this.append('local', 'ws', 'heartbeat-timeout', {
        error: {
          code: ErrorCode.HeartbeatTimeout,
          message: `No pong within ${this.options.heartbeatIntervalMs} ms of our heartbeat ping: the connection is considered dead.`,
          hint: 'The server or a proxy stopped answering. The connection is dropped without a closing handshake.',
        },
      });
      this.wire.markClientInitiated();
      ws.terminate();
      return;
    }
    const payload = Buffer.from(`ri-heartbeat-${++this.heartbeatCount}`);
    const key = payload.toString('hex');
    this.heartbeatAwaiting = key;
    this.pendingPings.set(key, this.clock.mono());
    this.append('out', 'ws', 'ping', { frame: { opcode: OPCODE.ping }, note: 'Heartbeat' }, textPayload(payload.toString(), 125), payload.length);
    ws.ping(payload);
    this.scheduleHeartbeat();
  }

  // ---- ending ----------------------------------------------------------------------------------

  private onError(error: Error): void {
    if (this.abortedByUs && this.state.state === 'connecting') return;
    // After an error ws delivers no more messages: the wire facts of the ones it dropped are dropped too.
    this.wire.dropIncomingData();
    const meta = explainWsError(error, { maxMessageBytes: this.options.maxPayloadBytes, incomingFault: this.wire.incomingFault });
    const rawTail = meta.code === ErrorCode.ProtocolError || meta.code === ErrorCode.InvalidAccept ? this.recorder.rawTail : undefined;
    this.fail(meta, rawTail?.length ? binaryPayload(rawTail, RAW_TAIL_BYTES) : undefined);
  }

  /** Records an error row; before the session opened it also becomes the session's failure. */
  private fail(error: ErrorMeta, payload?: Payload, context: Pick<EventMeta, 'response'> = {}): void {
    if (this.state.state === 'connecting' && !this.failure) this.failure = error;
    this.append('local', 'ws', 'error', { error, ...context }, payload, payload?.byteLength ?? 0);
  }

  /** Ends a handshake we gave up on; ws then reports error + close, the error is ours already. */
  private abort(): void {
    this.abortedByUs = true;
    this.ws?.terminate();
  }

  private finishClosed(code: number | undefined, reason: string): void {
    if (this.state.state === 'closed') return;
    this.recorder.responseLogged();
    // A close frame held back behind messages that ws never delivered (it failed on one): log it now.
    const deferred = this.wire.releaseDeferred(true);
    if (deferred) this.logWireEvent(deferred);
    this.timers.clearAll();
    this.recorder.dispose();
    const wasOpen = this.state.openedAt !== undefined;
    const close: CloseMeta = { ...this.wire.close, localCode: code, localReason: reason || undefined, initiator: this.wire.close.initiator ?? 'none' };
    this.state.state = 'closed';
    this.state.closedAt = this.clock.now();
    this.state.closeSummary = this.failure ? this.failure.message : summarizeClose(close, wasOpen);
    this.append('local', 'ws', 'closed', { close, note: this.state.closeSummary });
    this.fireChanged();
    this.resolveStarted('closed');
    const waiters = this.closedWaiters;
    this.closedWaiters = [];
    for (const w of waiters) w();
  }

  close(): Promise<void> {
    if (this.state.state === 'closed') return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.closedWaiters.push(resolve));
    const ws = this.ws;
    if (!ws) {
      this.finishClosed(undefined, '');
    } else if (this.state.state === 'connecting') {
      this.append('local', 'ws', 'error', { error: { code: 'RI_CANCELLED', message: 'Connection attempt cancelled.' } });
      this.abort();
    } else {
      if (this.state.state === 'open') {
        this.logOwnClose(1000, '');
        ws.close(1000);
      }
      // A server that never answers our close frame would keep us waiting for ws's 30 s timer.
      this.timers.start(CLOSE_GRACE_MS, () => ws.terminate());
    }
    return closed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.state.state !== 'closed') {
      this.abortedByUs = true;
      this.ws?.terminate();
    }
    this.timers.clearAll();
    this.recorder.dispose();
    this.changed.dispose();
    this.messages.dispose();
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private append(direction: Direction, layer: Layer, type: string, meta?: EventMeta, payload?: Payload, size = 0): { seq: number } {
    return this.log.append({ time: this.clock.now(), mono: this.clock.mono(), direction, layer, type, size, payload, meta });
  }

  private setState(state: SessionState): void {
    if (this.state.state === state || this.state.state === 'closed') return;
    this.state.state = state;
    this.fireChanged();
  }

  private fireChanged(): void {
    this.changed.fire(this.state);
  }

  /** Nothing a server sends may throw out of a socket callback and take the host down. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      try {
        this.append('local', 'ws', 'error', { error: { code: ErrorCode.Internal, message: `Internal error while recording: ${String(error)}`, detail: (error as Error)?.stack } });
      } catch {
        // The log itself failed; nothing left to record into.
      }
    }
  }
}
