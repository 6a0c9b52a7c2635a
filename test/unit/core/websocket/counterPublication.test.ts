/**
 * Issue #9: a session's message and byte counters are published on a timer, never once per message, and
 * a state change still tells listeners at once (with the counters as they are).
 */
import assert from 'node:assert/strict';
import type { Clock } from '../../../../src/core/clock';
import { COUNTER_PUBLISH_MS, LiveSessionFacts } from '../../../../src/core/websocket/sessionContext';

/** A clock whose timers fire only in `advance`. */
class ManualClock implements Clock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private time = 0;
  private nextId = 1;
  now = (): number => 1_700_000_000_000 + this.time;
  mono = (): number => this.time;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.time) continue;
      this.timers.delete(id);
      timer.fn();
    }
  }
}

describe('LiveSessionFacts counters (issue #9)', () => {
  it('publishes a thousand messages as one change, after COUNTER_PUBLISH_MS', () => {
    const clock = new ManualClock();
    const facts = new LiveSessionFacts('ws://x', clock);
    const seen: number[] = [];
    facts.onDidChange((info) => seen.push(info.messagesIn));
    for (let i = 0; i < 1000; i++) facts.countIncoming(10);
    facts.countOutgoing(5);
    assert.deepEqual(seen, [], 'no change per message');
    assert.equal(clock.pending, 1, 'one publication booked');
    clock.advance(COUNTER_PUBLISH_MS);
    assert.deepEqual(seen, [1000]);
    assert.equal(facts.info.bytesIn, 10_000);
    assert.equal(facts.info.messagesOut, 1);
  });

  it('a state change tells at once and takes the booked publication with it; closed books none', () => {
    const clock = new ManualClock();
    const facts = new LiveSessionFacts('ws://x', clock);
    const seen: string[] = [];
    facts.onDidChange((info) => seen.push(`${info.state}:${info.messagesIn}`));
    facts.countIncoming(1);
    facts.setState('closing');
    assert.deepEqual(seen, ['closing:1']);
    assert.equal(clock.pending, 0, 'the counters went out with the state');
    facts.closed('done');
    facts.fireChanged();
    facts.countIncoming(1);
    assert.equal(clock.pending, 0, 'nothing is booked once closed');
    facts.dispose();
  });
});
