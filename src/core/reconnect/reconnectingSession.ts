/**
 * A session that reconnects by itself (issue 12): a Session over a run of attempts, each an engine's own session
 * made on ONE shared log, so a flapping connection reads as one story — each attempt a new segment (its
 * `connecting` … `closed` rows), our rows between them saying how long the wait is, which attempt follows and
 * how long the session was offline. The backoff is reconnectBackoff.ts; the outcomes that stop it (the user's
 * close, a 401/403 handshake, close codes 1002/1003/1007/1008, a Socket.IO server's disconnect, a refused
 * certificate, a proxy's 407 or an unusable proxy setting) terminalOutcomes.ts; Socket.IO namespaces are joined
 * again with their auth (namespaceRejoin.ts). Waits run on the injected clock. After giving up on the policy's
 * attempts, Retry now starts a new run.
 *
 * Phases: connecting → open → (lost) waiting → connecting → … → stopped. Composition: nothing here extends an
 * engine; the attempt's session is owned and disposed here.
 */
import { systemClock, type Clock } from '../clock';
import type { ResolvedConnectionOptions } from '../connection/connectionOptions';
import { DisposableStore, type Disposable } from '../disposable';
import { Emitter } from '../emitter';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import { EventWriter } from '../events/eventWriter';
import type { Layer, ReconnectMeta } from '../events/logEvent';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { addTraffic, mergeInfo, NO_TRAFFIC, type TrafficTotals } from './mergedInfo';
import { NamespaceRejoin } from './namespaceRejoin';
import { ReconnectBackoff } from './reconnectBackoff';
import * as notes from './reconnectNotes';
import { describePolicy, type ReconnectPolicy } from './reconnectPolicy';
import type { ReconnectPhase, ReconnectStatus } from './reconnectStatus';
import { AttemptFactsCollector, stopReason } from './terminalOutcomes';

export interface ReconnectingSessionDeps {
  /** Makes the (unstarted) session of one attempt, appending to `log` (attempt 0 is the first connection). */
  makeAttempt(options: ResolvedConnectionOptions, attempt: number): Session;
  /** The log every attempt appends to; the session's owner disposes it, as with any session. */
  log: EventLog;
  policy: ReconnectPolicy;
  /** Waits and row times (default the system clock). */
  clock?: Clock;
  /** Values in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
}

/** Row layer of the session's own rows: that of its kind. */
const LAYERS: Readonly<Record<string, Layer>> = { websocket: 'ws', engineio: 'eio', socketio: 'sio' };

export class ReconnectingSession implements Session {
  readonly id: string;
  readonly log: EventLog;
  private readonly clock: Clock;
  private readonly writer: EventWriter;
  private readonly backoff: ReconnectBackoff;
  private readonly rejoin: NamespaceRejoin;
  private readonly changed = new Emitter<Readonly<SessionInfo>>();
  private readonly startedAt: number;
  private current: Session;
  /** The attempt before the current one, kept until the next starts (an Engine.IO goodbye needs a moment). */
  private previous: Session | undefined;
  private attemptListeners = new DisposableStore();
  private facts = new AttemptFactsCollector();
  private phase: ReconnectPhase = 'connecting';
  private attempt = 0;
  private connections = 0;
  private totals: TrafficTotals = NO_TRAFFIC;
  private waitTimer: unknown;
  private nextAttemptAt: number | undefined;
  private delayMs: number | undefined;
  private offlineSince: { time: number; mono: number } | undefined;
  private openedAtMono: number | undefined;
  private stoppedReason: string | undefined;
  /** Stopped because the policy's attempts were used up (not for a terminal outcome): Retry now may start over. */
  private gaveUp = false;
  private closedAt: number | undefined;
  private userClosed = false;
  /** The user pressed Cancel during an attempt: its end is a cancel, not a close. */
  private cancelled = false;
  private attemptEnded = false;
  private started: Promise<SessionState> | undefined;
  private resolveStarted: (state: SessionState) => void = () => undefined;
  private closedWaiters: Array<() => void> = [];
  private disposed = false;
  private merged: SessionInfo;

  constructor(
    readonly options: ResolvedConnectionOptions,
    private readonly deps: ReconnectingSessionDeps,
  ) {
    this.log = deps.log;
    this.clock = deps.clock ?? systemClock;
    this.writer = new EventWriter(deps.log, this.clock);
    this.backoff = new ReconnectBackoff(deps.policy, deps.random);
    this.rejoin = new NamespaceRejoin(options);
    this.current = deps.makeAttempt(options, 0);
    this.id = this.current.id;
    this.startedAt = this.current.info.startedAt;
    this.merged = this.buildInfo();
  }

  get info(): Readonly<SessionInfo> {
    return this.merged;
  }

  /** Where reconnecting stands (also `info.reconnect`). */
  get status(): ReconnectStatus {
    return this.merged.reconnect ?? this.buildStatus();
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.changed.on(listener);
  }

  start(): Promise<SessionState> {
    if (this.started) return this.started;
    this.started = new Promise((resolve) => (this.resolveStarted = resolve));
    this.runAttempt(this.current);
    return this.started;
  }

  /** Sends on the current connection; while waiting, says when the next attempt is. A `close` stops reconnecting. */
  send(request: SendRequest): SendOutcome {
    if (this.phase === 'waiting' || this.phase === 'stopped') {
      if (request.kind === 'close') {
        void this.close();
        return { ok: true, seq: this.log.count };
      }
      return { ok: false, error: { code: ErrorCode.NotOpen, message: this.notOpenMessage() } };
    }
    // Set before the engine acts on it (its close may end the attempt at once); a refused close changes nothing.
    const closedBefore = this.userClosed;
    if (request.kind === 'close') this.userClosed = true;
    const outcome = this.current.send(request);
    if (outcome.ok) this.rejoin.sent(request);
    else this.userClosed = closedBefore;
    return outcome;
  }

  /** Closes the connection and stops reconnecting; a booked attempt is cancelled. Resolves once stopped. */
  close(): Promise<void> {
    if (this.phase === 'stopped') return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.closedWaiters.push(resolve));
    this.userClosed = true;
    if (this.phase === 'waiting' || !this.started) this.stop(notes.USER_CLOSED_NOTE);
    else void this.current.close();
    return closed;
  }

  /**
   * Cancel: no more attempts. While waiting the session stops at once; during a reconnect attempt that attempt
   * is closed. False when there is nothing to cancel (open, or stopped).
   */
  cancelReconnect(): boolean {
    if (this.phase === 'waiting') {
      this.stop(notes.CANCELLED_NOTE);
      return true;
    }
    if (this.phase !== 'connecting' || this.attempt === 0) return false;
    this.userClosed = true;
    this.cancelled = true;
    void this.current.close();
    return true;
  }

  /**
   * Retry now: while waiting, the booked attempt starts at once; after giving up on the policy's attempts, a new run
   * starts at once with the backoff reset. False otherwise: open, an attempt under way, or stopped for an outcome the
   * user must change something about first — their own close or Cancel, a 401/403, a refused certificate, a proxy's
   * 407 (terminalOutcomes.ts): retrying those would only repeat the refusal; Reconnect or connecting again does it.
   */
  retryNow(): boolean {
    if (this.phase === 'stopped' && this.gaveUp && !this.disposed) return this.retryAfterGivingUp();
    if (this.phase !== 'waiting') return false;
    this.appendRow('reconnect-attempt', notes.retryNowNote(this.attempt), { attempt: this.attempt });
    this.beginAttempt();
    return true;
  }

  /** Retry now after giving up: the first attempt of a new run, its wait skipped, in the same log. */
  private retryAfterGivingUp(): true {
    this.backoff.reset();
    this.attempt = this.backoff.next().attempt;
    this.gaveUp = false;
    this.stoppedReason = undefined;
    this.closedAt = undefined;
    const note = notes.retryAfterGivingUpNote(this.attempt, this.deps.policy.maxAttempts);
    this.appendRow('reconnect-attempt', note, { attempt: this.attempt });
    this.beginAttempt();
    return true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearWait();
    this.attemptListeners.dispose();
    this.previous?.dispose();
    this.current.dispose();
    this.changed.dispose();
    this.resolveStarted('closed');
    for (const waiter of this.closedWaiters.splice(0)) waiter();
  }

  // ---- one attempt -------------------------------------------------------------------------------

  private runAttempt(session: Session): void {
    this.facts = new AttemptFactsCollector();
    this.attemptEnded = false;
    this.openedAtMono = undefined;
    const listeners = new DisposableStore();
    this.attemptListeners = listeners;
    listeners.add(
      this.log.onAppend((event) => {
        this.facts.observe(event, session.info.openedAt !== undefined);
        this.rejoin.observe(event);
      }),
    );
    listeners.add(session.onDidChange((info) => this.onAttemptChange(session, info)));
    this.refresh();
    void session.start();
  }

  private onAttemptChange(session: Session, info: Readonly<SessionInfo>): void {
    if (session !== this.current || this.disposed) return;
    if (info.state === 'open' && this.phase === 'connecting') this.onOpened();
    if (info.state === 'closed' && !this.attemptEnded) {
      this.attemptEnded = true;
      // Decided once the engine has appended every row of its close (it may fire before its last one).
      queueMicrotask(() => this.onAttemptClosed(session));
    }
    this.refresh();
  }

  private onOpened(): void {
    this.phase = 'open';
    this.connections++;
    this.openedAtMono = this.clock.mono();
    if (this.attempt > 0) {
      const offlineMs = this.offlineMs();
      this.appendRow('reconnected', notes.reconnectedNote(this.attempt, offlineMs), {
        attempt: this.attempt,
        offlineMs,
      });
    }
    this.offlineSince = undefined;
    this.resolveStarted('open');
  }

  private onAttemptClosed(session: Session): void {
    if (session !== this.current || this.disposed || this.phase === 'stopped') return;
    this.attemptListeners.dispose();
    const ended = session.info;
    this.totals = addTraffic(this.totals, ended);
    const openMs = this.openedAtMono === undefined ? undefined : this.clock.mono() - this.openedAtMono;
    if (openMs !== undefined || this.offlineSince === undefined) this.offlineSince = this.writer.now();
    if (this.userClosed) return this.stop(this.cancelled ? notes.CANCELLED_NOTE : notes.USER_CLOSED_NOTE);
    const terminal = stopReason(this.facts.facts, this.rejoin.count);
    if (terminal) return this.stop(terminal);
    this.backoff.lost(openMs);
    if (this.backoff.exhausted) return this.stop(notes.gaveUpNote(this.backoff.attemptsInRow), true);
    const plan = this.backoff.next();
    this.phase = 'waiting';
    this.attempt = plan.attempt;
    this.delayMs = plan.delayMs;
    this.nextAttemptAt = this.clock.now() + plan.delayMs;
    const note = notes.waitingNote(ended.closeSummary, plan, this.deps.policy.maxAttempts);
    this.appendRow('reconnecting', note, { attempt: plan.attempt, delayMs: plan.delayMs, ceilingMs: plan.ceilingMs });
    this.waitTimer = this.clock.setTimeout(() => {
      this.waitTimer = undefined;
      if (!this.disposed && this.phase === 'waiting') this.beginAttempt();
    }, plan.delayMs);
    this.refresh();
  }

  /** Starts the booked attempt: a new segment of the log, with the namespaces to join again. */
  private beginAttempt(): void {
    this.clearWait();
    this.phase = 'connecting';
    const offlineMs = this.offlineMs();
    this.appendRow('reconnect-attempt', notes.attemptNote(this.attempt, this.deps.policy.maxAttempts, offlineMs), {
      attempt: this.attempt,
      offlineMs,
    });
    const rejoining = this.rejoin.note();
    if (rejoining) this.appendRow('reconnect-attempt', rejoining, { attempt: this.attempt });
    this.previous?.dispose();
    this.previous = this.current;
    this.current = this.deps.makeAttempt(this.rejoin.nextOptions(), this.attempt);
    this.runAttempt(this.current);
  }

  /** No more attempts: the session is closed, with `reason` as its last row; `gaveUp`: the attempts were used up. */
  private stop(reason: string, gaveUp = false): void {
    if (this.phase === 'stopped') return;
    this.clearWait();
    this.attemptListeners.dispose();
    this.phase = 'stopped';
    this.gaveUp = gaveUp;
    this.stoppedReason = reason;
    this.closedAt = this.clock.now();
    if (!this.disposed) this.appendRow('reconnect-stopped', reason, { attempt: this.attempt });
    this.refresh();
    this.resolveStarted('closed');
    for (const waiter of this.closedWaiters.splice(0)) waiter();
  }

  // ---- facts -------------------------------------------------------------------------------------

  private refresh(): void {
    if (this.disposed) return;
    this.merged = this.buildInfo();
    this.changed.fire(this.merged);
  }

  private buildInfo(): SessionInfo {
    return mergeInfo(this.current.info, this.startedAt, this.totals, this.buildStatus(), this.closedAt);
  }

  private buildStatus(): ReconnectStatus {
    const status: ReconnectStatus = {
      phase: this.phase,
      attempt: this.attempt,
      connections: this.connections,
      policy: describePolicy(this.deps.policy),
    };
    if (this.deps.policy.maxAttempts !== undefined) status.maxAttempts = this.deps.policy.maxAttempts;
    if (this.phase === 'waiting') {
      status.nextAttemptAt = this.nextAttemptAt;
      status.delayMs = this.delayMs;
    }
    if (this.offlineSince && this.connections > 0) status.offlineSince = this.offlineSince.time;
    if (this.stoppedReason !== undefined) status.stoppedReason = this.stoppedReason;
    // One place for the rule: the panel's button and the status bar offer Retry now only when retryNow() would act.
    if (this.phase === 'waiting' || (this.phase === 'stopped' && this.gaveUp)) status.canRetryNow = true;
    return status;
  }

  private offlineMs(): number | undefined {
    return this.offlineSince && Math.max(0, this.clock.mono() - this.offlineSince.mono);
  }

  private notOpenMessage(): string {
    if (this.phase === 'stopped') return 'The session is closed: messages can be sent only while it is open.';
    const left = Math.max(0, Math.ceil(((this.nextAttemptAt ?? 0) - this.clock.now()) / 1000));
    return `The connection was lost; attempt ${this.attempt} starts in ${left} s. Messages can be sent once open.`;
  }

  private appendRow(type: string, note: string, reconnect: ReconnectMeta): void {
    this.writer.append('local', LAYERS[this.options.kind] ?? 'ws', type, { note, reconnect });
  }

  private clearWait(): void {
    if (this.waitTimer !== undefined) this.clock.clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
  }
}
