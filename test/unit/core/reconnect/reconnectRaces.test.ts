/**
 * The reconnect controls raced against the connection (issue 12 review), on a real server and the manual clock:
 * Retry now pressed twice, Cancel or the user's close during an attempt's handshake, dispose during a wait, a
 * refused close; and a server that drops every connection, 200 attempts in a row, leaving no listener, no engine
 * and no timer behind.
 */
import assert from 'node:assert/strict';
import type { Disposable } from '../../../../src/core/disposable';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import type { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import type { SendRequest } from '../../../../src/core/session/sendRequest';
import type { Session, SessionInfo } from '../../../../src/core/session/session';
import { startFlakyWsServer, type FlakyWsServer } from '../../../fixtures/servers/flakyWsServer';
import { eventually } from '../../support/sessions';
import { ofType } from '../../support/sessionEvents';
import { POLICY, reconnecting, waitForPhase, type Reconnecting, type ReconnectingExtras } from './reconnectSupport';

/** A log that counts the append listeners still subscribed. */
class CountingLog extends MemoryEventLog {
  listeners = 0;

  override onAppend(listener: (event: LogEvent) => void): Disposable {
    const inner = super.onAppend(listener);
    this.listeners++;
    let live = true;
    return {
      dispose: () => {
        if (live) this.listeners--;
        live = false;
        inner.dispose();
      },
    };
  }
}

/** An attempt's engine, watched: whether it was disposed, and its change listeners still subscribed. */
class WatchedAttempt implements Session {
  disposed = false;
  listeners = 0;

  constructor(private readonly engine: Session) {}

  get id(): string {
    return this.engine.id;
  }
  get options(): Session['options'] {
    return this.engine.options;
  }
  get log(): Session['log'] {
    return this.engine.log;
  }
  get info(): Readonly<SessionInfo> {
    return this.engine.info;
  }
  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    const inner = this.engine.onDidChange(listener);
    this.listeners++;
    let live = true;
    return {
      dispose: () => {
        if (live) this.listeners--;
        live = false;
        inner.dispose();
      },
    };
  }
  start(): ReturnType<Session['start']> {
    return this.engine.start();
  }
  send(request: SendRequest): ReturnType<Session['send']> {
    return this.engine.send(request);
  }
  close(): Promise<void> {
    return this.engine.close();
  }
  dispose(): void {
    this.disposed = true;
    this.engine.dispose();
  }
}

describe('ReconnectingSession: controls raced against the connection, and a flapping server', function () {
  this.timeout(30_000);
  let server: FlakyWsServer;
  let made: Reconnecting[] = [];

  beforeEach(async () => {
    server = await startFlakyWsServer();
  });
  afterEach(async () => {
    for (const { session } of made) session.dispose();
    made = [];
    await server.close();
  });

  function open(extra: ReconnectingExtras = {}, random = (): number => 0.5): Reconnecting {
    const fixture = reconnecting({ kind: 'websocket', url: server.url }, POLICY, random, extra);
    made.push(fixture);
    return fixture;
  }

  /** Open, then lost: the session waits for attempt 1. */
  async function waitingFixture(extra: ReconnectingExtras = {}): Promise<Reconnecting> {
    const fixture = open(extra);
    assert.equal(await fixture.session.start(), 'open');
    server.dropAll();
    await waitForPhase(fixture.session, 'waiting');
    return fixture;
  }

  const stopNotes = (session: ReconnectingSession): string[] =>
    ofType(session, 'reconnect-stopped').map((event) => event.meta?.note ?? '');

  it('Retry now pressed twice starts one attempt', async () => {
    const { session, clock } = await waitingFixture();
    assert.equal(session.retryNow(), true);
    assert.equal(session.retryNow(), false, 'the second press finds an attempt under way');
    await waitForPhase(session, 'open');
    assert.equal(server.upgrades, 2);
    assert.equal(ofType(session, 'connecting').length, 2);
    assert.deepEqual(clock.pendingDelays, []);
  });

  it('Cancel during an attempt’s handshake stops for good, says it was cancelled, and leaves no timer', async () => {
    const { session, clock } = await waitingFixture();
    server.mode = { hang: true };
    clock.advance(500);
    await eventually(() => server.upgrades === 2, 'the attempt’s upgrade reached the server');
    assert.equal(session.status.phase, 'connecting');
    assert.equal(session.cancelReconnect(), true);
    await waitForPhase(session, 'stopped');
    assert.equal(session.info.state, 'closed');
    assert.deepEqual(stopNotes(session), ['Reconnecting cancelled by the user: the session stays closed.']);
    assert.deepEqual(clock.pendingDelays, []);
    assert.equal(session.cancelReconnect(), false, 'nothing left to cancel');
    clock.advance(120_000);
    assert.equal(server.upgrades, 2);
  });

  it('the user’s close during an attempt’s handshake resolves, stops, and no attempt follows', async () => {
    const { session, clock } = await waitingFixture();
    server.mode = { hang: true };
    clock.advance(500);
    await eventually(() => server.upgrades === 2, 'the attempt’s upgrade reached the server');
    await session.close();
    assert.equal(session.status.phase, 'stopped');
    assert.deepEqual(stopNotes(session), ['Closed by the user: the session does not reconnect.']);
    assert.deepEqual(clock.pendingDelays, []);
    clock.advance(120_000);
    assert.equal(server.upgrades, 2);
  });

  it('dispose during a wait cancels the booked attempt and settles close() and start()', async () => {
    const watched: WatchedAttempt[] = [];
    const wrap = (engine: Session): Session => watched[watched.push(new WatchedAttempt(engine)) - 1];
    const { session, clock } = await waitingFixture({ wrap });
    const closing = session.close();
    session.dispose();
    await closing;
    assert.deepEqual(clock.pendingDelays, []);
    assert.ok(watched.every((attempt) => attempt.disposed && attempt.listeners === 0));
    clock.advance(120_000);
    assert.equal(server.upgrades, 1);
  });

  it('a close the engine refused (during a handshake) does not stop the reconnecting later', async () => {
    const { session, clock } = await waitingFixture();
    server.mode = { hang: true };
    clock.advance(500);
    await eventually(() => server.upgrades === 2, 'the attempt’s upgrade reached the server');
    const refused = session.send({ kind: 'close', code: 1000 });
    assert.ok(!refused.ok && refused.error.code === 'RI_NOT_OPEN', JSON.stringify(refused));
    server.mode = { accept: true };
    server.dropAll();
    await waitForPhase(session, 'waiting');
    assert.deepEqual(stopNotes(session), []);
    clock.advance(clock.pendingDelays[0]);
    await waitForPhase(session, 'open');
  });

  it('a connection open 60 s starts a new run (ceiling back to 1 s); 59.999 s does not', async () => {
    const { session, clock } = open({}, () => 1);
    assert.equal(await session.start(), 'open');
    const ceilings = (): Array<number | undefined> =>
      ofType(session, 'reconnecting').map((event) => event.meta?.reconnect?.ceilingMs);
    for (const [openFor, attempt] of [
      [0, 1],
      [59_999, 2],
      [60_000, 1],
    ]) {
      clock.advance(openFor);
      server.dropAll();
      await waitForPhase(session, 'waiting');
      assert.equal(session.status.attempt, attempt, `open ${openFor} ms`);
      clock.advance(clock.pendingDelays[0]);
      await waitForPhase(session, 'open');
    }
    assert.deepEqual(ceilings(), [1000, 2000, 1000]);
  });

  it('a server that drops every connection: 200 attempts leave no listener, engine or timer behind', async () => {
    const log = new CountingLog();
    const watched: WatchedAttempt[] = [];
    const wrap = (engine: Session): Session => watched[watched.push(new WatchedAttempt(engine)) - 1];
    const { session, clock } = open({ log, wrap });
    assert.equal(await session.start(), 'open');
    const listenersWhenOpen = log.listeners;
    server.mode = { dropOnOpen: true };
    server.dropAll();
    for (let attempt = 1; attempt <= 200; attempt++) {
      await waitForPhase(session, 'waiting');
      assert.equal(clock.pendingDelays.length, 1, 'one booked attempt, never more');
      assert.ok(log.listeners <= listenersWhenOpen, `attempt ${attempt}: ${log.listeners} log listeners`);
      clock.advance(clock.pendingDelays[0]);
      await waitForPhase(session, 'connecting');
    }
    await waitForPhase(session, 'waiting');
    assert.equal(watched.length, 201);
    assert.equal(server.upgrades, 201, 'every attempt reached the server');
    const live = watched.filter((attempt) => !attempt.disposed);
    assert.ok(live.length <= 2, `${live.length} engines not disposed (the current one and the one before)`);
    const listening = watched.filter((attempt) => attempt.listeners > 0);
    assert.deepEqual(listening, [], 'no attempt is listened to while waiting');
    assert.equal(ofType(session, 'reconnect-attempt').length, 200);
    const seqs = session.log.page(1, session.log.count).map((event) => event.seq);
    assert.ok(
      seqs.every((seq, i) => seq === i + 1),
      'one log, seqs without gaps',
    );
    assert.equal(session.status.attempt, 201);
    assert.ok((session.status.delayMs ?? 0) <= POLICY.maxDelayMs);
    session.dispose();
    assert.ok(watched.every((attempt) => attempt.disposed));
    assert.deepEqual(clock.pendingDelays, []);
    await eventually(() => server.open === 0, 'no connection left open');
  });
});
