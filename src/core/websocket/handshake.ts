/**
 * The opening handshake of a WebSocket session (RFC 6455 §4.1) and every way it fails: the options
 * `ws` connects with (through the injected Network), the 101 or other answer as a log row, our own
 * absolute deadline (ws's `handshakeTimeout` is an inactivity timer that a dripping server dodges),
 * and the one error row that becomes the session's failure.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import type { ResolvedWebSocketOptions } from '../connection/connectionOptions';
import { ErrorCode } from '../errors';
import type { ErrorMeta, EventMeta, Header, Payload } from '../events/logEvent';
import { headerObject, headerValue, rawHeaderPairs } from '../http/headers';
import { agentWasKept } from '../network/unpatchedRequest';
import { binaryPayload } from '../payload/storedPayload';
import type { Network } from '../session/network';
import { RAW_TAIL_BYTES, type ConnectionRecorder } from './connectionRecorder';
import type { WsHop } from './handshakeRedirects';
import type { WsSessionContext } from './sessionContext';
import { switchingProtocolsFault } from './switchingProtocols';
import {
  readUnexpectedBody,
  unexpectedBodyPayload,
  unexpectedResponseError,
  type UnexpectedBody,
} from './unexpectedResponse';

/**
 * What `ws` connects with: our headers and options (or a redirect hop's), the network's agent — which alone holds
 * the TLS settings, so no `rejectUnauthorized: false` of a pinned profile is in ws's request options for another
 * agent to act on — redirects not followed by ws, and our tap on the request, given it only if the request kept
 * that agent (unpatchedRequest.ts: VS Code's proxy support swaps agents).
 */
export function webSocketClientOptions(
  options: ResolvedWebSocketOptions,
  network: Network,
  finishRequest: (req: ClientRequest) => void,
  hop?: Pick<WsHop, 'url' | 'headers'>,
): WebSocket.ClientOptions {
  const agent = network.webSocketAgent(hop?.url ?? new URL(options.url));
  return {
    // Node's http sends an array value as one header line per element; ws's types only say string.
    headers: headerObject(hop?.headers ?? options.headers) as unknown as Record<string, string>,
    origin: options.origin,
    perMessageDeflate: options.perMessageDeflate,
    agent,
    maxPayload: options.maxPayloadBytes,
    // ws would carry our headers to wherever a redirect points, with no row per hop: hops are ours
    // (handshakeRedirects.ts, issue 12), or the 3xx is shown (issue #2).
    followRedirects: false,
    // A request whose agent was replaced is destroyed unsent; ws then reports its error as the handshake's.
    finishRequest: (req) => {
      if (agentWasKept(req, agent)) finishRequest(req);
    },
  };
}

/** The handshake of one session: its deadline, its answer, and its failure. */
export class Handshake {
  /** Set when we end the handshake ourselves, so ws's generic follow-up error is not logged twice. */
  endedByUs = false;
  /** The first error before the session opened: why it never did (the close summary). */
  failure: ErrorMeta | undefined;
  private deadline: unknown;
  private abortBodyRead: (() => void) | undefined;
  /** Takes over a non-101 answer when it is a redirect to follow (handshakeRedirects.ts); true when it did. */
  onRedirect: ((status: number, headers: Header[]) => boolean) | undefined;

  constructor(
    private readonly options: ResolvedWebSocketOptions,
    private readonly recorder: ConnectionRecorder,
    private readonly context: WsSessionContext,
  ) {}

  /** Our absolute deadline: the whole handshake within handshakeTimeoutMs, however the bytes drip. */
  startDeadline(): void {
    const { lifecycle } = this.context;
    this.deadline = lifecycle.timers.start(
      this.options.handshakeTimeoutMs,
      lifecycle.guarded(() => this.onDeadline()),
    );
  }

  /** The session opened: the deadline no longer applies. */
  opened(): void {
    this.context.lifecycle.timers.clear(this.deadline);
  }

  /** ws `upgrade`: a 101 arrived (before ws checks Sec-WebSocket-Accept, subprotocol and extensions). */
  onUpgrade(res: IncomingMessage): void {
    this.recorder.ensureRequestLogged();
    const headers = rawHeaderPairs(res.rawHeaders);
    const durationMs = this.recorder.sinceRequest();
    this.context.facts.handshakeTimed(durationMs);
    const meta: EventMeta = {
      response: responseFacts(res, headers),
      subprotocol: headerValue(headers, 'sec-websocket-protocol'),
      extensions: headerValue(headers, 'sec-websocket-extensions'),
      durationMs,
    };
    this.context.append('in', 'http', 'handshake-response', meta, undefined, this.recorder.responseHeadBytes ?? 0);
    this.recorder.responseLogged();
    // Node reports a 101 as an upgrade once it has Upgrade and Connection: Upgrade; ws then names a
    // wrong Upgrade value only as "Invalid Upgrade header" (§4.1). Say what is wrong and end it ourselves.
    const fault = switchingProtocolsFault(headers);
    if (fault) {
      this.fail(fault);
      this.abort();
    }
  }

  /** ws `unexpected-response`: anything but a 101 (§4.1: the client fails the connection). */
  onUnexpectedResponse(res: IncomingMessage): void {
    this.recorder.ensureRequestLogged();
    const headers = rawHeaderPairs(res.rawHeaders);
    const durationMs = this.recorder.sinceRequest();
    const reader = readUnexpectedBody(res);
    this.abortBodyRead = reader.abort;
    void reader.done.then(
      this.context.lifecycle.guarded((body: UnexpectedBody) => this.onUnexpectedBody(res, headers, durationMs, body)),
    );
  }

  private onUnexpectedBody(
    res: IncomingMessage,
    headers: Header[],
    durationMs: number | undefined,
    body: UnexpectedBody,
  ): void {
    this.abortBodyRead = undefined;
    const response = responseFacts(res, headers);
    const contentEncoding = headerValue(headers, 'content-encoding');
    const payload = unexpectedBodyPayload(body.bytes, contentEncoding, this.options.maxStoredPayloadBytes);
    const note = body.truncated ? `Body cut at ${body.bytes.length} bytes` : undefined;
    this.context.append('in', 'http', 'handshake-response', { response, durationMs, note }, payload, body.bytes.length);
    this.recorder.responseLogged();
    if (this.onRedirect?.(res.statusCode ?? 0, headers)) return;
    // The error row is the one a user clicks first: it carries the status, headers and body too (issue #7).
    this.fail(unexpectedResponseError(res.statusCode ?? 0, res.statusMessage, headers), payload, { response });
    this.abort();
  }

  private onDeadline(): void {
    this.deadline = undefined;
    if (this.context.facts.state !== 'connecting') return;
    this.abortBodyRead?.();
    if (this.endedByUs) return;
    const received = this.recorder.rawTail;
    const payload = received.length ? binaryPayload(received, RAW_TAIL_BYTES) : undefined;
    this.fail(handshakeTimeoutError(this.options.handshakeTimeoutMs, received.length), payload);
    this.abort();
  }

  /** Records an error row; before the session opened it also becomes the session's failure. */
  fail(error: ErrorMeta, payload?: Payload, context: Pick<EventMeta, 'response'> = {}): void {
    if (this.context.facts.state === 'connecting' && !this.failure) this.failure = error;
    this.context.append('local', 'ws', 'error', { error, ...context }, payload, payload?.byteLength ?? 0);
  }

  /** Ends a handshake we gave up on; ws then reports error + close, the error is ours already. */
  abort(): void {
    this.endedByUs = true;
    this.context.socket()?.terminate();
  }
}

/** The response part of a handshake-response row. */
function responseFacts(res: IncomingMessage, headers: Header[]): NonNullable<EventMeta['response']> {
  return { httpVersion: res.httpVersion, status: res.statusCode, statusText: res.statusMessage, headers };
}

/** The error when no complete handshake came in time; `receivedBytes` are the last ones kept. */
export function handshakeTimeoutError(timeoutMs: number, receivedBytes: number): ErrorMeta {
  const atLeast = receivedBytes === RAW_TAIL_BYTES ? 'at least ' : '';
  const sent = receivedBytes ? `the server sent ${atLeast}${receivedBytes} bytes` : 'the server sent nothing';
  return {
    code: ErrorCode.HandshakeTimeout,
    message: `No complete handshake within ${timeoutMs} ms (${sent}).`,
    hint:
      'The server accepted the TCP connection but did not answer the upgrade in time. ' +
      'Check that this port serves WebSocket, or raise realtimeInspector.handshakeTimeoutMs.',
  };
}
