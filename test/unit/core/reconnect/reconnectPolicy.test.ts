/**
 * The reconnect policy (issue 12): reading a profile's setting, the full-jitter backoff (bounds, doubling, cap,
 * reset after a stable connection, maxAttempts) and the outcomes after which a session does not reconnect.
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import {
  backoffCeilingMs,
  jitteredDelayMs,
  MIN_WAIT_MS,
  ReconnectBackoff,
} from '../../../../src/core/reconnect/reconnectBackoff';
import { DEFAULT_RECONNECT_POLICY, readReconnectSetting } from '../../../../src/core/reconnect/reconnectPolicy';
import { countdownText } from '../../../../src/shared/reconnectCountdown';
import { AttemptFactsCollector, stopReason } from '../../../../src/core/reconnect/terminalOutcomes';

const policy = { initialDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

function row(meta: LogEvent['meta'], type = 'closed'): LogEvent {
  return { seq: 1, time: 0, mono: 0, direction: 'local', layer: 'ws', type, size: 0, meta };
}

describe('reconnect policy', () => {
  describe('reading a profile setting', () => {
    it('is off when absent, "off" or enabled false; an object is on, with the defaults filled in', () => {
      assert.deepEqual(readReconnectSetting(undefined), { issues: [] });
      assert.deepEqual(readReconnectSetting('off'), { issues: [] });
      assert.equal(readReconnectSetting({ enabled: false }).policy, undefined);
      assert.deepEqual(readReconnectSetting({}).policy, DEFAULT_RECONNECT_POLICY);
      assert.deepEqual(readReconnectSetting({ enabled: true, maxAttempts: 5, initialDelayMs: 500 }).policy, {
        ...DEFAULT_RECONNECT_POLICY,
        initialDelayMs: 500,
        maxAttempts: 5,
      });
    });

    it('refuses wrong types, numbers out of range, a maximum below the initial delay; warns of unknown fields', () => {
      for (const bad of ['on', 3, [], null, { initialDelayMs: 0 }, { maxDelayMs: 1.5 }, { resetAfterMs: 2 ** 31 }]) {
        const reading = readReconnectSetting(bad);
        assert.equal(reading.policy, undefined, JSON.stringify(bad));
        assert.ok(
          reading.issues.some((issue) => issue.severity === 'error'),
          JSON.stringify(bad),
        );
      }
      const inverted = readReconnectSetting({ initialDelayMs: 5000, maxDelayMs: 1000 });
      assert.deepEqual(
        inverted.issues.map((issue) => issue.field),
        ['maxDelayMs'],
      );
      assert.deepEqual(readReconnectSetting({ enabled: 'yes' }).issues[0]?.field, 'enabled');
      const unknown = readReconnectSetting({ jitter: 'full' });
      assert.ok(unknown.policy, 'an unknown field is only a warning');
      assert.deepEqual(unknown.issues, [
        { field: 'jitter', message: '"jitter" is not a field of reconnect; it is ignored.', severity: 'warning' },
      ]);
    });
  });

  describe('backoff with full jitter', () => {
    it('doubles the ceiling from the initial delay and caps it at the maximum', () => {
      const ceilings = [0, 1, 2, 3, 4, 5, 6, 40].map((failures) => backoffCeilingMs(policy, failures));
      assert.deepEqual(ceilings, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    });

    it('draws each wait from [floor, ceiling], whatever the random source returns', () => {
      assert.equal(
        jitteredDelayMs(8000, () => 0),
        MIN_WAIT_MS,
      );
      assert.equal(
        jitteredDelayMs(8000, () => 0.5),
        4000,
      );
      assert.equal(
        jitteredDelayMs(8000, () => 0.999_999),
        8000,
      );
      for (const broken of [NaN, -1, 7, Infinity]) {
        const delay = jitteredDelayMs(8000, () => broken);
        assert.ok(delay >= MIN_WAIT_MS && delay <= 8000, `${broken} gave ${delay}`);
      }
    });

    it('counts attempts in a row and waits below a doubling ceiling each time', () => {
      const backoff = new ReconnectBackoff(policy, () => 0.5);
      const plans = [1, 2, 3, 4, 5, 6, 7].map(() => backoff.next());
      assert.deepEqual(
        plans.map((plan) => [plan.attempt, plan.ceilingMs, plan.delayMs]),
        [
          [1, 1000, 500],
          [2, 2000, 1000],
          [3, 4000, 2000],
          [4, 8000, 4000],
          [5, 16_000, 8000],
          [6, 30_000, 15_000],
          [7, 30_000, 15_000],
        ],
      );
    });

    it('starts a new run only after a connection stayed open for resetAfterMs', () => {
      const backoff = new ReconnectBackoff(policy, () => 1);
      backoff.next();
      backoff.next();
      backoff.lost(59_999);
      assert.deepEqual(backoff.next(), { attempt: 3, ceilingMs: 4000, delayMs: 4000 }, 'open 59.999 s: same run');
      backoff.lost(undefined);
      assert.equal(backoff.next().attempt, 4, 'an attempt that never opened: same run');
      backoff.lost(60_000);
      assert.deepEqual(backoff.next(), { attempt: 1, ceilingMs: 1000, delayMs: 1000 }, 'open 60 s: a new run');
    });

    it('is exhausted after maxAttempts attempts in a row, and never without a limit', () => {
      const limited = new ReconnectBackoff({ ...policy, maxAttempts: 2 });
      limited.next();
      assert.equal(limited.exhausted, false);
      limited.next();
      assert.equal(limited.exhausted, true);
      const unlimited = new ReconnectBackoff(policy);
      for (let i = 0; i < 100; i++) unlimited.next();
      assert.equal(unlimited.exhausted, false);
    });
  });

  describe('outcomes that stop reconnecting', () => {
    it('a 401 or 403 answer before the attempt opened', () => {
      for (const status of [401, 403]) {
        const collector = new AttemptFactsCollector();
        collector.observe(row({ response: { status } }, 'handshake-response'), false);
        assert.match(stopReason(collector.facts) ?? '', new RegExp(`refused the handshake with ${status}`));
      }
      const later = new AttemptFactsCollector();
      later.observe(row({ response: { status: 403 } }, 'poll-response'), true);
      const other = new AttemptFactsCollector();
      other.observe(row({ response: { status: 404 } }, 'handshake-response'), false);
      assert.equal(stopReason(later.facts), undefined, 'a 403 after the open is not the handshake');
      assert.equal(stopReason(other.facts), undefined, 'a 404 may be a server still starting');
    });

    it('close codes 1002, 1003, 1007 and 1008 either way, not 1000, 1001, 1006 or 1011', () => {
      for (const code of [1002, 1003, 1007, 1008]) {
        const fromServer = new AttemptFactsCollector();
        fromServer.observe(row({ close: { wireCode: code, initiator: 'server' } }), true);
        assert.match(stopReason(fromServer.facts) ?? '', new RegExp(`server closed the connection with ${code}`));
        const fromUs = new AttemptFactsCollector();
        fromUs.observe(row({ close: { sentCode: code, initiator: 'client' } }), true);
        assert.match(stopReason(fromUs.facts) ?? '', new RegExp(`closed with ${code}`));
      }
      for (const code of [1000, 1001, 1006, 1011, 4000]) {
        const collector = new AttemptFactsCollector();
        collector.observe(row({ close: { wireCode: code, localCode: code } }), true);
        assert.equal(stopReason(collector.facts), undefined, String(code));
      }
    });
  });

  it('counts down in whole seconds, only while waiting', () => {
    const base = { connections: 1, policy: '' };
    const waiting = { ...base, phase: 'waiting' as const, attempt: 3, nextAttemptAt: 10_000 };
    assert.equal(countdownText(waiting, 6_100), 'reconnecting in 4 s (attempt 3)');
    assert.equal(countdownText({ ...waiting, maxAttempts: 5 }, 12_000), 'reconnecting in 0 s (attempt 3 of 5)');
    assert.equal(countdownText({ ...base, phase: 'connecting', attempt: 3 }, 0), 'reconnecting (attempt 3)');
    assert.equal(
      countdownText({ ...waiting, nextAttemptAt: 1_040_000 }, 10_000),
      'reconnecting in 17 min 10 s (attempt 3)',
    );
    assert.equal(countdownText({ ...base, phase: 'open', attempt: 0 }, 0), undefined);
  });
});
