/**
 * A WebSocket session with a reconnect policy against a real server (issue 12): a dropped connection is
 * reconnected after a jittered wait on the session's clock, in the same log, with the gap visible; a 401/403
 * handshake, close 1008 and the user's close are not; Cancel and Retry now; maxAttempts; createSession wraps
 * only the kinds that do not reconnect by themselves.
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import { createSession } from '../../../../src/core/session/createSession';
import { startFlakyWsServer, type FlakyWsServer } from '../../../fixtures/servers/flakyWsServer';
import { ofType, waitForState } from '../../support/sessionEvents';
import { POLICY, reconnecting, rowTypes, waitForPhase, type Reconnecting } from './reconnectSupport';

describe('ReconnectingSession (WebSocket, real server)', function () {
  this.timeout(20_000);
  let server: FlakyWsServer;
  let made: Reconnecting[] = [];

  beforeEach(async () => {
    server = await startFlakyWsServer();
  });
  afterEach(async () => {
    for (const { session } of made) {
      await session.close();
      session.dispose();
    }
    made = [];
    await server.close();
  });

  function open(policy = POLICY, random?: () => number): Reconnecting {
    const fixture = reconnecting({ kind: 'websocket', url: server.url }, policy, random);
    made.push(fixture);
    return fixture;
  }

  const notes = (session: ReconnectingSession, type: string): string[] =>
    ofType(session, type).map((event: LogEvent) => event.meta?.note ?? '');

  it('reconnects a dropped connection after the wait, in one log, with the gap and the attempt visible', async () => {
    const { session, clock } = open();
    assert.equal(await session.start(), 'open');
    assert.ok(session.send({ kind: 'text', text: 'before' }).ok);
    await waitForMessagesIn(session, 1);
    server.dropAll();
    await waitForPhase(session, 'waiting');
    // random 0.5 of a 1000 ms ceiling: 500 ms, on the session's clock.
    assert.deepEqual(clock.pendingDelays, [500]);
    assert.equal(session.info.state, 'connecting');
    assert.equal(session.status.attempt, 1);
    assert.equal(session.status.nextAttemptAt, clock.now() + 500);
    assert.match(notes(session, 'reconnecting')[0], /^Connection lost \(.+\)\. Reconnecting in 0\.5 s — attempt 1 /);
    const refused = session.send({ kind: 'text', text: 'while waiting' });
    assert.ok(
      !refused.ok && refused.error.code === 'RI_NOT_OPEN' && /attempt 1 starts in 1 s/.test(refused.error.message),
    );
    assert.equal(server.upgrades, 1, 'nothing before the wait is over');

    clock.advance(499);
    assert.equal(server.upgrades, 1);
    clock.advance(1);
    await waitForPhase(session, 'open');
    assert.equal(server.upgrades, 2);
    assert.deepEqual(notes(session, 'reconnected'), ['Attempt 1 connected after 0.5 s offline.']);
    assert.ok(session.send({ kind: 'text', text: 'after' }).ok);
    await waitForMessagesIn(session, 2);

    // One story: two segments (connecting … closed, connecting … open) with our rows between them.
    const segments = ['connecting', 'open', 'closed', 'reconnecting', 'reconnect-attempt', 'reconnected'];
    const types = rowTypes(session).filter((type) => segments.includes(type));
    assert.deepEqual(types, [
      'connecting',
      'open',
      'closed',
      'reconnecting',
      'reconnect-attempt',
      'connecting',
      'open',
      'reconnected',
    ]);
    const seqs = session.log.page(1, session.log.count).map((event) => event.seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => i + 1),
      'seqs run on without gaps',
    );
    assert.equal(session.info.messagesOut, 2, 'counters add up over the attempts');
    assert.equal(session.info.messagesIn, 2);
    assert.equal(session.status.connections, 2);
    assert.equal(session.status.attempt, 1);
  });

  it('does not reconnect after a 401 handshake, nor after a 403 in the middle of a run', async () => {
    server.mode = { refuseStatus: 401 };
    const first = open();
    assert.equal(await first.session.start(), 'closed');
    assert.equal(first.session.status.phase, 'stopped');
    assert.match(first.session.status.stoppedReason ?? '', /refused the handshake with 401/);
    assert.deepEqual(first.clock.pendingDelays, []);
    assert.equal(rowTypes(first.session).at(-1), 'reconnect-stopped');

    server.mode = { accept: true };
    const second = open();
    await second.session.start();
    server.mode = { refuseStatus: 403 };
    server.dropAll();
    await waitForPhase(second.session, 'waiting');
    second.clock.advance(500);
    await waitForPhase(second.session, 'stopped');
    assert.match(second.session.status.stoppedReason ?? '', /403/);
    assert.equal(second.session.info.state, 'closed');
    assert.equal(server.upgrades, 3);
  });

  it('does not reconnect after close 1008, but does after 1001', async () => {
    server.mode = { closeCode: 1008, reason: 'go away' };
    const refused = open();
    await refused.session.start();
    await waitForPhase(refused.session, 'stopped');
    assert.match(refused.session.status.stoppedReason ?? '', /closed the connection with 1008 \(policy violation\)/);
    assert.deepEqual(refused.clock.pendingDelays, []);

    server.mode = { closeCode: 1001 };
    const away = open();
    await away.session.start();
    await waitForPhase(away.session, 'waiting');
    assert.deepEqual(away.clock.pendingDelays, [500]);
  });

  it('stops when the user closes during the countdown, and never comes back', async () => {
    const { session, clock } = open();
    await session.start();
    server.dropAll();
    await waitForPhase(session, 'waiting');
    await session.close();
    assert.equal(session.info.state, 'closed');
    assert.equal(notes(session, 'reconnect-stopped')[0], 'Closed by the user: the session does not reconnect.');
    assert.deepEqual(clock.pendingDelays, []);
    clock.advance(60_000);
    assert.equal(server.upgrades, 1);
  });

  it('does not reconnect after the user closes an open session', async () => {
    const { session, clock } = open();
    await session.start();
    await session.close();
    assert.equal(session.status.phase, 'stopped');
    assert.deepEqual(clock.pendingDelays, []);
    assert.ok(ofType(session, 'close-frame', 'out').length === 1, 'closed normally');
  });

  it('Retry now starts the booked attempt at once; Cancel stops for good', async () => {
    const { session, clock } = open(POLICY, () => 1);
    await session.start();
    server.dropAll();
    await waitForPhase(session, 'waiting');
    assert.deepEqual(clock.pendingDelays, [1000]);
    assert.equal(session.retryNow(), true);
    assert.deepEqual(clock.pendingDelays, [], 'the wait is cancelled');
    await waitForPhase(session, 'open');
    assert.equal(server.upgrades, 2);
    assert.match(notes(session, 'reconnect-attempt')[0], /^Retrying now \(attempt 1\)/);
    assert.equal(session.retryNow(), false, 'nothing to retry while open');

    server.dropAll();
    await waitForPhase(session, 'waiting');
    assert.equal(session.status.attempt, 2, 'open only briefly: the same run goes on');
    assert.equal(session.cancelReconnect(), true);
    assert.equal(session.info.state, 'closed');
    assert.equal(
      notes(session, 'reconnect-stopped')[0],
      'Reconnecting cancelled by the user: the session stays closed.',
    );
    clock.advance(60_000);
    assert.equal(server.upgrades, 2);
  });

  it('backs off over failed attempts and gives up after maxAttempts', async () => {
    const { session, clock } = open({ ...POLICY, maxAttempts: 3 }, () => 1);
    await session.start();
    server.mode = { refuseStatus: 503 };
    server.dropAll();
    for (const wait of [1000, 2000, 4000]) {
      await waitForPhase(session, 'waiting');
      assert.deepEqual(clock.pendingDelays, [wait]);
      clock.advance(wait);
      await waitForPhase(session, 'connecting');
    }
    await waitForPhase(session, 'stopped');
    assert.equal(server.upgrades, 4);
    assert.equal(
      notes(session, 'reconnect-stopped')[0],
      "Gave up after 3 attempts in a row (the profile's maxAttempts).",
    );
    const ceilings = ofType(session, 'reconnecting').map((event) => event.meta?.reconnect?.ceilingMs);
    assert.deepEqual(ceilings, [1000, 2000, 4000]);
    assert.match(notes(session, 'reconnect-attempt')[2], /^Attempt 3 of 3 — 7 s offline so far/);
  });

  it('createSession wraps WebSocket, Engine.IO and Socket.IO sessions with a policy, not SSE or polling', async () => {
    const wrapped = createSession({ kind: 'websocket', url: server.url }, { reconnect: POLICY });
    assert.ok(wrapped.ok && wrapped.value instanceof ReconnectingSession);
    assert.equal(wrapped.value.info.reconnect?.phase, 'connecting');
    await wrapped.value.start();
    await waitForState(wrapped.value, 'open');
    await wrapped.value.close();
    wrapped.value.dispose();
    for (const kind of ['sse', 'longpoll', 'shortpoll']) {
      const plain = createSession({ kind, url: 'http://127.0.0.1:1/' }, { reconnect: POLICY });
      assert.ok(plain.ok && !(plain.value instanceof ReconnectingSession), kind);
      plain.value.dispose();
    }
    const off = createSession({ kind: 'websocket', url: server.url });
    assert.ok(off.ok && !(off.value instanceof ReconnectingSession) && off.value.info.reconnect === undefined);
    off.value.dispose();
  });
});

/** Resolves once the session has counted `count` incoming messages. */
async function waitForMessagesIn(session: ReconnectingSession, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (session.info.messagesIn < count) {
    if (Date.now() > deadline) throw new Error(`messagesIn stayed ${session.info.messagesIn}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
