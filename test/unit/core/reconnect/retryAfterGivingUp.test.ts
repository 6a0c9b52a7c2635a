/**
 * Retry now after giving up (issue 12), on a real server and the manual clock: once the policy's maxAttempts are
 * used up the session offers Retry now again, which starts a new run in the same log with the backoff reset (and
 * gives up again after maxAttempts more); after a stop the user must act on first — a 401, their own close,
 * Cancel — it is not offered and does nothing.
 */
import assert from 'node:assert/strict';
import type { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import { startFlakyWsServer, type FlakyWsServer } from '../../../fixtures/servers/flakyWsServer';
import { ofType } from '../../support/sessionEvents';
import { POLICY, reconnecting, waitForPhase, type Reconnecting } from './reconnectSupport';

const GIVE_UP_AFTER_2 = { ...POLICY, maxAttempts: 2 };

describe('ReconnectingSession: Retry now after giving up', function () {
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

  function open(policy = GIVE_UP_AFTER_2): Reconnecting {
    const fixture = reconnecting({ kind: 'websocket', url: server.url }, policy, () => 1);
    made.push(fixture);
    return fixture;
  }

  const notes = (session: ReconnectingSession, type: string): string[] =>
    ofType(session, type).map((event) => event.meta?.note ?? '');

  /** Loses the connection to a server answering 503 and lets every wait run out until the session gives up. */
  async function giveUp({ session, clock }: Reconnecting, waits: number[]): Promise<void> {
    server.mode = { refuseStatus: 503 };
    for (const wait of waits) {
      await waitForPhase(session, 'waiting');
      assert.equal(session.status.canRetryNow, true, 'offered while waiting');
      assert.deepEqual(clock.pendingDelays, [wait]);
      clock.advance(wait);
      await waitForPhase(session, 'connecting');
    }
    await waitForPhase(session, 'stopped');
  }

  it('offers Retry now once it gave up; it starts a new run with the backoff reset, in the same log', async () => {
    const fixture = open();
    const { session, clock } = fixture;
    assert.equal(await session.start(), 'open');
    server.mode = { refuseStatus: 503 };
    server.dropAll();
    await giveUp(fixture, [1000, 2000]);
    assert.match(session.status.stoppedReason ?? '', /^Gave up after 2 attempts/);
    assert.equal(session.status.canRetryNow, true, 'giving up on attempts can be retried');
    assert.equal(session.info.state, 'closed');
    assert.notEqual(session.info.closedAt, undefined);
    assert.equal(server.upgrades, 3);

    // The server still refuses: the retried run is attempt 1 (its wait skipped), then 2 with the reset ceiling.
    assert.equal(session.retryNow(), true);
    assert.equal(session.status.phase, 'connecting');
    assert.equal(session.status.attempt, 1, 'the backoff starts over');
    assert.equal(session.status.stoppedReason, undefined);
    assert.equal(session.status.canRetryNow, undefined, 'not while the attempt runs');
    assert.equal(session.info.closedAt, undefined, 'no longer closed');
    assert.equal(session.retryNow(), false, 'a second press finds the attempt under way');
    assert.match(notes(session, 'reconnect-attempt').at(-2) ?? '', /^Retrying at the user's request after giving up/);
    assert.match(notes(session, 'reconnect-attempt').at(-1) ?? '', /^Attempt 1 of 2 — \d+(\.\d)? s offline so far/);
    await giveUp(fixture, [2000]);
    assert.equal(server.upgrades, 5, 'two more attempts: the retried one and one after a wait');
    assert.equal(notes(session, 'reconnect-stopped').length, 2, 'gave up twice');
    assert.equal(session.status.canRetryNow, true);

    // Now the server is back: Retry now connects, in the same log, and the session runs on.
    server.mode = { accept: true };
    assert.equal(session.retryNow(), true);
    await waitForPhase(session, 'open');
    assert.equal(session.info.state, 'open');
    assert.equal(session.status.connections, 2);
    assert.match(notes(session, 'reconnected').at(-1) ?? '', /^Attempt 1 connected after/);
    assert.deepEqual(clock.pendingDelays, []);
    assert.ok(session.send({ kind: 'text', text: 'back' }).ok);
  });

  it('does not offer Retry now after a 401, the user closing, Cancel, or dispose', async () => {
    server.mode = { refuseStatus: 401 };
    const refused = open();
    assert.equal(await refused.session.start(), 'closed');
    assert.equal(refused.session.status.canRetryNow, undefined);
    assert.equal(refused.session.retryNow(), false);
    assert.equal(refused.session.status.phase, 'stopped');

    server.mode = { accept: true };
    const closedByUser = open();
    await closedByUser.session.start();
    await closedByUser.session.close();
    assert.equal(closedByUser.session.status.canRetryNow, undefined);
    assert.equal(closedByUser.session.retryNow(), false);

    const cancelled = open();
    await cancelled.session.start();
    server.dropAll();
    await waitForPhase(cancelled.session, 'waiting');
    assert.equal(cancelled.session.cancelReconnect(), true);
    assert.equal(cancelled.session.status.canRetryNow, undefined);
    assert.equal(cancelled.session.retryNow(), false);
    assert.equal(server.upgrades, 3, 'none of them tried again');

    const disposed = open({ ...POLICY, maxAttempts: 1 });
    await disposed.session.start();
    server.mode = { refuseStatus: 503 };
    server.dropAll();
    await waitForPhase(disposed.session, 'waiting');
    disposed.clock.advance(1000);
    await waitForPhase(disposed.session, 'stopped');
    assert.equal(disposed.session.status.canRetryNow, true);
    disposed.session.dispose();
    assert.equal(disposed.session.retryNow(), false, 'nothing starts after dispose');
    assert.equal(server.upgrades, 5);
  });
});
