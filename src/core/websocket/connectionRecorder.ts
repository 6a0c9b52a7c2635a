/**
 * Records what happens on the socket of one WebSocket connection before and beside `ws`: TCP connect
 * (with DNS time), the TLS session (version, cipher, certificate, verified or not), the exact request
 * head once it can leave (after TCP/TLS are up), the size of the response head, the last bytes read
 * (kept for error rows), and every frame the tap sees, handed on to the session.
 */
import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Clock } from '../clock';
import { ErrorCode } from '../errors';
import type { EventMeta, Header, Layer, Payload } from '../events/logEvent';
import { describeConnectionFacts, routedConnectionFacts, type RoutedConnectionFacts } from '../network/connectionFacts';
import { textPayload } from '../payload/storedPayload';
import type { WireFrame } from './frameParser';
import { parseRequestLine, type ParsedHead } from './httpHead';
import { keepSocketAlive } from '../session/tcpKeepAlive';
import { reportCaught } from './hotGuard';
import { tapSocket } from './socketTap';

/** Raw bytes kept from the end of the incoming stream, attached to protocol error rows. */
export const RAW_TAIL_BYTES = 512;
/** Incoming frames held back before the response row (one read's worth in practice); more are dropped. */
const MAX_HELD_FRAMES = 1024;

export interface RecorderSink {
  append(
    direction: 'in' | 'out' | 'local',
    layer: Layer,
    type: string,
    meta?: EventMeta,
    payload?: Payload,
    size?: number,
  ): unknown;
  onFrame(direction: 'in' | 'out', frame: WireFrame): void;
  /** Wraps callbacks so nothing a server sends can throw out of a socket event. */
  guard(fn: () => void): void;
  /** A chunk read from the network has been handed to `ws` and its messages recorded (read pacing). */
  onReadDone?(): void;
  /** Whether the incoming stream goes on to `ws` past this frame (socketTap.ts; the session's limits). */
  admitIncoming?(frame: WireFrame): boolean;
}

export class ConnectionRecorder {
  /** Mono time the request left (TCP/TLS ready and head written); the start of "time to 101". */
  requestSentMono: number | undefined;
  responseHeadBytes: number | undefined;
  /** False once the tap failed: frame details (close codes on the wire, auto-pongs) are then unavailable. */
  tapActive = false;
  private rawTailBytes = new Uint8Array(0);
  private requestLogged = false;
  private pendingRequestHead: ParsedHead | undefined;
  private transportIsReady = false;
  private untap: (() => void) | undefined;
  private request: ClientRequest | undefined;
  /** Incoming frames seen before the session logged the handshake response they followed. */
  private heldFrames: WireFrame[] | undefined = [];

  constructor(
    private url: string,
    private readonly clock: Clock,
    private readonly sink: RecorderSink,
  ) {}

  /** The last bytes read from the server. */
  get rawTail(): Uint8Array {
    return this.rawTailBytes;
  }

  /**
   * A redirect is followed (issue 12): the next handshake goes to `url` on a connection of its own, recorded
   * from scratch; the previous one's socket is no longer watched.
   */
  restart(url: string): void {
    this.untap?.();
    this.untap = undefined;
    Object.assign(this, { url, requestSentMono: undefined, responseHeadBytes: undefined, tapActive: false });
    Object.assign(this, { requestLogged: false, pendingRequestHead: undefined, transportIsReady: false });
    this.rawTailBytes = new Uint8Array(0);
    this.request = undefined;
    this.heldFrames = [];
  }

  /** ws's `finishRequest`: watch the request's socket, then send the request. */
  attach(req: ClientRequest): void {
    this.request = req;
    req.on('socket', (socket: Socket) => this.onSocket(socket));
    req.end();
  }

  private onSocket(socket: Socket): void {
    // A quiet connection whose peer vanished is noticed by the kernel too, not only by our heartbeat (issue 12).
    keepSocketAlive(socket);
    this.watchConnect(socket);
    this.tapActive = true;
    this.untap = tapSocket(socket, {
      // Node queues the request before the connection is up; it leaves once TCP (and TLS) are ready.
      onRequestHead: (head) =>
        this.sink.guard(() => {
          this.pendingRequestHead = head;
          if (this.transportIsReady) this.transportReady();
        }),
      onResponseHead: (head) => {
        this.responseHeadBytes = head.byteLength;
      },
      // Once per frame: no closure per call (issue #9); a throw still ends in the sink's guard.
      onFrame: (direction, frame) => {
        try {
          this.onTappedFrame(direction, frame);
        } catch (error) {
          reportCaught(this.sink, error);
        }
      },
      onRead: (chunk) => this.keepRawTail(chunk),
      admitIncoming: this.sink.admitIncoming,
      onReadDone: this.sink.onReadDone && (() => this.sink.guard(() => this.sink.onReadDone?.())),
      onHttpAfterUpgrade: (text) => this.sink.guard(() => this.logHttpAfterUpgrade(text)),
      // Not a row: ws reads the same header and reports it (RI_PROTOCOL_ERROR, 1009), the server's fault, not ours.
      onIncomingUnframeable: () => undefined,
      onTapError: (message) =>
        this.sink.guard(() => {
          this.tapActive = false;
          const error = { code: ErrorCode.Internal, message: `Frame details unavailable: ${message}` };
          this.sink.append('local', 'ws', 'error', { error });
        }),
    });
  }

  /** TCP connect (with DNS time) and, on wss:, the TLS session: the request leaves once both are up. */
  private watchConnect(socket: Socket): void {
    const routed = routedConnectionFacts(socket);
    if (routed) return this.sink.guard(() => this.routedConnected(socket, routed));
    const connectStart = this.clock.mono();
    let lookupMs: number | undefined;
    socket.once('lookup', () => {
      lookupMs = this.clock.mono() - connectStart;
    });
    const secure = this.url.startsWith('wss:');
    socket.once('connect', () =>
      this.sink.guard(() => {
        const total = this.clock.mono() - connectStart;
        const dns = lookupMs !== undefined ? `DNS ${lookupMs.toFixed(1)} ms, ` : '';
        const peers = `${socket.remoteAddress}:${socket.remotePort} from ${socket.localAddress}:${socket.localPort}`;
        const note = `TCP connected to ${peers} (${dns}connect ${total.toFixed(1)} ms)`;
        this.sink.append('local', 'tcp', 'tcp-connected', { durationMs: total, note });
        if (!secure) this.transportReady();
      }),
    );
    socket.once('secureConnect', () =>
      this.sink.guard(() => {
        this.logTls(socket as TLSSocket, connectStart);
        this.transportReady();
      }),
    );
  }

  /** A socket a routed agent opened (issue 12): connected (through the proxy) and TLS-verified before we saw it. */
  private routedConnected(socket: Socket, facts: RoutedConnectionFacts): void {
    const durationMs = facts.connectMs + (facts.tunnelMs ?? 0);
    const note = describeConnectionFacts(facts, new URL(this.url).host);
    this.sink.append('local', 'tcp', 'tcp-connected', { durationMs, note });
    if (facts.tlsMs !== undefined) this.logTls(socket as TLSSocket, this.clock.mono() - facts.tlsMs);
    this.transportReady();
  }

  private onTappedFrame(direction: 'in' | 'out', frame: WireFrame): void {
    // The 101 and the first frames can come in one TCP read: the tap parses the frames before
    // Node's HTTP parser reports the 101, so they wait for the response row (wire order).
    if (direction === 'in' && this.heldFrames) {
      if (this.heldFrames.length < MAX_HELD_FRAMES) this.heldFrames.push(frame);
    } else this.sink.onFrame(direction, frame);
  }

  /** After a 101 the server sent HTTP, not frames (an Engine.IO v4-only server refusing EIO=3 does). */
  private logHttpAfterUpgrade(text: string): void {
    this.tapActive = false;
    const [head, body = ''] = text.split('\r\n\r\n');
    const lines = head.split('\r\n');
    const status = /^HTTP\/\d\.\d\s+(\d{3})/.exec(lines[0])?.[1];
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, Math.max(0, colon)).trim(), line.slice(colon + 1).trim()];
    });
    const meta = {
      response: { status: status ? Number(status) : undefined, statusText: lines[0], headers },
      note: `After switching protocols the server sent HTTP text, not WebSocket frames: ${lines[0]}`,
    };
    this.sink.append('in', 'http', 'http-after-upgrade', meta, textPayload(body, 64 * 1024), Buffer.byteLength(body));
  }

  private logTls(socket: TLSSocket, connectStart: number): void {
    const cert = socket.getPeerCertificate();
    const subject = cert && cert.subject ? cert.subject.CN : undefined;
    const issuer = cert && cert.issuer ? (cert.issuer.CN ?? cert.issuer.O) : undefined;
    const parts = [
      `TLS ${socket.getProtocol() ?? '?'}`,
      socket.getCipher()?.name,
      subject ? `certificate CN=${subject}` : undefined,
      issuer ? `issued by ${issuer}` : undefined,
      cert?.valid_to ? `valid to ${cert.valid_to}` : undefined,
      socket.authorized ? 'verified' : `NOT verified (${String(socket.authorizationError ?? 'verification off')})`,
    ].filter(Boolean);
    this.sink.append('local', 'tls', 'tls-established', {
      durationMs: this.clock.mono() - connectStart,
      note: parts.join(', '),
    });
  }

  private transportReady(): void {
    this.transportIsReady = true;
    const head = this.pendingRequestHead;
    this.pendingRequestHead = undefined;
    if (head) this.logRequest(head);
  }

  /** The exact request head as it left the socket. */
  private logRequest(head: ParsedHead): void {
    if (this.requestLogged) return;
    this.requestLogged = true;
    this.requestSentMono = this.clock.mono();
    const line = parseRequestLine(head.startLine);
    this.sink.append(
      'out',
      'http',
      'handshake-request',
      {
        request: { method: line.method ?? 'GET', url: this.url, httpVersion: line.httpVersion, headers: head.headers },
        note: head.startLine,
      },
      undefined,
      head.byteLength,
    );
  }

  /** When a response arrives and the tap saw no request (it failed), log the request as Node reports it. */
  ensureRequestLogged(): void {
    const req = this.request;
    if (this.requestLogged || !req) return;
    const headers: Header[] = req.getRawHeaderNames().map((name) => [name, String(req.getHeader(name) ?? '')]);
    this.requestLogged = true;
    this.requestSentMono = this.clock.mono();
    this.sink.append('out', 'http', 'handshake-request', { request: { method: req.method, url: this.url, headers } });
  }

  /** The session logged the handshake response (or is closing): frames that followed it go on now. */
  responseLogged(): void {
    const held = this.heldFrames;
    this.heldFrames = undefined;
    for (const frame of held ?? []) this.sink.guard(() => this.sink.onFrame('in', frame));
  }

  /** Ms from the request leaving to now. */
  sinceRequest(): number | undefined {
    return this.requestSentMono !== undefined ? this.clock.mono() - this.requestSentMono : undefined;
  }

  private keepRawTail(chunk: Uint8Array): void {
    const joined = new Uint8Array(Math.min(RAW_TAIL_BYTES, this.rawTailBytes.length + chunk.length));
    const fromChunk = Math.min(chunk.length, joined.length);
    const fromTail = joined.length - fromChunk;
    joined.set(this.rawTailBytes.subarray(this.rawTailBytes.length - fromTail), 0);
    joined.set(chunk.subarray(chunk.length - fromChunk), fromTail);
    this.rawTailBytes = joined;
  }

  dispose(): void {
    this.untap?.();
  }
}
