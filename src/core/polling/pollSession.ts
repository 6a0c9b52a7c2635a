/**
 * A generic long-polling or short-polling session (issue 11): the Session the host sees, over a poll loop
 * (pollLoop.ts) that it owns. Rows: `connecting`, then per request a `poll-request` and its `poll-response`
 * (layer `poll`), `poll-retry` before each retry, `open` after the first 2xx answer, `error` when polling
 * cannot go on, and `closed`. It sends nothing (polling only receives); close() aborts the request in
 * flight and never asks again. Time, randomness and the network come from outside; the guard, the timers
 * and the teardown are the shared SessionLifecycle.
 *
 * States: connecting → open → closing → closed (connecting → closed when the first answers fail).
 */
import type { JitteredEngineDeps } from '../session/engineDeps';
import { type Clock, systemClock } from '../clock';
import type { ResolvedPollOptions } from '../connection/pollOptions';
import type { Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import type { ErrorMeta } from '../events/logEvent';
import { EventWriter } from '../events/eventWriter';
import { MemoryEventLog } from '../events/memoryEventLog';
import { viaFact } from '../network/routeFacts';
import { createDirectNetwork } from '../session/network';
import { refuseUnacceptedKind } from '../session/sendKindRefusal';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { SessionLifecycle } from '../session/sessionLifecycle';
import type { SessionStatus } from '../session/sessionStatus';
import { describePolling } from './pollNotes';
import { PollFacts, pollStatus } from './pollFacts';
import { PollLoop } from './pollLoop';
import { formatMs } from './pollRows';

/** What a polling session is made with besides its options (engineDeps.ts). */
export type PollSessionDeps = JitteredEngineDeps;

let nextId = 1;

export class PollSession implements Session {
  readonly id: string;
  readonly log: EventLog;
  private readonly clock: Clock;
  private readonly lifecycle: SessionLifecycle;
  private readonly writer: EventWriter;
  private readonly status: SessionStatus;
  private readonly facts: PollFacts;
  private readonly loop: PollLoop;
  private readonly startMono: number;

  constructor(
    readonly resolved: ResolvedPollOptions,
    deps: PollSessionDeps = {},
  ) {
    this.id = deps.id ?? `poll-${nextId++}`;
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? new MemoryEventLog();
    this.writer = new EventWriter(this.log, this.clock);
    const lifecycle = new SessionLifecycle(this.clock, (error) =>
      this.writer.append('local', 'poll', 'error', { error }),
    );
    this.lifecycle = lifecycle;
    // A network given from outside is its giver's to dispose; the default one is ours.
    const network = deps.network ?? lifecycle.own(createDirectNetwork(resolved.tls));
    this.status = lifecycle.own(pollStatus(resolved, this.clock.now(), viaFact(network, resolved.url)));
    this.facts = new PollFacts(this.status, lifecycle.timers);
    this.startMono = this.clock.mono();
    this.loop = new PollLoop({
      options: resolved,
      lifecycle,
      network,
      writer: this.writer,
      facts: this.facts,
      random: deps.random ?? Math.random,
      opened: (seq) => this.onOpened(seq),
      failed: (error) => this.onFailed(error),
    });
  }

  /**
   * The options as a Session states them. Session's `options` names the kinds of connectionOptions.ts; until it
   * lists 'longpoll' and 'shortpoll' (issue 11 wiring) they are stated through this cast, which is then a no-op.
   */
  get options(): Session['options'] {
    return this.resolved;
  }

  get info(): Readonly<SessionInfo> {
    return this.status.info;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.status.onDidChange(listener);
  }

  /** Sends the first request. Resolves once the first answer opened the session, or it closed; never rejects. */
  start(): Promise<SessionState> {
    return this.status.startOnce(() => {
      this.writer.append('local', 'poll', 'connecting', { note: describePolling(this.resolved) });
      this.lifecycle.guard(() => this.loop.start());
    }, true);
  }

  /** Refuses every kind (session/sendRequest.ts: polling sessions send nothing). Never throws. */
  send(request: SendRequest): SendOutcome {
    const refused = refuseUnacceptedKind(this.resolved.kind, request);
    if (refused) return { ok: false, error: refused };
    return { ok: false, error: { code: ErrorCode.InvalidMessage, message: 'A polling session sends nothing.' } };
  }

  /** Stops polling: the request in flight is aborted and no other is sent. Resolves when closed. */
  close(): Promise<void> {
    if (this.status.isClosed) return Promise.resolve();
    this.lifecycle.guard(() => {
      this.facts.update({ state: 'closing' });
      const aborted = this.loop.stop();
      const summary =
        aborted === undefined ? 'closed by the client' : `closed by the client (request #${aborted} aborted)`;
      this.finish(summary);
    });
    return this.status.whenClosed();
  }

  dispose(): void {
    if (!this.status.isClosed) {
      this.lifecycle.guard(() => {
        this.loop.stop();
        this.finish('the session was disposed');
      });
    }
    this.lifecycle.dispose();
  }

  private onOpened(responseSeq: number): void {
    const handshakeMs = this.clock.mono() - this.startMono;
    const note = `First answer after ${formatMs(handshakeMs)}: polling`;
    this.writer.append('local', 'poll', 'open', { note, durationMs: handshakeMs }, undefined, 0, responseSeq);
    this.facts.opened({ openedAt: this.clock.now(), handshakeMs });
  }

  private onFailed(error: ErrorMeta): void {
    this.finish(`${error.code}: ${error.message}`);
  }

  /** The one way a session ends: the `closed` row, the closed state, then teardown (timers, owned network). */
  private finish(summary: string): void {
    if (this.status.isClosed) return;
    this.writer.append('local', 'poll', 'closed', { note: summary });
    this.facts.closed({ closedAt: this.clock.now(), closeSummary: summary });
    this.lifecycle.dispose();
  }
}
