import assert from 'node:assert/strict';
import { isMoving, TrafficRates } from '../../../../src/host/panel/trafficRates';

const counters = (messagesIn: number, bytesIn: number, messagesOut = 0, bytesOut = 0) => ({
  messagesIn,
  bytesIn,
  messagesOut,
  bytesOut,
});

describe('TrafficRates (issue #9)', () => {
  it('measures messages and bytes per second each way over the last second', () => {
    const rates = new TrafficRates(1000);
    rates.sample(0, counters(0, 0));
    rates.sample(500, counters(50, 5000, 5, 100));
    const r = rates.sample(1000, counters(100, 10_000, 10, 200));
    assert.deepEqual(r, { messagesInPerSec: 100, bytesInPerSec: 10_000, messagesOutPerSec: 10, bytesOutPerSec: 200 });
    const later = rates.sample(1500, counters(110, 11_000, 10, 200));
    assert.equal(later.messagesInPerSec, 60, 'from the sample at 500 ms: 60 messages in one second');
  });

  it('falls to zero once traffic stops', () => {
    const rates = new TrafficRates(1000);
    rates.sample(0, counters(0, 0));
    rates.sample(100, counters(10, 10));
    assert.equal(isMoving(rates.sample(2000, counters(10, 10))), false);
  });

  it('divides by the time really covered: counters noted while the panel was hidden are not bunched', () => {
    const rates = new TrafficRates(1000);
    rates.sample(0, counters(0, 0));
    for (let t = 100; t <= 5000; t += 10) rates.note(t, counters(t / 10, t));
    const r = rates.sample(5000, counters(500, 5000));
    assert.equal(r.messagesInPerSec, 100, '100 messages a second, not five seconds of them in one');
    assert.equal(r.bytesInPerSec, 1000);
  });

  it('is zero at the first sample', () => {
    assert.equal(isMoving(new TrafficRates().sample(5, counters(3, 3))), false);
  });
});
