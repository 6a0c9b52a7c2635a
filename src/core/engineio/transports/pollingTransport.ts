/**
 * The HTTP long-polling transport (engine.io-protocol, "HTTP long-polling"): one GET in flight that the
 * server holds until it has packets, one POST in flight that carries ours. Every request and response
 * is an event with its status, headers, timing and body; the response is the carrier of the packets
 * it held, which the session decodes before the next GET starts (issue #7).
 *
 * States: idle (no GET in flight) → polling (a GET in flight, its body being delivered) → idle …;
 * pausing (the upgrade asked: waiting for the GET and the POST in flight) → paused; closed.
 */
import { textPayload } from '../../payload/storedPayload';
import { headerValue } from '../../http/headers';
import { encodeV3Payload } from '../eioCodecV3';
import { appendPacket } from '../appendPacket';
import { encodeV4Payload } from '../eioCodecV4';
import { engineIoUrl } from '../eioUrls';
import type { Header, LogEvent } from '../../events/logEvent';
import { REDIRECT_EVENT, redirectRowMeta } from '../../redirects/redirectRow';
import { pollingError, pollResponseEvent } from '../pollingEvents';
import { sendPoll, type InFlightPoll, type PollResult } from '../pollingRequest';
import { longPollNote, PollPacer } from '../pollPacing';
import { explainHandshakeFailure } from '../versionHints';
import type { EioTransport, OutgoingPacket, TransportContext, TransportSink } from './transport';

/** How a GET ended for the next one: an empty answer waits the floor; a redirected handshake goes again. */
type GetOutcome = { empty: boolean; handshakeAgain?: boolean };

export type PollingState = 'idle' | 'polling' | 'pausing' | 'paused' | 'closed';

/** Largest answer to a POST we read: the server answers `ok`. */
const POST_ANSWER_MAX_BYTES = 64 * 1024;

interface QueuedPacket extends OutgoingPacket {
  seq: number;
}

export class PollingTransport implements EioTransport {
  readonly name = 'polling';
  private current: PollingState = 'idle';
  private getInFlight: InFlightPoll | undefined;
  private postInFlight: InFlightPoll | undefined;
  /** Packets waiting for the next POST, with the seqs of their events. */
  private outbox: QueuedPacket[] = [];
  private readonly pacer: PollPacer;
  private onPaused: (() => void) | undefined;

  constructor(
    private readonly ctx: TransportContext,
    private readonly sink: TransportSink,
  ) {
    this.pacer = new PollPacer(ctx.lifecycle.timers, ctx.clock);
  }

  get state(): PollingState {
    return this.current;
  }

  /** The requests in flight, in words (the pause step says what it waits for). */
  get inFlight(): string[] {
    return [this.getInFlight ? 'a GET' : undefined, this.postInFlight ? 'a POST' : undefined].filter(
      (what): what is string => what !== undefined,
    );
  }

  /** Sends the handshake GET. */
  open(): void {
    this.poll(true);
  }

  send(packets: OutgoingPacket[]): number[] {
    const queued = packets.map((p) => ({ ...p, seq: p.seq ?? this.logQueued(p) }));
    this.outbox.push(...queued);
    this.flush();
    return queued.map((p) => p.seq);
  }

  /** Hands the packets still queued over (at the upgrade they leave over the WebSocket). */
  takeQueued(): OutgoingPacket[] {
    return this.outbox.splice(0);
  }

  pause(onPaused: () => void): void {
    this.ctx.policy.beforeStep({ transport: 'polling', step: 'pausing' }, () => {
      if (this.current === 'closed') return;
      this.current = 'pausing';
      this.pacer.cancel();
      this.onPaused = onPaused;
      this.checkPaused();
    });
  }

  /** Polls again after a failed upgrade: the next GET, and the POST of what was queued meanwhile. */
  resume(): void {
    this.ctx.policy.beforeStep({ transport: 'polling', step: 'idle' }, () => {
      if (this.current === 'closed') return;
      this.current = this.getInFlight ? 'polling' : 'idle';
      this.onPaused = undefined;
      this.poll(false);
      this.flush();
    });
  }

  /** Unpauses for the goodbye: over polling the client's close packet leaves in a POST. */
  sendGoodbye(packet: OutgoingPacket): void {
    if (this.current === 'pausing' || this.current === 'paused') this.current = this.getInFlight ? 'polling' : 'idle';
    this.send([packet]);
  }

  close(graceful: boolean): void {
    if (this.current === 'closed') return;
    this.current = 'closed';
    this.pacer.cancel();
    this.onPaused = undefined;
    this.getInFlight?.abort();
    if (!graceful) this.postInFlight?.abort();
  }

  dispose(): void {
    this.close(false);
  }

  // ---- GET -------------------------------------------------------------------------------------

  private poll(handshake: boolean, waitedMs?: number): void {
    if (this.getInFlight || this.current !== 'idle') return;
    this.ctx.policy.beforeStep({ transport: 'polling', step: 'polling' }, () => {
      this.ctx.lifecycle.watch(this.get(handshake, waitedMs));
    });
  }

  /** One GET: the handshake, or the next long-poll (`waitedMs`: how long the poll floor held it back). */
  private async get(handshake: boolean, waitedMs?: number): Promise<void> {
    if (this.getInFlight || this.current !== 'idle') return;
    const { ctx } = this;
    const url = this.url();
    const headers = ctx.cookies.apply(ctx.route.headers);
    const note = handshake ? 'Handshake (long-polling GET)' : longPollNote(waitedMs);
    const request = ctx.writer.append('out', 'http', 'poll-request', {
      request: { method: 'GET', url: url.href, headers },
      eio: { transport: 'polling' },
      note,
    });
    const startedMono = ctx.clock.mono();
    const timeoutMs = ctx.pollTimeoutMs();
    const maxBodyBytes = ctx.options.maxPollBodyBytes;
    const poll = sendPoll(
      { method: 'GET', url, headers, maxBodyBytes, timeoutMs },
      ctx.network.pollingAgent(url),
      ctx.clock,
    );
    this.getInFlight = poll;
    this.current = 'polling';
    const result = await poll.done;
    let delivered: Promise<GetOutcome | undefined> | undefined;
    ctx.lifecycle.guard(() => {
      delivered = this.onGetResult(result, { seq: request.seq, url }, handshake);
    });
    const outcome = await delivered;
    // Cleared only once the body is delivered: meanwhile no other GET starts and no upgrade completes (issue #7).
    this.getInFlight = undefined;
    if (this.current === 'polling') this.current = 'idle';
    ctx.lifecycle.guard(() => this.afterGet(outcome, startedMono));
    this.checkPaused();
  }

  /** Logs the response and hands its body to the session; undefined when the transport ends here. */
  private onGetResult(
    result: PollResult,
    sent: { seq: number; url: URL },
    handshake: boolean,
  ): Promise<GetOutcome | undefined> | undefined {
    const requestSeq = sent.seq;
    const aborted = !result.ok && result.error.code === 'RI_ABORTED';
    if (this.current === 'closed' && aborted) return undefined;
    const response = this.logResponse(result, requestSeq, 'GET', handshake ? 'Handshake response' : undefined);
    if (!result.ok) {
      if (!aborted) this.sink.onError(pollingError(result.error, 'GET'), 'transport error');
      return undefined;
    }
    const res = result.response;
    this.ctx.cookies.store(res.headers);
    if (handshake && this.ctx.route.follows(res.status)) return this.followRedirect(sent, res.status, res.headers);
    const text = Buffer.from(res.body).toString('utf8');
    if (res.status !== 200 || !response) {
      const error = explainHandshakeFailure(res.status, text, this.ctx.version(), handshake);
      this.sink.onError(error, handshake ? 'handshake refused' : 'transport error');
      return undefined;
    }
    const contentType = headerValue(res.headers, 'content-type') ?? '';
    const at = { seq: response.seq, time: response.time, mono: response.mono };
    return (
      this.sink.onCarrier({ ...at, transport: 'polling', data: res.body, text, contentType, handshake }) ?? undefined
    );
  }

  /**
   * A redirected handshake while redirects are followed (issue 12): the route moves, a `redirect` row says where,
   * and the handshake goes again; or the chain ends with its error.
   */
  private followRedirect(
    sent: { seq: number; url: URL },
    status: number,
    headers: Header[],
  ): Promise<GetOutcome> | undefined {
    const { ctx } = this;
    const decision = ctx.route.follow(sent.url, status, headers);
    if (!decision.ok) {
      this.sink.onError(decision.error, 'handshake refused');
      return undefined;
    }
    if (decision.crossOrigin) ctx.cookies.clear();
    const meta = redirectRowMeta(status, sent.url, decision, ctx.options.maxRedirects);
    ctx.writer.append('local', 'http', REDIRECT_EVENT, meta, undefined, 0, sent.seq);
    return Promise.resolve({ empty: true, handshakeAgain: true });
  }

  /** Polls again, after the floor when the answer was empty (pollPacing.ts). */
  private afterGet(outcome: GetOutcome | undefined, startedMono: number): void {
    if (!outcome || this.current !== 'idle') return;
    if (outcome.handshakeAgain) {
      this.poll(true);
      return;
    }
    this.pacer.next(outcome.empty, startedMono, (waited) => this.poll(false, waited));
  }

  // ---- POST ------------------------------------------------------------------------------------

  /** Sends what is queued in one POST; one POST in flight at most, none while paused or before the sid. */
  private flush(): void {
    const held = this.current === 'pausing' || this.current === 'paused' || this.current === 'closed';
    if (this.postInFlight || this.outbox.length === 0 || held || !this.ctx.sid()) return;
    const batch = this.outbox.splice(0);
    this.ctx.policy.beforeStep({ transport: 'polling', step: 'post' }, () =>
      this.ctx.lifecycle.watch(this.post(batch)),
    );
  }

  private async post(batch: QueuedPacket[]): Promise<void> {
    const { ctx } = this;
    const packets = batch.map((b) => b.packet);
    const body = ctx.version() === 4 ? encodeV4Payload(packets) : encodeV3Payload(packets);
    const url = this.url();
    const headers = ctx.cookies.apply(ctx.route.headers);
    const request = ctx.writer.append(
      'out',
      'http',
      'poll-request',
      {
        request: { method: 'POST', url: url.href, headers },
        eio: { transport: 'polling', carries: batch.map((b) => b.seq) },
        note: `POST carrying ${batch.length} packet${batch.length === 1 ? '' : 's'}`,
      },
      textPayload(body, ctx.options.maxStoredPayloadBytes),
      Buffer.byteLength(body),
    );
    const limits = { maxBodyBytes: POST_ANSWER_MAX_BYTES, timeoutMs: ctx.options.handshakeTimeoutMs };
    const poll = sendPoll({ method: 'POST', url, headers, body, ...limits }, ctx.network.pollingAgent(url), ctx.clock);
    this.postInFlight = poll;
    const result = await poll.done;
    this.postInFlight = undefined;
    ctx.lifecycle.guard(() => this.onPostResult(result, request.seq));
    this.checkPaused();
    this.flush();
  }

  private onPostResult(result: PollResult, requestSeq: number): void {
    this.logResponse(result, requestSeq, 'POST');
    if (this.current === 'closed') return;
    if (!result.ok) {
      if (result.error.code !== 'RI_ABORTED') this.sink.onError(pollingError(result.error, 'POST'), 'transport error');
      return;
    }
    this.ctx.cookies.store(result.response.headers);
    if (result.response.status !== 200) {
      const body = Buffer.from(result.response.body).toString('utf8');
      this.sink.onError(
        explainHandshakeFailure(result.response.status, body, this.ctx.version(), false),
        'transport error',
      );
    }
  }

  // ---- plumbing --------------------------------------------------------------------------------

  /** Paused once neither a GET nor a POST is in flight. */
  private checkPaused(): void {
    if (this.current !== 'pausing' || this.getInFlight || this.postInFlight) return;
    const onPaused = this.onPaused;
    this.onPaused = undefined;
    this.ctx.policy.beforeStep({ transport: 'polling', step: 'paused' }, () => {
      if (this.current !== 'pausing') return;
      this.current = 'paused';
      onPaused?.();
    });
  }

  private logQueued(packet: OutgoingPacket): number {
    const facts = { eio: { packetType: packet.packet.type, transport: 'polling' as const }, send: packet.send };
    return appendPacket(this.ctx.writer, 'out', packet.packet, facts, this.ctx.options.maxStoredPayloadBytes).seq;
  }

  private logResponse(
    result: PollResult,
    requestSeq: number,
    method: 'GET' | 'POST',
    note?: string,
  ): LogEvent | undefined {
    const event = pollResponseEvent(result, requestSeq, this.ctx.options.maxStoredPayloadBytes, note, method);
    return event && this.ctx.writer.append('in', 'http', 'poll-response', event.meta, event.payload, event.size);
  }

  private url(): URL {
    const { route, clock } = this.ctx;
    const sid = this.ctx.sid();
    return engineIoUrl(route.endpoint, {
      version: this.ctx.version(),
      transport: 'polling',
      sid,
      query: route.query,
      now: clock.now(),
    });
  }
}
