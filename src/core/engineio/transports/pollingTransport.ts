/**
 * The HTTP long-polling transport (engine.io-protocol, "HTTP long-polling"): one GET in flight that the
 * server holds until it has packets, one POST in flight that carries ours. Every request and response
 * is an event with its status, headers, timing and body; the response is the carrier of the packets
 * it held, which the session decodes before the next GET starts (issue #7).
 *
 * States: idle (no GET in flight) → polling (a GET in flight, its body being delivered) → idle …;
 * pausing (the upgrade asked: waiting for the GET and the POST in flight) → paused; closed.
 *
 * This file is the state machine: when a GET or a POST may go and what follows it. Starting one exchange is
 * pollingExchanges.ts; reading its answer is pollingAnswers.ts.
 */
import type { InFlightPoll } from '../pollingRequest';
import { PollPacer } from '../pollPacing';
import { readGetAnswer, readPostAnswer, type AnswerReader, type GetOutcome } from './pollingAnswers';
import { logQueuedPacket, startGet, startPost } from './pollingExchanges';
import type { EioTransport, OutgoingPacket, TransportContext, TransportSink } from './transport';

export type PollingState = 'idle' | 'polling' | 'pausing' | 'paused' | 'closed';

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
  private readonly reader: AnswerReader;

  constructor(
    private readonly ctx: TransportContext,
    sink: TransportSink,
  ) {
    this.pacer = new PollPacer(ctx.lifecycle.timers, ctx.clock);
    this.reader = { ctx, sink, isClosed: () => this.current === 'closed' };
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
    const queued = packets.map((p) => ({ ...p, seq: p.seq ?? logQueuedPacket(this.ctx, p) }));
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
    const { sent, poll, startedMono } = startGet(ctx, handshake, waitedMs);
    this.getInFlight = poll;
    this.current = 'polling';
    const result = await poll.done;
    let delivered: Promise<GetOutcome | undefined> | undefined;
    ctx.lifecycle.guard(() => {
      delivered = readGetAnswer(this.reader, result, sent, handshake);
    });
    const outcome = await delivered;
    // Cleared only once the body is delivered: meanwhile no other GET starts and no upgrade completes (issue #7).
    this.getInFlight = undefined;
    if (this.current === 'polling') this.current = 'idle';
    ctx.lifecycle.guard(() => this.afterGet(outcome, startedMono));
    this.checkPaused();
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
    const carries = batch.map((b) => b.seq);
    const { sent, poll } = startPost(ctx, packets, carries);
    this.postInFlight = poll;
    const result = await poll.done;
    this.postInFlight = undefined;
    ctx.lifecycle.guard(() => readPostAnswer(this.reader, result, sent.seq));
    this.checkPaused();
    this.flush();
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
}
