/**
 * The reconnect countdown's redraws (issue 12 review), on the manual clock: the number shown is the number due
 * at every moment of the wait (give or take the 10 ms margin after each second boundary) — a ticker started
 * whenever the wait began and firing once a second showed a number up to a second stale — with one timer at a
 * time, none once the session no longer waits, and none after dispose.
 */
import assert from 'node:assert/strict';
import type { ReconnectStatusDto } from '../../../../src/shared/dto';
import { CountdownTicker, countdownText, msUntilCountdownChanges } from '../../../../src/shared/reconnectCountdown';
import { ManualClock } from '../../support/manualClock';

const WAITING_BASE = { phase: 'waiting' as const, attempt: 2, connections: 1, policy: '' };

describe('Reconnect countdown redraws', () => {
  it('books the redraw for when the number drops', () => {
    assert.equal(msUntilCountdownChanges(10_000, 5_800), 210, '4.2 s left shows 5 s; 4 s from 0.2 s on');
    assert.equal(msUntilCountdownChanges(10_000, 7_000), 1_010, '3 s left exactly: 2 s shown a second later');
    assert.equal(msUntilCountdownChanges(10_000, 11_000), 1_000, 'due: once a second');
  });

  it('shows the number due at every moment of a 4.2 s wait, one timer at a time', () => {
    const clock = new ManualClock();
    const status: ReconnectStatusDto = { ...WAITING_BASE, nextAttemptAt: clock.now() + 4_200, delayMs: 4_200 };
    let shown = countdownText(status, clock.now());
    const ticker = new CountdownTicker(clock, () => (shown = countdownText(status, clock.now())));
    ticker.follow(status);
    let stale = 0;
    clock.advance(25);
    for (let step = 0; step < 4_200 / 50 - 1; step++) {
      clock.advance(50);
      assert.ok(clock.pendingDelays.length <= 1, 'never two redraws booked');
      if (shown !== countdownText(status, clock.now())) stale++;
    }
    // Only a sample inside the 10 ms margin after a boundary may be behind: none on this grid (25 ms off them).
    assert.equal(stale, 0);
    assert.equal(shown, 'reconnecting in 1 s (attempt 2)');
    clock.advance(200);
    assert.equal(shown, 'reconnecting in 0 s (attempt 2)');
  });

  it('stops when the session no longer waits, and for good once disposed', () => {
    const clock = new ManualClock();
    const ticker = new CountdownTicker(clock, () => undefined);
    const waiting: ReconnectStatusDto = { ...WAITING_BASE, nextAttemptAt: clock.now() + 30_000 };
    ticker.follow(waiting);
    assert.equal(ticker.ticking, true);
    ticker.follow({ ...WAITING_BASE, phase: 'connecting' });
    assert.equal(ticker.ticking, false);
    assert.deepEqual(clock.pendingDelays, []);
    ticker.follow(waiting);
    ticker.dispose();
    assert.deepEqual(clock.pendingDelays, [], 'dispose clears the booked redraw');
    ticker.follow(waiting);
    assert.deepEqual(clock.pendingDelays, [], 'nothing is booked after dispose');
  });
});
