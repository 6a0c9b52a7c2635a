/**
 * RowBatcher with a hand-driven timer: at most one flush per interval, chunks of at most the limit,
 * nothing posted per item, clear() and dispose() stop everything.
 */
import assert from 'node:assert/strict';
import { RowBatcher, type BatchTimer } from '../../../../src/host/panel/rowBatcher';

/** A fake timer: records scheduled callbacks and runs them on demand. */
function fakeTimer(): BatchTimer & { pending: Array<{ fn: () => void; ms: number }>; fire(): void } {
  const pending: Array<{ fn: () => void; ms: number; cleared?: boolean }> = [];
  return {
    pending,
    setTimeout: (fn, ms) => {
      const entry = { fn, ms };
      pending.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      const index = pending.indexOf(handle as { fn: () => void; ms: number });
      if (index >= 0) pending.splice(index, 1);
    },
    fire() {
      const entry = pending.shift();
      assert.ok(entry, 'a timer is pending');
      entry.fn();
    },
  };
}

function setup(maxPerChunk = 3) {
  const timer = fakeTimer();
  const chunks: number[][] = [];
  const batcher = new RowBatcher<number>({ intervalMs: 50, maxPerChunk, timer, flush: (chunk) => chunks.push(chunk) });
  return { timer, chunks, batcher };
}

describe('RowBatcher', () => {
  it('delivers nothing until the timer fires, then everything queued, in order', () => {
    const { timer, chunks, batcher } = setup(10);
    for (let i = 1; i <= 5; i++) batcher.push(i);
    assert.deepEqual(chunks, []);
    assert.equal(timer.pending.length, 1, 'one timer for the whole burst');
    assert.equal(timer.pending[0].ms, 50);
    timer.fire();
    assert.deepEqual(chunks, [[1, 2, 3, 4, 5]]);
    assert.equal(batcher.size, 0);
  });

  it('splits a large flush into chunks of at most maxPerChunk, back to back', () => {
    const { timer, chunks, batcher } = setup(3);
    for (let i = 1; i <= 8; i++) batcher.push(i);
    timer.fire();
    assert.deepEqual(chunks, [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it('schedules the next flush only when new items arrive', () => {
    const { timer, chunks, batcher } = setup();
    batcher.push(1);
    timer.fire();
    assert.equal(timer.pending.length, 0);
    batcher.push(2);
    assert.equal(timer.pending.length, 1);
    timer.fire();
    assert.deepEqual(chunks, [[1], [2]]);
  });

  it('clear() drops queued items and cancels the timer', () => {
    const { timer, chunks, batcher } = setup();
    batcher.push(1);
    batcher.clear();
    assert.equal(timer.pending.length, 0);
    batcher.push(2);
    timer.fire();
    assert.deepEqual(chunks, [[2]]);
  });

  it('flushNow() delivers at once', () => {
    const { timer, chunks, batcher } = setup();
    batcher.push(1);
    batcher.flushNow();
    assert.deepEqual(chunks, [[1]]);
    assert.equal(timer.pending.length, 0);
  });

  it('ignores pushes after dispose()', () => {
    const { timer, chunks, batcher } = setup();
    batcher.push(1);
    batcher.dispose();
    batcher.push(2);
    assert.equal(timer.pending.length, 0);
    assert.deepEqual(chunks, []);
  });

  it('keeps going when a flush callback throws', () => {
    const timer = fakeTimer();
    const errors: unknown[] = [];
    const seen: number[][] = [];
    const batcher = new RowBatcher<number>({
      intervalMs: 50,
      maxPerChunk: 1,
      timer,
      flush: (chunk) => {
        seen.push(chunk);
        if (chunk[0] === 1) throw new Error('post failed');
      },
      onFlushError: (e) => errors.push(e),
    });
    batcher.push(1);
    batcher.push(2);
    timer.fire();
    assert.deepEqual(seen, [[1], [2]]);
    assert.equal(errors.length, 1);
  });
});
