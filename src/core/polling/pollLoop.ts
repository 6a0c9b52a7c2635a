/**
 * The poll loop of a long-poll or short-poll session, an explicit state machine:
 *
 *   idle ──request()──► in-flight ──answer 2xx──► waiting ──timer──► in-flight …
 *                           │  └──network error / 5xx / 429──► (poll-retry row) waiting ──► in-flight …
 *                           └──deadline / body cap / 4xx / retries spent──► stopped (error row)
 *   any state ──stop()──► stopped (the request in flight aborted, the timer cleared: nothing more is sent)
 *
 * Long-poll: ask again as soon as an answer arrives (RFC 6202 §2.1), after `intervalMs` when set, and never
 * sooner than EMPTY_POLL_MIN_GAP_MS (engineio/pollPacing.ts) after the start of a request whose answer came
 * back empty, or ANSWERED_MIN_CYCLE_MS after one whose answer carried data (a server that answers at once
 * would otherwise drive a flood). Short poll: one request every `intervalMs`, start to start, never two at
 * once. When the options follow redirects, a 3xx is a hop of the same request (its answer row, a `redirect` row,
 * the next request; redirects/redirectPolicy.ts decides). Every callback runs inside the session's guard.
 */
import type { ResolvedPollOptions } from '../connection/pollOptions';
import { EMPTY_POLL_MIN_GAP_MS } from '../engineio/pollPacing';
import type { EventWriter } from '../events/eventWriter';
import type { ErrorMeta, EventMeta } from '../events/logEvent';
import type { Network } from '../session/network';
import { decideHop, isRedirectStatus, startChain, type RedirectChain } from '../redirects/redirectPolicy';
import { REDIRECT_EVENT, redirectRowMeta } from '../redirects/redirectRow';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import { cursorText, type CursorValue } from './cursorPath';
import { nextCursor } from './cursorUpdate';
import {
  exchangeError,
  networkCause,
  retriesExhausted,
  statusCause,
  statusError,
  terminalNetworkError,
  type RetryCause,
} from './pollErrors';
import { sendExchange, type ExchangeResponse, type ExchangeResult, type InFlightExchange } from './pollExchange';
import type { PollFacts } from './pollFacts';
import { planRequest, type PlannedRequest } from './pollRequestPlan';
import { retryAfterMs, retryDelayMs, isRetryableStatus } from './pollRetry';
import { formatMs, isEmptyAnswer, requestRow, responseRow, type SentFacts } from './pollRows';

/**
 * Long-poll: least time from one request's start to the next when the answer carried data. A chat with
 * queued messages answers at once and is asked again at once — but a plain REST endpoint polled as a long-poll
 * by mistake (or a hostile server) would be asked a thousand times a second. Ten a second loses nothing: the
 * server batches what arrives meanwhile into the next answer.
 */
export const ANSWERED_MIN_CYCLE_MS = 100;

export type PollLoopState = 'idle' | 'in-flight' | 'waiting' | 'stopped';

/** What the loop is built with: the session's parts, and how it tells the session that polling opened or ended. */
export interface PollLoopHost {
  readonly options: ResolvedPollOptions;
  readonly lifecycle: SessionLifecycle;
  readonly network: Network;
  readonly writer: EventWriter;
  readonly facts: PollFacts;
  /** Randomness for the retry jitter, in [0, 1). */
  readonly random: () => number;
  /** The first 2xx answer arrived (its row's seq). */
  opened(responseSeq: number): void;
  /** Polling stopped for good after `error` (its row is written); the session closes. */
  failed(error: ErrorMeta): void;
}

interface InFlight {
  exchange: InFlightExchange;
  requestSeq: number;
  startMono: number;
  sent: SentFacts;
  /** The request as planned (a redirect's hop sends it on), and the hops it took so far. */
  plan: PlannedRequest;
  chain: RedirectChain;
}

export class PollLoop {
  private current: PollLoopState = 'idle';
  private cursor: CursorValue | undefined;
  private inFlight: InFlight | undefined;
  private timer: unknown;
  /** Retries in a row; 0 after any 2xx. */
  private retries = 0;
  /** When the previous exchange ended (answer or failure), for the gap to the next request. */
  private lastEndMono: number | undefined;
  private answered = false;

  constructor(private readonly host: PollLoopHost) {}

  get state(): PollLoopState {
    return this.current;
  }

  start(): void {
    if (this.current === 'idle') this.request();
  }

  /** Stops for good: aborts the request in flight (returns its seq) and clears the timer. */
  stop(): number | undefined {
    if (this.current === 'stopped') return undefined;
    this.current = 'stopped';
    this.host.lifecycle.timers.clear(this.timer);
    const aborted = this.inFlight;
    this.inFlight = undefined;
    aborted?.exchange.abort();
    return aborted?.requestSeq;
  }

  private request(): void {
    if (this.current === 'stopped' || this.inFlight) return;
    const plan = planRequest(this.host.options, this.cursor);
    this.send(plan, startChain(plan.url));
  }

  /** Sends `plan` (a new request, or the next hop of a redirected one) and logs it. */
  private send(plan: PlannedRequest, chain: RedirectChain): void {
    const { options, lifecycle, network, writer, facts } = this.host;
    const limits = { maxBodyBytes: options.maxBodyBytes, timeoutMs: options.requestTimeoutMs };
    const exchange = sendExchange({ ...plan, ...limits }, network.pollingAgent(plan.url), lifecycle);
    const startMono = exchange.startedMono;
    const sent: SentFacts = { requestBytes: exchange.requestBytes };
    if (this.lastEndMono !== undefined) sent.gapMs = startMono - this.lastEndMono;
    if (this.retries > 0) sent.attempt = this.retries;
    if (this.cursor !== undefined) sent.cursorBefore = cursorText(this.cursor);
    const row = requestRow(plan, exchange.sentHeaders, sent, options.maxStoredPayloadBytes);
    const request = writer.append('out', 'poll', 'poll-request', row.meta, row.payload, row.size);
    facts.count('out', exchange.requestBytes);
    const flight: InFlight = { exchange, requestSeq: request.seq, startMono, sent, plan, chain };
    this.inFlight = flight;
    this.current = 'in-flight';
    lifecycle.watch(exchange.done.then(lifecycle.guarded((result: ExchangeResult) => this.onResult(flight, result))));
  }

  private onResult(flight: InFlight, result: ExchangeResult): void {
    // After stop() the aborted request ends here: nothing more is logged or sent.
    if (this.inFlight !== flight || this.current === 'stopped') return;
    this.inFlight = undefined;
    // The exchange's own end: gap (this end → next start) plus hold (start → end) is then start to start, exactly.
    this.lastEndMono = flight.startMono + result.timing.totalMs;
    if (!result.ok) {
      if (result.partial) this.logAnswer(flight, result.partial, result, false);
      const terminal = result.failure === 'network' ? terminalNetworkError(result.error) : undefined;
      if (terminal) this.stopWith(terminal, flight.requestSeq);
      else if (result.failure === 'network') this.retryOrStop(networkCause(result.error), flight.requestSeq);
      else this.stopWith(exchangeError(result, this.host.options), flight.requestSeq);
      return;
    }
    const { response } = result;
    if (response.status >= 200 && response.status < 300) {
      this.onSuccess(flight, result);
      return;
    }
    this.logAnswer(flight, response, result, true);
    if (this.host.options.followRedirects && isRedirectStatus(response.status)) {
      this.followRedirect(flight, response);
      return;
    }
    if (isRetryableStatus(response.status)) {
      const asked = retryAfterMs(response.headers, this.host.lifecycle.clock.now());
      this.retryOrStop(statusCause(response.status, response.statusText), flight.requestSeq, asked);
    } else this.stopWith(statusError(response.status, response.statusText, response.headers), flight.requestSeq);
  }

  private onSuccess(flight: InFlight, result: Extract<ExchangeResult, { ok: true }>): void {
    const rule = this.host.options.cursor;
    const update = rule ? nextCursor(rule, result.response, this.cursor) : undefined;
    if (update) this.cursor = update.value;
    const seq = this.logAnswer(flight, result.response, result, true, update?.warning);
    this.retries = 0;
    if (!this.answered) {
      this.answered = true;
      this.host.opened(seq);
      if (this.current === 'stopped') return;
    }
    this.scheduleNext(flight.startMono, isEmptyAnswer(result.response.status, result.response.body));
  }

  /** A 3xx while redirects are followed: the `redirect` row and the next hop, or the error that stops polling. */
  private followRedirect(flight: InFlight, response: ExchangeResponse): void {
    const { options, writer } = this.host;
    const { plan } = flight;
    const answer = { status: response.status, headers: response.headers, maxRedirects: options.maxRedirects };
    const decision = decideHop(flight.chain, plan, { ...answer, scheme: 'http' });
    if (!decision.ok) {
      this.stopWith(decision.error, flight.requestSeq);
      return;
    }
    const meta = redirectRowMeta(response.status, plan.url, decision, options.maxRedirects);
    writer.append('local', 'http', REDIRECT_EVENT, meta, undefined, 0, flight.requestSeq);
    const { url, headers, body } = decision.next;
    const next: PlannedRequest = { method: decision.next.method === 'POST' ? 'POST' : 'GET', url, headers };
    if (body !== undefined) next.body = body;
    this.send(next, decision.chain);
  }

  /** Appends the poll-response row (complete, or what arrived before a failure) and counts it. */
  private logAnswer(
    flight: InFlight,
    response: ExchangeResponse,
    result: ExchangeResult,
    complete: boolean,
    warning?: string,
  ): number {
    const { writer, facts, options } = this.host;
    const answer = { complete, timing: result.timing, warning, cursorAfter: this.cursorAfter() };
    const row = responseRow(response, flight.requestSeq, flight.sent, answer, options.maxStoredPayloadBytes);
    facts.count('in', row.meta.poll?.responseBytes ?? 0);
    return writer.append('in', 'poll', 'poll-response', row.meta, row.payload, row.size, flight.requestSeq).seq;
  }

  private cursorAfter(): string | undefined {
    return this.host.options.cursor && this.cursor !== undefined ? cursorText(this.cursor) : undefined;
  }

  private scheduleNext(startMono: number, empty: boolean): void {
    const { options, lifecycle } = this.host;
    const elapsed = Math.max(0, lifecycle.clock.mono() - startMono);
    if (options.kind === 'shortpoll') {
      this.later(Math.max(0, options.intervalMs - elapsed));
      return;
    }
    const floor = empty ? EMPTY_POLL_MIN_GAP_MS : ANSWERED_MIN_CYCLE_MS;
    this.later(Math.max(options.intervalMs, floor - elapsed));
  }

  private retryOrStop(cause: RetryCause, requestSeq: number, serverAskedMs?: number): void {
    const { retry } = this.host.options;
    if (this.retries >= retry.maxRetries) {
      this.stopWith(retriesExhausted(cause, this.retries), requestSeq);
      return;
    }
    this.retries++;
    const delay = retryDelayMs(this.retries, retry, this.host.random, serverAskedMs);
    const warning = `${cause.summary}: retry ${this.retries} of ${retry.maxRetries} in ${formatMs(delay)}`;
    const meta: EventMeta = { warning, poll: { attempt: this.retries, retryInMs: delay } };
    if (serverAskedMs !== undefined) meta.note = `Retry-After: the server asked to wait ${formatMs(serverAskedMs)}`;
    this.host.writer.append('local', 'poll', 'poll-retry', meta, undefined, 0, requestSeq);
    this.later(delay);
  }

  /** Sends the next request once `ms` have passed on the session's clock. */
  private later(ms: number): void {
    if (this.current === 'stopped') return;
    this.current = 'waiting';
    this.arm(this.host.lifecycle.clock.mono() + ms, ms);
  }

  /**
   * Node fires a timer against the event loop's cached time, which may lag the clock by the length of the
   * current tick: a timer can fire a few ms early. Re-armed for what is left, an interval is never cut short.
   */
  private arm(dueMono: number, ms: number): void {
    const { lifecycle } = this.host;
    this.timer = lifecycle.timers.start(
      ms,
      lifecycle.guarded(() => {
        this.timer = undefined;
        const left = dueMono - lifecycle.clock.mono();
        if (left >= 1) this.arm(dueMono, Math.ceil(left));
        else this.request();
      }),
    );
  }

  private stopWith(error: ErrorMeta, requestSeq: number): void {
    this.stop();
    this.host.writer.append('local', 'poll', 'error', { error }, undefined, 0, requestSeq);
    this.host.failed(error);
  }
}
