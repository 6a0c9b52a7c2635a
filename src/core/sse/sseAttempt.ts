/**
 * One connection attempt of an SSE session: the request and its row, the response head and its row, the
 * deadline for that head, and how the attempt ends — the stream opened and then ended or broke (reconnect),
 * 204 (stop), or a refusal whose body (up to 64 KiB) is kept as the response row's payload (no reconnect). When the
 * options follow redirects, a 3xx is a hop: its answer row, a `redirect` row, and the next request, all within the
 * one deadline for the response head (issue 12).
 * Every callback runs inside the session's guard; after the attempt ended nothing it hears is acted on.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { describeError, ErrorCode } from '../errors';
import type { ErrorMeta, Header } from '../events/logEvent';
import { headerValue, rawHeaderPairs } from '../http/headers';
import {
  decideHop,
  isRedirectStatus,
  startChain,
  type HopRequest,
  type RedirectChain,
} from '../redirects/redirectPolicy';
import { REDIRECT_EVENT, redirectRowMeta } from '../redirects/redirectRow';
import { readUnexpectedBody, type UnexpectedBody } from '../websocket/unexpectedResponse';
import { logRefusalRows, logRequestRow, logResponseRow } from './sseAttemptRows';
import type { SseContext } from './sseContext';
import { IdleWatch } from '../session/idleWatch';
import { badEncoding, idleTimeout, responseTimeout, streamCut } from './sseNotes';
import { planSseRequest, sendSseRequest } from './sseRequest';
import { judgeResponse, streamDecoder } from './sseResponse';

/** How an attempt ended, for the session to decide what comes next. */
export type AttemptEnd =
  /** 204 No Content: the server asks not to reconnect. */
  | { kind: 'stop' }
  /** A refusal or a broken stream: the session ends without a reconnect. */
  | { kind: 'fail'; error: ErrorMeta }
  /** A network error, the deadline, or the end of the stream: the session reconnects if it may. */
  | { kind: 'retry'; why: string };

/** What the session hears from an attempt. */
export interface AttemptListeners {
  /** 200 with text/event-stream after `durationMs`; data follows. */
  opened(durationMs: number, contentType: string | undefined): void;
  /** One read of the stream, decoded when the server compressed it. */
  data(chunk: Uint8Array): void;
  /** Called once, unless the session aborted the attempt itself. */
  ended(end: AttemptEnd): void;
}

export class SseAttempt {
  private request: ClientRequest | undefined;
  private response: IncomingMessage | undefined;
  private decoder: Transform | undefined;
  private deadline: unknown;
  private abortBody: (() => void) | undefined;
  private done = false;
  private requestSeq = 0;
  private sentAt = 0;
  /** The request of the current hop, and the hops so far. */
  private hop: HopRequest | undefined;
  private chain: RedirectChain | undefined;
  /** The open stream's silence (idleTimeoutMs; off by default). */
  private readonly idle: IdleWatch;

  constructor(
    private readonly context: SseContext,
    private readonly listeners: AttemptListeners,
  ) {
    const idleMs = context.options.idleTimeoutMs;
    this.idle = new IdleWatch(context.lifecycle, idleMs, () => this.onIdle(idleMs));
  }

  /** Sends the request with `lastEventId` (when not empty) and starts the deadline for the response head. */
  start(lastEventId: string | undefined): void {
    const { options, lifecycle } = this.context;
    const plan = planSseRequest(options, lastEventId);
    const url = new URL(options.url);
    this.chain = startChain(url);
    this.deadline = lifecycle.timers.start(
      options.handshakeTimeoutMs,
      lifecycle.guarded(() => this.onDeadline()),
    );
    this.send({ url, method: options.method, headers: plan.headers, body: plan.body }, plan.warning);
  }

  /** Sends the request of one hop and logs it. */
  private send(hop: HopRequest, warning?: string): void {
    const { lifecycle, clock, network } = this.context;
    this.hop = hop;
    this.requestSeq = logRequestRow(this.context, hop, this.chain, warning);
    this.sentAt = clock.mono();
    // A hop left behind (its request ended by a redirect) is heard no more.
    const current = (): boolean => this.hop === hop;
    try {
      this.request = sendSseRequest(hop, network.pollingAgent(hop.url), {
        response: lifecycle.guarded((res: IncomingMessage) => (current() ? this.onResponse(res) : res.destroy())),
        error: lifecycle.guarded((error: Error) => current() && this.onNetworkError(error)),
      });
    } catch (error) {
      // Node refused the request outright (a header value it cannot send): trying again would not help.
      const cause = describeError(error);
      const message = `The request could not be sent: ${cause.message}`;
      this.fail({
        code: ErrorCode.InvalidOptions,
        message,
        hint: 'Check the headers.',
        detail: `${cause.code}: ${cause.message}`,
      });
    }
  }

  /** Ends the attempt from the session's side (close, dispose, a cap crossed): no `ended` call follows. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    this.release();
  }

  private onResponse(res: IncomingMessage): void {
    if (this.done) {
      res.destroy();
      return;
    }
    this.response = res;
    const headers = rawHeaderPairs(res.rawHeaders);
    const status = res.statusCode ?? 0;
    if (this.context.options.followRedirects && isRedirectStatus(status)) {
      this.followRedirect(res, headers);
      return;
    }
    const verdict = judgeResponse(res.statusCode ?? 0, res.statusMessage, headers);
    if (verdict.kind === 'refuse') {
      this.readRefusal(res, headers, verdict.error);
      return;
    }
    this.context.lifecycle.timers.clear(this.deadline);
    const durationMs = this.context.clock.mono() - this.sentAt;
    logResponseRow(this.context, res, headers, durationMs, this.requestSeq);
    if (verdict.kind === 'stop') {
      res.resume(); // drain it, so the connection goes back to the agent
      this.finish({ kind: 'stop' }, false);
      return;
    }
    this.listeners.opened(durationMs, headerValue(headers, 'content-type'));
    if (!this.done) this.stream(res, verdict.encoding);
  }

  /** A 3xx while redirects are followed: its row, then the next hop, or the error that ends the chain. */
  private followRedirect(res: IncomingMessage, headers: Header[]): void {
    const { options, append, clock } = this.context;
    const status = res.statusCode ?? 0;
    // The body of a redirect is not read: a server could drip it forever; the connection is not reused.
    res.destroy();
    const durationMs = clock.mono() - this.sentAt;
    logResponseRow(this.context, res, headers, durationMs, this.requestSeq);
    const hop = this.hop!;
    const answer = { status, headers, maxRedirects: options.maxRedirects, scheme: 'http' as const };
    const decision = decideHop(this.chain!, hop, answer);
    if (!decision.ok) {
      this.fail(decision.error);
      return;
    }
    this.chain = decision.chain;
    append('local', 'http', REDIRECT_EVENT, redirectRowMeta(status, hop.url, decision, options.maxRedirects));
    this.send(decision.next);
  }

  /** Reads the open stream until it ends or breaks. */
  private stream(res: IncomingMessage, encoding: string | undefined): void {
    const { lifecycle } = this.context;
    let source: Readable = res;
    if (encoding) {
      const decoder = streamDecoder(encoding);
      this.decoder = decoder;
      decoder.on(
        'error',
        lifecycle.guarded((error: Error) => this.fail(badEncoding(encoding, error.message))),
      );
      source = res.pipe(decoder);
    }
    // Raw bytes, before any decoder: a comment the server sends to keep the stream alive counts too.
    res.on('data', () => this.idle.heard());
    this.idle.start();
    source.on(
      'data',
      lifecycle.guarded((chunk: Buffer) => {
        if (!this.done) this.listeners.data(chunk);
      }),
    );
    source.on(
      'end',
      lifecycle.guarded(() => this.finish({ kind: 'retry', why: 'The server ended the stream.' }, false)),
    );
    res.on(
      'error',
      lifecycle.guarded((error: Error) => this.onNetworkError(error)),
    );
    res.on(
      'close',
      lifecycle.guarded(() => {
        if (!res.complete) this.onNetworkError(streamCut());
      }),
    );
  }

  /** Any status or type but an event stream: keep up to 64 KiB of the body (never rendered), then stop. */
  private readRefusal(res: IncomingMessage, headers: Header[], error: ErrorMeta): void {
    const reader = readUnexpectedBody(res);
    this.abortBody = reader.abort;
    void reader.done.then(
      this.context.lifecycle.guarded((body: UnexpectedBody) => this.onRefusalBody(res, headers, error, body)),
    );
  }

  private onRefusalBody(res: IncomingMessage, headers: Header[], error: ErrorMeta, body: UnexpectedBody): void {
    this.abortBody = undefined;
    if (this.done) return;
    logRefusalRows(this.context, res, headers, { error, body, sentAt: this.sentAt, requestSeq: this.requestSeq });
    this.finish({ kind: 'fail', error }, true);
  }

  private onDeadline(): void {
    this.deadline = undefined;
    if (this.done) return;
    if (this.abortBody) {
      // A refusal whose body drips: log what came so far and end.
      this.abortBody();
      return;
    }
    const error = responseTimeout(this.context.options.handshakeTimeoutMs);
    this.context.append('local', 'sse', 'error', { error });
    this.finish({ kind: 'retry', why: error.message }, true);
  }

  private onIdle(idleMs: number): void {
    if (this.done) return;
    const error = idleTimeout(idleMs);
    this.context.append('local', 'sse', 'error', { error });
    this.finish({ kind: 'retry', why: error.message }, true);
  }

  private onNetworkError(cause: Error): void {
    if (this.done) return;
    const error = describeError(cause);
    this.context.append('local', 'sse', 'error', { error });
    // A TLS failure (the certificate, a refused pin) is the server's answer, not a passing fault: no reconnect
    // would mend it, and the host offers to trust the certificate once the session has ended (issue 12).
    this.finish(
      error.code === ErrorCode.TlsError ? { kind: 'fail', error } : { kind: 'retry', why: error.message },
      true,
    );
  }

  private fail(error: ErrorMeta): void {
    if (this.done) return;
    this.context.append('local', 'sse', 'error', { error });
    this.finish({ kind: 'fail', error }, true);
  }

  private finish(end: AttemptEnd, destroy: boolean): void {
    if (this.done) return;
    this.done = true;
    this.context.lifecycle.timers.clear(this.deadline);
    this.idle.stop();
    if (destroy) this.release();
    this.listeners.ended(end);
  }

  private release(): void {
    this.context.lifecycle.timers.clear(this.deadline);
    this.idle.stop();
    this.abortBody?.();
    this.decoder?.destroy();
    this.response?.destroy();
    this.request?.destroy();
  }
}
