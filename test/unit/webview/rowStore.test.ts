import * as assert from 'node:assert/strict';
import type { EventRowDto } from '../../../src/shared/dto';
import { FilteredRows, rowMatches } from '../../../src/webview/rowFilter';
import { MemoryRowStore, findSeq } from '../../../src/webview/rowStore';

function row(seq: number, preview = `msg ${seq}`, type = 'frame', layer = 'ws'): EventRowDto {
  return {
    seq,
    time: 0,
    elapsed: 0,
    direction: 'in',
    layer,
    type,
    size: preview.length,
    preview,
    isError: false,
    binary: false,
  };
}
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));

describe('webview MemoryRowStore', () => {
  it('appends in order and finds rows by seq', () => {
    const store = new MemoryRowStore();
    store.reset(rows(1, 3), 3);
    const result = store.append(rows(4, 5), 5);
    assert.equal(store.count, 5);
    assert.equal(store.hostTotal, 5);
    assert.deepEqual(
      result.added.map((r) => r.seq),
      [4, 5],
    );
    assert.equal(store.getBySeq(4)?.seq, 4);
    assert.equal(store.getBySeq(42), undefined);
    assert.equal(store.indexOfSeq(5), 4);
    assert.equal(store.at(0)?.seq, 1);
  });

  it('ignores rows not newer than the last (a batch overlapping the snapshot)', () => {
    const store = new MemoryRowStore();
    store.reset(rows(1, 3), 3);
    const result = store.append(rows(2, 4), 4);
    assert.deepEqual(
      result.added.map((r) => r.seq),
      [4],
    );
    assert.equal(store.count, 4);
  });

  it('keeps only the newest rows, dropping a chunk at a time', () => {
    const store = new MemoryRowStore(10);
    store.reset(rows(1, 10), 10);
    const result = store.append([row(11)], 11);
    assert.equal(result.evicted, 2); // 11 - 10 over, plus a tenth of 10
    assert.equal(store.count, 9);
    assert.equal(store.at(0)?.seq, 3);
    assert.equal(store.hostTotal, 11);
  });

  it('reset replaces everything', () => {
    const store = new MemoryRowStore();
    store.reset(rows(1, 5), 5);
    store.reset(rows(100, 101), 200);
    assert.equal(store.count, 2);
    assert.equal(store.hostTotal, 200);
    assert.equal(store.getBySeq(1), undefined);
  });

  it('findSeq works on gaps', () => {
    const list = [row(2), row(5), row(9)];
    assert.equal(findSeq(list, 5), 1);
    assert.equal(findSeq(list, 9), 2);
    assert.equal(findSeq(list, 6), -1);
    assert.equal(findSeq([], 1), -1);
  });
});

describe('webview FilteredRows', () => {
  it('passes the store through without a query', () => {
    const store = new MemoryRowStore();
    store.reset(rows(1, 3), 3);
    const view = new FilteredRows(store);
    assert.equal(view.count, 3);
    assert.equal(view.at(2)?.seq, 3);
    assert.deepEqual(view.noteAppended(store.append([row(4)], 4)), { added: 1, removedFromStart: 0 });
  });

  it('matches preview, type or layer, case-insensitively', () => {
    assert.equal(rowMatches(row(1, 'Hello World'), 'world'), true);
    assert.equal(rowMatches(row(1, 'x', 'handshake-request'), 'handshake'), true);
    assert.equal(rowMatches(row(1, 'x', 'frame', 'HTTP'), 'http'), true);
    assert.equal(rowMatches(row(1, 'x'), 'nope'), false);
  });

  it('filters held rows and follows appends', () => {
    const store = new MemoryRowStore();
    store.reset([row(1, 'ping'), row(2, 'hello'), row(3, 'PING again')], 3);
    const view = new FilteredRows(store);
    view.setQuery('  Ping ');
    assert.equal(view.count, 2);
    assert.equal(view.indexOfSeq(3), 1);
    assert.equal(view.indexOfSeq(2), -1);
    const change = view.noteAppended(store.append([row(4, 'pong'), row(5, 'ping 5')], 5));
    assert.deepEqual(change, { added: 1, removedFromStart: 0 });
    assert.deepEqual([view.at(0)?.seq, view.at(1)?.seq, view.at(2)?.seq], [1, 3, 5]);
    view.setQuery('');
    assert.equal(view.count, 5);
  });

  it('drops matches the store evicted', () => {
    const store = new MemoryRowStore(4);
    store.reset([row(1, 'zz'), row(2, 'b'), row(3, 'zz'), row(4, 'zz')], 4);
    const view = new FilteredRows(store);
    view.setQuery('zz');
    const change = view.noteAppended(store.append([row(5, 'zz')], 5));
    // 5 rows > 4: drops the 1 over, plus a tenth of 4 (rounded down: 0), so only seq 1 goes.
    assert.equal(store.at(0)?.seq, 2);
    assert.deepEqual(change, { added: 1, removedFromStart: 1 });
    assert.deepEqual([view.at(0)?.seq, view.count], [3, 3]);
  });

  it('rebuild follows a store reset', () => {
    const store = new MemoryRowStore();
    const view = new FilteredRows(store);
    view.setQuery('x');
    store.reset([row(1, 'x'), row(2, 'y')], 2);
    view.rebuild();
    assert.equal(view.count, 1);
  });
});
