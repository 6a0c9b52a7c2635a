/**
 * One HTTP request of a polling session and its response, over `node:http`/`https` through the Network's
 * polling agent (session/network.ts): the headers as sent, status and raw headers, the body (capped, then
 * decoded from its Content-Encoding), the timing split (DNS, connect, TLS, first byte, total) and the bytes
 * on the wire. One absolute deadline covers a server that never answers and a chunked body that never
 * ends. Redirects are returned; the poll loop follows them when asked (one exchange per hop). Never rejects
 * and never throws out of a Node callback: every way it ends settles `done` once.
 */
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { PollMethod } from '../connection/pollOptions';
import type { Header } from '../events/logEvent';
import { decodeContent } from '../http/contentDecoding';
import { headerObject, rawHeaderPairs } from '../http/headers';
import { requestThroughAgent } from '../network/unpatchedRequest';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import { keepSocketAlive } from '../session/tcpKeepAlive';
import { ConnectionTiming, type ExchangeTiming } from './connectionTiming';

export type { ExchangeTiming } from './connectionTiming';

export interface ExchangeRequest {
  method: PollMethod;
  url: URL;
  headers: Header[];
  body?: string;
  /** Bodies longer than this (on the wire, or once decoded) end the exchange. */
  maxBodyBytes: number;
  /** Request sent → last body byte, at most (ms). */
  timeoutMs: number;
}

export interface ExchangeResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Header[];
  /** The body after Content-Encoding (a partial response: the raw bytes that arrived). */
  body: Uint8Array;
  /** Body bytes as received (before decompression). */
  wireBodyBytes: number;
  /** Status line and headers, rebuilt from what Node parsed (approximate: whitespace may differ). */
  headBytes: number;
}

/** Why an exchange failed: each has its own row and its own code (pollErrors.ts). */
export type ExchangeFailure = 'timeout' | 'too-large' | 'bad-encoding' | 'network' | 'aborted' | 'invalid-request';

export type ExchangeResult =
  | { ok: true; response: ExchangeResponse; timing: ExchangeTiming }
  | {
      ok: false;
      failure: ExchangeFailure;
      error: Error & { code?: string };
      partial?: ExchangeResponse;
      timing: ExchangeTiming;
    };

export interface InFlightExchange {
  /** When the exchange began (session clock): its timing's `totalMs` counts from here. */
  startedMono: number;
  /** The headers as the request carries them (ours, then those Node set, such as Host). */
  sentHeaders: Header[];
  /** Request line + headers + body (approximate: Node's own Connection header is not counted). */
  requestBytes: number;
  done: Promise<ExchangeResult>;
  /** Ends the exchange now (`aborted`); the socket is destroyed. */
  abort(): void;
}

/** Sends `req` through `agent` on the session's clock and lifecycle (timers, guard). */
export function sendExchange(req: ExchangeRequest, agent: Agent, lifecycle: SessionLifecycle): InFlightExchange {
  const run = new ExchangeRun(req, lifecycle);
  let request: ClientRequest;
  try {
    request = requestThroughAgent(req.url, { method: req.method, headers: headerObject(req.headers), agent });
  } catch (error) {
    run.fail('invalid-request', error as Error);
    return {
      startedMono: run.startedMono,
      sentHeaders: req.headers,
      requestBytes: 0,
      done: run.done,
      abort: () => undefined,
    };
  }
  run.attach(request);
  const sentHeaders = headersOf(request);
  request.end(req.body);
  return {
    startedMono: run.startedMono,
    sentHeaders,
    requestBytes: requestSize(req, sentHeaders),
    done: run.done,
    abort: () => run.fail('aborted', coded('Request aborted.', 'RI_ABORTED')),
  };
}

/** The state of one exchange: its timer, its body so far, and the one way it settles. */
class ExchangeRun {
  readonly done: Promise<ExchangeResult>;
  private resolve: (result: ExchangeResult) => void = () => undefined;
  private settled = false;
  private request: ClientRequest | undefined;
  private deadline: unknown;
  private readonly timing: ConnectionTiming;
  private head: Omit<ExchangeResponse, 'body' | 'wireBodyBytes'> | undefined;
  private chunks: Buffer[] = [];
  private length = 0;

  constructor(
    private readonly req: ExchangeRequest,
    private readonly lifecycle: SessionLifecycle,
  ) {
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
    this.timing = new ConnectionTiming(lifecycle.clock);
  }

  get startedMono(): number {
    return this.timing.started;
  }

  attach(request: ClientRequest): void {
    this.request = request;
    const { lifecycle } = this;
    const message = `No complete response within ${this.req.timeoutMs} ms (requestTimeoutMs).`;
    const onDeadline = lifecycle.guarded(() => this.fail('timeout', coded(message, 'RI_POLL_TIMEOUT')));
    this.deadline = lifecycle.timers.start(this.req.timeoutMs, onDeadline);
    const onSocket = lifecycle.guarded((socket: Socket) => {
      keepSocketAlive(socket);
      this.timing.onSocket(socket, request.reusedSocket);
    });
    const onError = lifecycle.guarded((error: Error) => this.fail('network', error));
    const onResponse = lifecycle.guarded((res: IncomingMessage) => this.onResponse(res));
    request.on('socket', onSocket).on('error', onError).on('response', onResponse);
  }

  fail(failure: ExchangeFailure, error: Error & { code?: string }): void {
    if (this.settled) return;
    const partial = this.head && { ...this.head, body: Buffer.concat(this.chunks), wireBodyBytes: this.length };
    this.settle({ ok: false, failure, error, partial, timing: this.timing.finish() });
  }

  private onResponse(res: IncomingMessage): void {
    this.timing.firstByte();
    const head = {
      status: res.statusCode ?? 0,
      statusText: res.statusMessage ?? '',
      httpVersion: res.httpVersion,
      headers: rawHeaderPairs(res.rawHeaders),
    };
    this.head = { ...head, headBytes: headSize(head) };
    const { lifecycle } = this;
    const onData = lifecycle.guarded((chunk: Buffer) => this.onData(chunk));
    const onEnd = lifecycle.guarded(() => this.onEnd(res));
    const onError = lifecycle.guarded((error: Error) => this.fail('network', error));
    const onClose = lifecycle.guarded(() => {
      if (!res.complete) this.fail('network', coded('The connection closed before the body ended.', 'ECONNRESET'));
    });
    res.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  }

  private onData(chunk: Buffer): void {
    if (this.settled) return;
    const max = this.req.maxBodyBytes;
    if (this.length + chunk.length > max) {
      // Keep what fits: the partial row shows the start of the body, never more than the limit.
      this.chunks.push(chunk.subarray(0, max - this.length));
      this.length += chunk.length;
      this.fail('too-large', coded(`The response body exceeded the limit of ${max} bytes.`, 'RI_POLL_BODY_TOO_LARGE'));
      return;
    }
    this.length += chunk.length;
    this.chunks.push(chunk);
  }

  private onEnd(res: IncomingMessage): void {
    if (this.settled || !this.head) return;
    const raw = Buffer.concat(this.chunks);
    const decoded = decodeContent(raw, res.headers['content-encoding'], this.req.maxBodyBytes);
    if (!decoded.ok) {
      const failure = decoded.tooLarge ? 'too-large' : 'bad-encoding';
      this.fail(failure, coded(decoded.error, decoded.tooLarge ? 'RI_POLL_BODY_TOO_LARGE' : 'RI_POLL_BAD_ENCODING'));
      return;
    }
    const response = { ...this.head, body: decoded.bytes, wireBodyBytes: this.length };
    this.settle({ ok: true, response, timing: this.timing.finish() });
  }

  private settle(result: ExchangeResult): void {
    if (this.settled) return;
    this.settled = true;
    this.lifecycle.timers.clear(this.deadline);
    this.chunks = [];
    // Ends the socket of a failed exchange (a keep-alive socket mid-body cannot be reused); a no-op once complete.
    if (!result.ok) this.request?.destroy();
    this.resolve(result);
  }
}

/** The headers the request carries: each name as set, with its value(s), in the order they were set. */
function headersOf(request: ClientRequest): Header[] {
  const headers: Header[] = [];
  for (const name of request.getRawHeaderNames()) {
    const value = request.getHeader(name);
    if (Array.isArray(value)) for (const v of value) headers.push([name, v]);
    else if (value !== undefined) headers.push([name, String(value)]);
  }
  return headers;
}

function requestSize(req: ExchangeRequest, headers: Header[]): number {
  const line = `${req.method} ${req.url.pathname}${req.url.search} HTTP/1.1\r\n`;
  return Buffer.byteLength(line) + headerBytes(headers) + (req.body === undefined ? 0 : Buffer.byteLength(req.body));
}

function headSize(head: { status: number; statusText: string; httpVersion: string; headers: Header[] }): number {
  return (
    Buffer.byteLength(`HTTP/${head.httpVersion} ${head.status} ${head.statusText}\r\n`) + headerBytes(head.headers)
  );
}

/** `Name: value\r\n` per header and the blank line after them. */
function headerBytes(headers: Header[]): number {
  let bytes = 2;
  for (const [name, value] of headers) bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 4;
  return bytes;
}

function coded(message: string, code: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
