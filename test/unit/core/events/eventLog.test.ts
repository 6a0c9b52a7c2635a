/**
 * The in-memory event log (seq from 1, no gaps; get/page), the Emitter behind onAppend, and
 * DisposableStore / toDisposable.
 */
import assert from 'node:assert/strict';
import { DisposableStore, toDisposable, type Disposable } from '../../../../src/core/disposable';
import { Emitter } from '../../../../src/core/emitter';
import type { LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';

const event = (note: string): NewLogEvent => ({
  time: 1_700_000_000_000,
  mono: 1,
  direction: 'local',
  layer: 'ws',
  type: 'connecting',
  size: 0,
  meta: { note },
});

function logWith(n: number): MemoryEventLog {
  const log = new MemoryEventLog();
  for (let i = 1; i <= n; i++) log.append(event(`e${i}`));
  return log;
}

const seqs = (events: LogEvent[]): number[] => events.map((e) => e.seq);

describe('eventLog', () => {
  describe('MemoryEventLog', () => {
    it('assigns seq from 1 without gaps and counts appends', () => {
      const log = new MemoryEventLog();
      assert.equal(log.count, 0);
      const stored = [log.append(event('a')), log.append(event('b')), log.append(event('c'))];
      assert.deepEqual(seqs(stored), [1, 2, 3]);
      assert.equal(log.count, 3);
      assert.deepEqual(
        stored.map((e) => e.meta?.note),
        ['a', 'b', 'c'],
      );
    });

    it("stores a copy with the seq, leaving the caller's object without one", () => {
      const log = new MemoryEventLog();
      const input = event('a');
      const stored = log.append(input);
      assert.equal('seq' in input, false);
      assert.notEqual(stored, input);
      assert.equal(log.get(1), stored);
    });

    it('get returns the event with that seq', () => {
      const log = logWith(3);
      assert.equal(log.get(1)?.meta?.note, 'e1');
      assert.equal(log.get(3)?.meta?.note, 'e3');
      assert.equal(log.get(3)?.seq, 3);
    });

    it('get returns undefined for 0, negative, past the end, fractional, NaN', () => {
      const log = logWith(3);
      for (const seq of [0, -1, 4, 1000, 1.5, 2.0001, NaN, Infinity, -Infinity])
        assert.equal(log.get(seq), undefined, String(seq));
    });

    it('page returns up to limit events from fromSeq, in order', () => {
      const log = logWith(10);
      assert.deepEqual(seqs(log.page(1, 3)), [1, 2, 3]);
      assert.deepEqual(seqs(log.page(4, 3)), [4, 5, 6]);
      assert.deepEqual(seqs(log.page(9, 5)), [9, 10], 'short last page');
      assert.deepEqual(seqs(log.page(1, 100)), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('page past the end, with limit 0 or a negative limit is empty', () => {
      const log = logWith(3);
      assert.deepEqual(log.page(4, 10), []);
      assert.deepEqual(log.page(100, 10), []);
      assert.deepEqual(log.page(1, 0), []);
      assert.deepEqual(log.page(1, -5), []);
      assert.deepEqual(new MemoryEventLog().page(1, 10), []);
    });

    it('page from 0 or a negative seq starts at seq 1', () => {
      const log = logWith(3);
      assert.deepEqual(seqs(log.page(0, 2)), [1, 2]);
      assert.deepEqual(seqs(log.page(-10, 2)), [1, 2]);
    });

    it('page with a fractional limit returns at most that many events', () => {
      const log = logWith(5);
      assert.deepEqual(seqs(log.page(1, 2.9)), [1, 2]);
      assert.deepEqual(seqs(log.page(1, 0.5)), []);
    });

    it('page with NaN arguments returns nothing rather than throwing', () => {
      const log = logWith(3);
      assert.deepEqual(log.page(NaN, 2), []);
      assert.deepEqual(log.page(1, NaN), []);
    });

    it('page with a fractional fromSeq returns only events with seq ≥ fromSeq', () => {
      const log = logWith(5);
      assert.deepEqual(seqs(log.page(2.5, 10)), [3, 4, 5]);
      assert.deepEqual(seqs(log.page(0.5, 1)), [1]);
    });

    it('onAppend is called synchronously with the stored event', () => {
      const log = new MemoryEventLog();
      const seen: LogEvent[] = [];
      log.onAppend((e) => seen.push(e));
      const stored = log.append(event('a'));
      assert.deepEqual(seen, [stored]);
      assert.equal(seen[0], stored);
    });

    it('disposing an onAppend registration removes exactly that listener', () => {
      const log = new MemoryEventLog();
      const calls: string[] = [];
      const a = log.onAppend(() => calls.push('a'));
      log.onAppend(() => calls.push('b'));
      log.append(event('1'));
      a.dispose();
      log.append(event('2'));
      assert.deepEqual(calls, ['a', 'b', 'b']);
    });

    it('the same function added twice is two registrations, each removed by its own disposer', () => {
      const log = new MemoryEventLog();
      let calls = 0;
      const listener = (): void => {
        calls++;
      };
      const first = log.onAppend(listener);
      const second = log.onAppend(listener);
      log.append(event('1'));
      assert.equal(calls, 2);
      first.dispose();
      log.append(event('2'));
      assert.equal(calls, 3);
      first.dispose();
      log.append(event('3'));
      assert.equal(calls, 4, 'disposing the first twice does not remove the second');
      second.dispose();
      log.append(event('4'));
      assert.equal(calls, 4);
    });

    it('a throwing listener does not stop the others, nor the append', () => {
      const log = new MemoryEventLog();
      const calls: string[] = [];
      log.onAppend(() => calls.push('before'));
      log.onAppend(() => {
        throw new Error('listener failure');
      });
      log.onAppend(() => calls.push('after'));
      let stored: LogEvent | undefined;
      assert.doesNotThrow(() => {
        stored = log.append(event('a'));
      });
      assert.equal(stored?.seq, 1);
      assert.equal(log.count, 1);
      assert.deepEqual(calls, ['before', 'after']);
    });

    it('dispose removes all listeners; the events stay readable', () => {
      const log = new MemoryEventLog();
      let calls = 0;
      log.onAppend(() => {
        calls++;
      });
      log.append(event('a'));
      log.dispose();
      log.append(event('b'));
      assert.equal(calls, 1);
      assert.equal(log.get(1)?.meta?.note, 'a');
    });
  });

  describe('Emitter', () => {
    it('passes the fired value to every listener in registration order', () => {
      const emitter = new Emitter<number>();
      const seen: string[] = [];
      emitter.on((v) => seen.push(`a${v}`));
      emitter.on((v) => seen.push(`b${v}`));
      emitter.fire(1);
      emitter.fire(2);
      assert.deepEqual(seen, ['a1', 'b1', 'a2', 'b2']);
    });

    it("sends a listener's error to onListenerError and keeps calling the others", () => {
      const errors: unknown[] = [];
      const emitter = new Emitter<number>((e) => errors.push(e));
      const boom = new Error('boom');
      let after = 0;
      emitter.on(() => {
        throw boom;
      });
      emitter.on(() => {
        after++;
      });
      emitter.fire(1);
      assert.deepEqual(errors, [boom]);
      assert.equal(after, 1);
    });

    it('a listener added while firing is not called for that value', () => {
      const emitter = new Emitter<number>();
      const seen: number[] = [];
      emitter.on(() => {
        emitter.on((v) => seen.push(v));
      });
      emitter.fire(1);
      assert.deepEqual(seen, []);
      emitter.fire(2);
      assert.deepEqual(seen, [2]);
    });
  });

  describe('DisposableStore', () => {
    it('disposes its items in reverse order, once', () => {
      const store = new DisposableStore();
      const order: string[] = [];
      for (const name of ['a', 'b', 'c']) store.add({ dispose: () => order.push(name) });
      store.dispose();
      assert.deepEqual(order, ['c', 'b', 'a']);
      store.dispose();
      assert.deepEqual(order, ['c', 'b', 'a'], 'a second dispose does nothing');
    });

    it('add returns the item it was given', () => {
      const store = new DisposableStore();
      const item = { dispose: () => undefined, extra: 42 };
      assert.equal(store.add(item), item);
    });

    it('disposes an item added after dispose immediately, and only once', () => {
      const store = new DisposableStore();
      store.dispose();
      let disposed = 0;
      const item: Disposable = {
        dispose: () => {
          disposed++;
        },
      };
      assert.equal(store.add(item), item);
      assert.equal(disposed, 1);
      store.dispose();
      assert.equal(disposed, 1);
    });

    it('does not dispose anything before dispose is called', () => {
      const store = new DisposableStore();
      let disposed = 0;
      store.add({
        dispose: () => {
          disposed++;
        },
      });
      assert.equal(disposed, 0);
    });
  });

  describe('toDisposable', () => {
    it('runs the function on the first dispose only', () => {
      let runs = 0;
      const d = toDisposable(() => {
        runs++;
      });
      assert.equal(runs, 0);
      d.dispose();
      d.dispose();
      assert.equal(runs, 1);
    });
  });
});
