/**
 * Measures one transport: a session made by createSession (the comparison opens no socket itself), started and
 * waited for until it is ready to send; then the plan's messages one after another, each waiting for its answer
 * (a round trip); then the close. The figures come from the session's rows as they are appended. Any failure
 * ends in a result with `ok: false` and an error in words; cancellation closes the session and keeps what was
 * measured.
 */
import { yieldToLoop, type Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { LogEvent } from '../events/logEvent';
import type { EventLogLimits } from '../events/memoryEventLog';
import { createSession } from '../session/createSession';
import type { Network } from '../session/network';
import type { Session } from '../session/session';
import * as failures from './comparisonErrors';
import { describeIssues, sessionOptions, type ComparedTransport, type ResolvedPlan } from './comparisonPlan';
import { emptyResult, type ComparisonError, type TransportResult } from './comparisonReport';
import { ExchangeMessages, type SentMessage } from './exchangeMessages';
import { RttSamples } from './rttSamples';
import { SessionWatch } from './sessionWatch';
import { StepWaiter } from './stepWaiter';
import { TrafficMeter } from './trafficMeter';

export interface TransportRunDeps {
  clock: Clock;
  logFactory?: () => EventLog;
  network?: Network;
  signal?: AbortSignal;
  onProgress?: (transport: ComparedTransport, done: number, total: number) => void;
}

/** Messages in a row without an answer after which the exchange stops (a server that never answers). */
export const MAX_UNANSWERED_IN_A_ROW = 3;
/** Longest wait for polling POSTs still in flight, after the exchange and after the close. */
const SETTLE_MS = 2_000;
/** Longest wait for the session to close. */
const CLOSE_MS = 5_000;
/** What a comparison session's in-memory log keeps: the figures never read it back, so little is needed. */
const LOG_LIMITS: EventLogLimits = { maxEvents: 20_000, maxPayloadBytes: 32 * 1024 * 1024 };

type RoundTrip = 'answered' | 'unanswered' | 'stop';

/** Measures `transport` as `plan` says. Never throws. */
export async function measureTransport(
  plan: ResolvedPlan,
  transport: ComparedTransport,
  deps: TransportRunDeps,
): Promise<TransportResult> {
  if (deps.signal?.aborted) return emptyResult(transport, failures.cancelled(transport, false), true);
  const { clock, logFactory, network } = deps;
  const created = createSession(sessionOptions(plan, transport), { clock, logFactory, network, logLimits: LOG_LIMITS });
  if (!created.ok) return emptyResult(transport, failures.invalidPlan(describeIssues(created.issues)));
  const run = new TransportRun(plan, transport, created.value, deps);
  try {
    return await run.run();
  } catch (error) {
    return run.result(failures.internalError(transport, error));
  } finally {
    run.dispose();
  }
}

class TransportRun {
  private readonly meter = new TrafficMeter();
  private readonly waiter: StepWaiter;
  private readonly watch: SessionWatch;
  private readonly rtts: RttSamples;
  private readonly messages: ExchangeMessages;
  private sent = 0;
  private timedOut = 0;
  private error: ComparisonError | undefined;
  private cancelled = false;
  /** The message waiting for its answer, and the answer once a row matched it. */
  private pending: { sent: SentMessage; answer?: LogEvent } | undefined;

  constructor(
    private readonly plan: ResolvedPlan,
    private readonly transport: ComparedTransport,
    private readonly session: Session,
    private readonly deps: TransportRunDeps,
  ) {
    this.waiter = new StepWaiter(deps.clock, deps.signal);
    const namespace = plan.kind === 'socketio' ? plan.namespace : undefined;
    this.watch = new SessionWatch(session, this.meter, this.waiter, namespace);
    this.rtts = new RttSamples(plan.messages);
    this.messages = new ExchangeMessages(plan);
  }

  async run(): Promise<TransportResult> {
    if (await this.connect()) await this.exchange();
    await this.close();
    return this.result();
  }

  /** The figures measured so far; `error` when the run itself failed. */
  result(error?: ComparisonError): TransportResult {
    this.error ??= error;
    if (!this.error && !this.cancelled && this.timedOut > 0)
      this.error = failures.someUnanswered(this.transport, this.timedOut, this.plan.timeoutMs);
    if (this.cancelled && !this.error) this.error = failures.cancelled(this.transport, true);
    const { watch, sent } = this;
    const since = (mono: number | undefined): number | null =>
      mono === undefined || watch.startMono === undefined ? null : mono - watch.startMono;
    const perMessage = (bytes: number): number | null => (sent > 0 ? bytes / sent : null);
    const { exchange, session } = this.meter;
    const result: TransportResult = {
      ...emptyResult(this.transport, this.error, this.cancelled),
      ok: !this.error && this.rtts.count === this.plan.messages,
      setupMs: since(watch.readyMono),
      openMs: since(watch.openMono),
      rtt: this.rtts.summary(),
      bytesPerMessage: {
        up: perMessage(exchange.up),
        down: perMessage(exchange.down),
        total: perMessage(exchange.up + exchange.down),
      },
      httpRequests: session.httpRequests,
      totalBytes: session.up + session.down,
      messages: this.rtts.count,
      sent,
      timedOut: this.timedOut,
    };
    if (!result.error) delete result.error;
    return result;
  }

  dispose(): void {
    this.watch.dispose();
    this.waiter.dispose();
    this.session.dispose();
    this.session.log.dispose();
  }

  /** Starts the session and waits until it can send; false (with the error) when it cannot. */
  private async connect(): Promise<boolean> {
    const { watch, transport } = this;
    void this.session.start();
    const ready = (): boolean => watch.ready || watch.refusal !== undefined || watch.closed;
    const outcome = await this.waiter.until(ready, this.plan.timeoutMs);
    if (outcome === 'aborted') this.cancelled = true;
    else if (watch.ready) return true;
    else if (watch.refusal) this.error = failures.namespaceRefused(transport, watch.refusal);
    else if (watch.closed) this.error = failures.connectFailed(transport, watch.firstError, watch.closeSummary);
    else this.error = failures.setupTimeout(transport, this.plan.timeoutMs, watch.openMono !== undefined);
    return false;
  }

  /** The messages, one round trip after the other; the exchange's traffic is counted apart. */
  private async exchange(): Promise<void> {
    this.meter.startExchange();
    this.watch.onRow = (event) => {
      const pending = this.pending;
      if (pending && !pending.answer && this.messages.isAnswer(event, pending.sent)) pending.answer = event;
    };
    let unansweredInARow = 0;
    for (let index = 0; index < this.plan.messages; index++) {
      const outcome = await this.roundTrip(index);
      if (outcome === 'stop') break;
      unansweredInARow = outcome === 'answered' ? 0 : unansweredInARow + 1;
      this.reportProgress(index + 1);
      if (unansweredInARow >= MAX_UNANSWERED_IN_A_ROW) {
        this.error = failures.noAnswers(this.transport, unansweredInARow, this.plan.timeoutMs);
        break;
      }
    }
    this.watch.onRow = undefined;
    // A POST still in flight carried this exchange's packets: its answer belongs to the exchange too.
    if (!this.cancelled) await this.settlePosts(true);
    this.meter.endExchange();
  }

  /** Sends message `index` and waits for its answer. */
  private async roundTrip(index: number): Promise<RoundTrip> {
    const { watch, transport } = this;
    if (this.waiter.aborted) {
      this.cancelled = true;
      return 'stop';
    }
    const outcome = this.session.send(this.messages.request(index));
    if (!outcome.ok) {
      this.error = watch.closed
        ? failures.sessionClosed(transport, this.rtts.count, watch.firstError, watch.closeSummary)
        : failures.sendFailed(transport, index, outcome.error);
      return 'stop';
    }
    this.sent++;
    const mono = watch.outgoingMono(outcome.seq) ?? this.deps.clock.mono();
    const pending: { sent: SentMessage; answer?: LogEvent } = {
      sent: { index, seq: outcome.seq, mono, probe: this.messages.probe(index) },
    };
    this.pending = pending;
    const result = await this.waiter.until(() => pending.answer !== undefined || watch.closed, this.plan.timeoutMs);
    this.pending = undefined;
    const { answer } = pending;
    // An ack row carries the round trip the inspector shows; an echo's is measured the same way.
    if (answer) this.rtts.add(answer.meta?.durationMs ?? answer.mono - mono);
    if (answer) return 'answered';
    if (result === 'aborted') {
      this.cancelled = true;
      return 'stop';
    }
    this.timedOut++;
    if (!watch.closed) return 'unanswered';
    this.error = failures.sessionClosed(transport, this.rtts.count, watch.firstError, watch.closeSummary);
    return 'stop';
  }

  /** Closes the session (also when cancelled) and lets the goodbye POST's answer arrive. */
  private async close(): Promise<void> {
    if (!this.watch.closed) {
      // A long-poll GET issued on the last answer leaves on the next turn of the loop: let it, so that the
      // request the log shows did cross the wire (closing aborts it once sent).
      await yieldToLoop(this.deps.clock);
      this.session.close().then(undefined, () => undefined);
      await this.waiter.until(() => this.watch.closed, CLOSE_MS, false);
    }
    await this.settlePosts(false);
  }

  private async settlePosts(abortable: boolean): Promise<void> {
    const settled = (): boolean => this.meter.postsInFlight === 0;
    await this.waiter.until(settled, Math.min(SETTLE_MS, this.plan.timeoutMs), abortable);
  }

  private reportProgress(done: number): void {
    try {
      this.deps.onProgress?.(this.transport, done, this.plan.messages);
    } catch {
      // A caller's progress display that fails must not end the measurement.
    }
  }
}
