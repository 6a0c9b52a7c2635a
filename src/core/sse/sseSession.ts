/**
 * A Server-Sent Events session (issue 11): an EventSource of our own over `node:http`/`https`, recorded row by
 * row — the request and response of every attempt, each event, comment and retry line, every reconnect with its
 * attempt number and wait, every error with a stable code, and why it ended.
 *
 * States: connecting → open → (the stream ends or breaks) → connecting → open … → closed. As WHATWG says:
 * 200 + text/event-stream opens; 204 stops; another status or type fails without a reconnect; a network error
 * or the end of the stream reconnects after the retry time (at least 1 s, backed off with jitter) with the last
 * event id. A cap crossed (line or event) and the user's close end the session. Receive-only: every send kind
 * is refused. Network, time and randomness come from outside; guard, timers and teardown are SessionLifecycle's.
 */
import type { JitteredEngineDeps } from '../session/engineDeps';
import { systemClock } from '../clock';
import type { ConnectionOptions } from '../connection/connectionOptions';
import type { ResolvedSseOptions } from '../connection/sseOptions';
import type { Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import type { ErrorMeta, Payload } from '../events/logEvent';
import { MemoryEventLog } from '../events/memoryEventLog';
import { viaFact } from '../network/routeFacts';
import { createDirectNetwork } from '../session/network';
import { refuseUnacceptedKind } from '../session/sendKindRefusal';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { SessionLifecycle } from '../session/sessionLifecycle';
import type { SessionStatus } from '../session/sessionStatus';
import { createEventAppender } from '../websocket/eventAppender';
import { SseAttempt, type AttemptEnd } from './sseAttempt';
import type { SseContext } from './sseContext';
import { SseInbound } from './sseInbound';
import { describeSseAttempt, DISPOSED_SUMMARY, NO_CONTENT_SUMMARY, openNote, USER_CLOSE_SUMMARY } from './sseNotes';
import { ReconnectSchedule, reconnectNote } from './sseReconnect';
import { sseSessionStatus, SseStatus } from './sseStatus';

/** What an SSE session is made with besides its options (engineDeps.ts). */
export type SseSessionDeps = JitteredEngineDeps;

let nextId = 1;

/** One event stream, reconnected as EventSource does, its log and its facts (a Session of kind `sse`). */
export class SseSession implements Session {
  readonly id: string;
  readonly log: EventLog;
  readonly options: ConnectionOptions;
  private readonly context: SseContext;
  private readonly lifecycle: SessionLifecycle;
  private readonly status: SessionStatus;
  private readonly facts: SseStatus;
  private readonly schedule: ReconnectSchedule;
  private readonly inbound: SseInbound;
  private attempt: SseAttempt | undefined;
  private attempts = 0;

  constructor(
    private readonly resolved: ResolvedSseOptions,
    deps: SseSessionDeps = {},
  ) {
    this.id = deps.id ?? `sse-${nextId++}`;
    this.options = resolved;
    const clock = deps.clock ?? systemClock;
    this.log = deps.log ?? new MemoryEventLog();
    const append = createEventAppender(this.log, clock);
    const lifecycle = new SessionLifecycle(clock, (error) => append('local', 'sse', 'error', { error }));
    this.lifecycle = lifecycle;
    const network = deps.network ?? lifecycle.own(createDirectNetwork(resolved.tls));
    this.context = { options: resolved, clock, lifecycle, network, append };
    this.status = lifecycle.own(sseSessionStatus(resolved, clock, viaFact(network, resolved.url)));
    this.facts = lifecycle.own(new SseStatus(this.status, clock));
    this.schedule = new ReconnectSchedule(deps.random);
    this.inbound = new SseInbound(this.context, this.facts, this.schedule, (error, sample) =>
      this.onOverflow(error, sample),
    );
  }

  get info(): Readonly<SessionInfo> {
    return this.status.info;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.status.onDidChange(listener);
  }

  start(): Promise<SessionState> {
    return this.status.startOnce(() => {
      this.context.append('local', 'sse', 'connecting', { note: describeSseAttempt(this.resolved) });
      this.lifecycle.guard(() => this.connect());
    });
  }

  /** SSE flows from the server only: every kind is refused, by the one rule (SEND_KINDS_BY_SESSION.sse). */
  send(request: SendRequest): SendOutcome {
    const refused = refuseUnacceptedKind('sse', request);
    return {
      ok: false,
      error: refused ?? { code: ErrorCode.InvalidMessage, message: 'An SSE session sends nothing.' },
    };
  }

  /** Ends the session: the stream (or the wait for a reconnect) stops and nothing reconnects. */
  close(): Promise<void> {
    if (!this.status.isClosed) this.lifecycle.guard(() => this.finish(USER_CLOSE_SUMMARY));
    return this.status.whenClosed();
  }

  dispose(): void {
    if (this.lifecycle.isDisposed) return;
    if (!this.status.isClosed) this.lifecycle.guard(() => this.finish(DISPOSED_SUMMARY));
    this.lifecycle.dispose();
  }

  /** One attempt: a request with the last event id seen, on a fresh reader. */
  private connect(): void {
    this.attempts++;
    this.inbound.reader.reset();
    const attempt = new SseAttempt(this.context, {
      opened: (durationMs, contentType) => this.onOpen(durationMs, contentType),
      data: (chunk) => this.inbound.reader.feed(chunk),
      ended: (end) => this.onAttemptEnded(attempt, end),
    });
    this.attempt = attempt;
    attempt.start(this.inbound.lastEventId);
  }

  private onOpen(durationMs: number, contentType: string | undefined): void {
    this.context.append('local', 'sse', 'open', { note: openNote(durationMs, this.attempts, contentType) });
    this.facts.opened(durationMs);
  }

  private onAttemptEnded(attempt: SseAttempt, end: AttemptEnd): void {
    if (attempt !== this.attempt || this.status.isClosed) return;
    this.attempt = undefined;
    if (end.kind === 'stop') this.finish(NO_CONTENT_SUMMARY);
    else if (end.kind === 'fail') this.finish(end.error.message);
    else this.reconnectOrFinish(end.why);
  }

  /** WHATWG "reestablish the connection": wait, then try again; or end when reconnecting is off. */
  private reconnectOrFinish(why: string): void {
    const unfinished = this.inbound.reader.unfinishedLineBytes;
    const cut = unfinished > 0 ? ` An unfinished line of ${unfinished} bytes was discarded.` : '';
    if (!this.resolved.reconnect) {
      this.finish(`${why}${cut} Reconnecting is off.`);
      return;
    }
    const plan = this.schedule.next();
    const lastEventId = this.inbound.lastEventId;
    const sse = { attempt: plan.attempt, delayMs: plan.delayMs, retryMs: plan.retryMs };
    this.facts.reconnecting();
    this.context.append('local', 'sse', 'reconnecting', { sse, note: reconnectNote(why + cut, plan, lastEventId) });
    const { lifecycle } = this;
    lifecycle.timers.start(
      plan.delayMs,
      lifecycle.guarded(() => {
        if (!this.status.isClosed) this.connect();
      }),
    );
  }

  /** A line or an event over the cap: the error row (with the bytes that crossed it), and the end. */
  private onOverflow(error: ErrorMeta, sample: Payload): void {
    this.context.append('local', 'sse', 'error', { error }, sample, sample.byteLength);
    this.finish(error.message);
  }

  /** Ends the session once: the attempt stops, no timer fires, `closed` says why. */
  private finish(summary: string): void {
    if (this.status.isClosed) return;
    const attempt = this.attempt;
    this.attempt = undefined;
    attempt?.abort();
    this.lifecycle.timers.clearAll();
    this.context.append('local', 'sse', 'closed', { note: summary });
    this.facts.closed(summary);
  }
}
