/**
 * The WebSocket transport (engine.io-protocol, "WebSocket"): one Engine.IO packet per WebSocket
 * message, over our WebSocket engine (websocket/webSocketSession.ts, through its public API only), which
 * records the handshake, every frame and the close in the same log. Each incoming message is a carrier
 * the session decodes; each packet we write is logged under the frame that carried it.
 *
 * States: connecting → open → closing → closed (connecting → closed when the handshake fails).
 */
import { DisposableStore } from '../../disposable';
import type { ErrorMeta, LogEvent } from '../../events/logEvent';
import type { SessionInfo } from '../../session/session';
import { WebSocketSession, type WsDataMessage } from '../../websocket/webSocketSession';
import { appendPacket } from '../appendPacket';
import { encodeV3Frame } from '../eioCodecV3';
import { encodeV4Packet } from '../eioCodecV4';
import { engineIoUrl } from '../eioUrls';
import type { EioTransport, OutgoingPacket, TransportContext, TransportSink } from './transport';
import { observedLog, WsCloseEvidence } from './wsCloseEvidence';

export type WebSocketTransportState = 'connecting' | 'open' | 'closing' | 'closed';

/** What a WebSocket transport tells its owner beyond packets. */
export interface WebSocketTransportSink extends TransportSink {
  /** The WebSocket is open: the probe can be sent, or the open packet awaited. */
  onOpen(): void;
  /** The socket closed: `summary` in words, and `cause` when it failed (else undefined). */
  onClosed(summary: string, cause: ErrorMeta | undefined): void;
}

export class WebSocketTransport implements EioTransport {
  /** No sid yet: this connection is the handshake itself (WebSocket-only). */
  private readonly isHandshake: boolean;
  readonly name = 'websocket';
  /** The upgrade request's URL: with the sid when it probes a polling session. */
  readonly url: URL;
  private current: WebSocketTransportState = 'connecting';
  private socket: WebSocketSession | undefined;
  private readonly evidence = new WsCloseEvidence();
  private readonly subscriptions = new DisposableStore();
  /** The socket's latest event, as it was written: a message's own row gives its children their time. */
  private lastWritten: LogEvent | undefined;

  constructor(
    private readonly ctx: TransportContext,
    private readonly sink: WebSocketTransportSink,
    sid: string | undefined,
  ) {
    const { route } = ctx;
    const at = { version: ctx.version(), transport: 'websocket' as const, sid, query: route.query };
    this.url = engineIoUrl(route.endpoint, { ...at, now: ctx.clock.now() });
    this.isHandshake = sid === undefined;
  }

  get state(): WebSocketTransportState {
    return this.current;
  }

  open(): void {
    this.ctx.policy.beforeStep({ transport: 'websocket', step: 'connecting' }, () => this.connect());
  }

  send(packets: OutgoingPacket[]): number[] {
    return packets.map((p) => this.write(p));
  }

  /** Why a data message must not be written now (bytes waiting past maxBufferedSendBytes), with its row. */
  refuseWhenBuffered(): ErrorMeta | undefined {
    return this.socket?.refuseWhenBuffered();
  }

  /** Nothing is ever in flight on a WebSocket: paused at once. */
  pause(onPaused: () => void): void {
    onPaused();
  }

  close(): void {
    if (this.current === 'closed' || this.current === 'closing') return;
    this.current = 'closing';
    if (this.socket && this.socket.info.state !== 'closed') this.ctx.lifecycle.watch(this.socket.close());
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.socket?.dispose();
  }

  private connect(): void {
    const { ctx } = this;
    const o = ctx.options;
    const log = observedLog(ctx.writer.log, (event) => {
      this.evidence.note(event);
      this.lastWritten = event;
    });
    // The WebSocket engine takes `{ clock, log, network }` (issue #8); `id` names its own events.
    const deps = { clock: ctx.clock, log, network: ctx.network, id: `${ctx.id}-ws` };
    const socket = new WebSocketSession(
      {
        kind: 'websocket',
        url: this.url.href,
        headers: ctx.cookies.apply(ctx.route.headers),
        subprotocols: [],
        perMessageDeflate: o.perMessageDeflate,
        tls: o.tls,
        handshakeTimeoutMs: o.handshakeTimeoutMs,
        // Engine.IO keeps its own heartbeat. A WebSocket-only handshake may follow redirects (issue 12); an
        // upgrade that redirects would lead away from the server that holds the sid.
        heartbeatIntervalMs: 0,
        heartbeatTimeoutMs: 0,
        followRedirects: o.followRedirects && this.isHandshake,
        maxRedirects: o.maxRedirects,
        maxPayloadBytes: o.maxPayloadBytes,
        maxStoredPayloadBytes: o.maxStoredPayloadBytes,
        maxFragmentsPerMessage: o.maxFragmentsPerMessage,
        maxBufferedSendBytes: o.maxBufferedSendBytes,
      },
      deps,
    );
    this.socket = socket;
    this.subscriptions.add(socket.onMessage(ctx.lifecycle.guarded((message) => this.onMessage(message))));
    this.subscriptions.add(socket.onDidChange(ctx.lifecycle.guarded((info) => this.onSocketChange(info))));
    ctx.lifecycle.watch(socket.start());
  }

  private onMessage(message: WsDataMessage): void {
    const row = this.lastWritten?.seq === message.seq ? this.lastWritten : undefined;
    void this.sink.onCarrier({
      time: row?.time ?? this.ctx.clock.now(),
      mono: row?.mono ?? this.ctx.clock.mono(),
      seq: message.seq,
      transport: 'websocket',
      data: message.data,
    });
  }

  private onSocketChange(info: Readonly<SessionInfo>): void {
    if (info.state === 'open' && this.current === 'connecting') {
      this.current = 'open';
      // A WebSocket-only handshake may have been redirected elsewhere: the route says where it opened.
      if (this.isHandshake && this.socket) this.ctx.route.arrivedAt(this.socket.handshakeUrl);
      this.sink.onOpen();
    } else if (info.state === 'closed' && this.current !== 'closed') {
      this.current = 'closed';
      this.subscriptions.dispose();
      this.sink.onClosed(info.closeSummary ?? 'the WebSocket closed', this.evidence.cause(this.ctx.version()));
    }
  }

  /** One packet in one frame; its `eio` event goes under the frame's (unless it was logged while queued). */
  private write(outgoing: OutgoingPacket): number {
    const { packet } = outgoing;
    const encoded = this.ctx.version() === 4 ? encodeV4Packet(packet, true) : encodeV3Frame(packet);
    const frameSeq = this.socket?.sendFrame(encoded);
    if (outgoing.seq !== undefined) return outgoing.seq;
    const eio = { packetType: packet.type, transport: 'websocket' as const, ...(outgoing.probe && { probe: true }) };
    const facts = { eio, parent: frameSeq, send: outgoing.send };
    return appendPacket(this.ctx.writer, 'out', packet, facts, this.ctx.options.maxStoredPayloadBytes).seq;
  }
}
