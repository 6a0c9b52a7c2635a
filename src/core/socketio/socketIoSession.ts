/**
 * A Socket.IO session: the Socket.IO layer (protocol v5 over Engine.IO v4, v4 over Engine.IO v3) over an
 * Engine.IO engine it owns (composition, not inheritance: issue #8). Incoming messages go through the
 * SioLayerDecoder (pure); outgoing packets through SioOutbound. It joins namespaces (with auth), logs
 * every packet the server sends without declaring listeners, and detects a Socket.IO 2 server.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { Disposable } from '../disposable';
import type { EventLog } from '../events/eventLog';
import type { EventMeta, LogEvent } from '../events/logEvent';
import { EioEngine, type EioEngineDeps } from '../engineio/eioEngine';
import type { EioPacket, EioVersion } from '../engineio/eioPacket';
import { refuseUnacceptedKind } from '../session/sendKindRefusal';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { decodeSioPacket } from './sioCodec';
import { SioLayerDecoder } from './sioLayerDecoder';
import type { NamespaceInfo } from './sioNamespaces';
import { SioOutbound } from './sioOutbound';

/** How long a WebSocket-only session with a guessed version waits for a Socket.IO 2 server to speak first. */
const V3_DETECTION_MS = 200;

export type { NamespaceInfo } from './sioNamespaces';

export class SocketIoSession implements Session {
  readonly engine: EioEngine;
  readonly decoder: SioLayerDecoder;
  private readonly outbound: SioOutbound;
  /** The timer of the CONNECTs held back while a Socket.IO 2 server may still speak first. */
  private deferredConnects: unknown;

  constructor(
    readonly options: ResolvedEngineIoOptions,
    deps: EioEngineDeps = {},
  ) {
    this.decoder = new SioLayerDecoder({
      parser: options.parser,
      protocol: 5,
      maxStoredPayloadBytes: options.maxStoredPayloadBytes,
      maxAttachments: options.maxAttachments,
      onNamespacesChanged: (namespaces) => this.engine.updateInfo({ namespaces }),
    });
    this.engine = new EioEngine(options, deps, {
      protocolLabel: socketIoLabel,
      onOpen: () => this.onEngineOpen(),
      onMessage: (event, packet) => this.onMessage(event, packet),
      onClosed: (reason) => this.decoder.endSession(reason),
    });
    this.outbound = new SioOutbound(this.engine, this.decoder);
  }

  get id(): string {
    return this.engine.id;
  }

  get log(): EventLog {
    return this.engine.log;
  }

  get info(): Readonly<SessionInfo> {
    return this.engine.info;
  }

  /** Namespaces and their state, for the session header. */
  get namespaceStates(): readonly NamespaceInfo[] {
    return this.decoder.namespaces.namespaces;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.engine.onDidChange(listener);
  }

  start(): Promise<SessionState> {
    return this.engine.start();
  }

  /** The one send entry point: Socket.IO kinds and close (session/sendRequest.ts); each row keeps its request. */
  send(request: SendRequest): SendOutcome {
    const refused = refuseUnacceptedKind('socketio', request);
    if (refused) return { ok: false, error: refused };
    // A server that stopped reading: data waits past maxBufferedSendBytes (issue 12); joining and leaving go on.
    const full = request.kind === 'sio-emit' || request.kind === 'sio-ack' ? this.engine.sendRefusal() : undefined;
    if (full) return { ok: false, error: full };
    switch (request.kind) {
      case 'sio-emit':
        return this.outbound.emit(request.namespace, request.event, request.args, request.ack, request);
      case 'sio-connect':
        return this.outbound.connect(request.namespace, request.auth, request);
      case 'sio-disconnect':
        return this.outbound.disconnect(request.namespace, request);
      case 'sio-ack':
        return this.outbound.answerAck(request.namespace, request.id, request.args, request);
      default:
        void this.close();
        return { ok: true, seq: this.log.count };
    }
  }

  /** Joins a namespace (see SioOutbound.connect). */
  connectNamespace(name: string, auth?: string): SendOutcome {
    return this.outbound.connect(name, auth);
  }

  /** Leaves a namespace. */
  disconnectNamespace(name: string): SendOutcome {
    return this.outbound.disconnect(name);
  }

  /** Emits an event, optionally with an ack (see SioOutbound.emit). */
  emit(namespace: string, event: string, argsJson: string, ack: boolean): SendOutcome {
    return this.outbound.emit(namespace, event, argsJson, ack);
  }

  /** Answers an ack the server asked for. */
  answerAck(namespace: string, id: number, argsJson: string): SendOutcome {
    return this.outbound.answerAck(namespace, id, argsJson);
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  dispose(): void {
    this.engine.dispose();
  }

  private onEngineOpen(): void {
    this.useProtocol(this.engine.engineVersion === 3 ? 4 : 5);
    // Over WebSocket only, nothing tells a v3 server from a v4 one before Socket.IO speaks: a Socket.IO 2
    // server connects "/" by itself right after the open packet. engine.io 6 announces maxPayload; 3 and 4 do not.
    const { engine } = this;
    const wsOnly = this.options.transports === 'websocket-only';
    if (engine.versionIsGuessed && wsOnly && engine.openPacket?.maxPayload === undefined) {
      const note =
        `Waiting up to ${V3_DETECTION_MS} ms for a Socket.IO 2 server to connect "/" by itself before sending ` +
        'CONNECT (the open packet has no maxPayload, as with engine.io 3 and 4).';
      engine.writer.append('local', 'sio', 'version-probe', { note });
      const send = engine.lifecycle.guarded(() => this.sendInitialConnects());
      this.deferredConnects = engine.lifecycle.timers.start(V3_DETECTION_MS, send);
      return;
    }
    this.sendInitialConnects();
  }

  private sendInitialConnects(): void {
    this.deferredConnects = undefined;
    // Socket.IO 2 joins "/" by itself: its CONNECT is expected even when only other namespaces were asked for.
    if (this.decoder.protocol === 4 && !this.options.namespaces.some((ns) => ns.name === '/')) {
      this.decoder.expectNamespace('/');
    }
    // Auth is a credential: after a redirect to another origin it is left behind, like the headers (issue 12).
    const elsewhere = this.engine.redirectedOrigin;
    const withheld = elsewhere ? this.options.namespaces.filter((ns) => ns.auth) : [];
    if (elsewhere && withheld.length)
      this.engine.writer.append('local', 'sio', 'auth-withheld', authWithheldMeta(elsewhere, withheld));
    for (const ns of this.options.namespaces) this.outbound.connect(ns.name, withheld.length ? undefined : ns.auth);
  }

  /** A message of the Engine.IO layer: its Socket.IO rows, as the decoder builds them. */
  private onMessage(event: LogEvent, packet: EioPacket): void {
    this.detectSocketIo2(packet);
    for (const row of this.decoder.push(event, packet)) this.engine.writer.appendBuilt(row);
  }

  /** An unprompted CONNECT for "/" without an id while we still waited: a Socket.IO 2 server. */
  private detectSocketIo2(packet: EioPacket): void {
    if (this.deferredConnects === undefined || packet.binary || this.options.parser === 'msgpack') return;
    const decoded = decodeSioPacket(packet.data ?? '');
    if (!decoded.ok) return;
    const { type, nsp, data } = decoded.packet;
    if (type !== 'CONNECT' || nsp !== '/' || (data as { sid?: unknown } | undefined)?.sid !== undefined) return;
    this.engine.lifecycle.timers.clear(this.deferredConnects);
    this.engine.switchToV3(
      'The server connected "/" by itself, without a Socket.IO id: it is Socket.IO 2 ' +
        '(protocol v4 over Engine.IO v3). Continuing with those protocols.',
    );
    this.useProtocol(4);
    this.decoder.expectNamespace('/');
    this.engine.lifecycle.watch(
      Promise.resolve().then(this.engine.lifecycle.guarded(() => this.sendInitialConnects())),
    );
  }

  private useProtocol(protocol: 4 | 5): void {
    this.decoder.protocol = protocol;
    this.engine.updateInfo({ protocol: socketIoLabel(this.engine.engineVersion) });
  }
}

/** info.protocol: `Socket.IO 5 / Engine.IO 4`, `Socket.IO 4 / Engine.IO 3`. */
function socketIoLabel(version: EioVersion): string {
  return `Socket.IO ${version === 3 ? 4 : 5} / Engine.IO ${version}`;
}

/** The row of namespaces joined without their auth, after the handshake was redirected to another origin. */
function authWithheldMeta(origin: string, namespaces: ReadonlyArray<{ name: string }>): EventMeta {
  const names = namespaces.map((ns) => ns.name).join(', ');
  return {
    warning:
      `The handshake was redirected to another origin (${origin}): auth not sent to ${names}. ` +
      'Connect to that server directly, or join with auth from the panel, if it is meant to have it.',
  };
}
