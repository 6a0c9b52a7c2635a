import * as assert from 'node:assert/strict';
import type { EventRowDto } from '../../../src/shared/dto';
import { PageCache } from '../../../src/webview/pageCache';

const row = (seq: number, over: Partial<EventRowDto> = {}): EventRowDto => ({
  seq,
  time: 0,
  elapsed: 0,
  direction: 'in',
  layer: 'ws',
  type: 'message',
  size: 0,
  preview: '',
  isError: false,
  binary: false,
  ...over,
});
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i + 1));

describe('webview PageCache (issue #9)', () => {
  it('stores rows by position across pages and reads them back', () => {
    const cache = new PageCache(10, 4);
    cache.put(5, rows(5, 10));
    assert.equal(cache.get(5)?.seq, 6);
    assert.equal(cache.get(14)?.seq, 15);
    assert.equal(cache.get(15), undefined);
    assert.deepEqual(cache.pageNumbers, [0, 1]);
  });

  it('lists the missing pages of a range once each', () => {
    const cache = new PageCache(10, 4);
    cache.put(10, rows(10, 10));
    assert.deepEqual(cache.missingPages(0, 40), [0, 2, 3]);
    assert.deepEqual(cache.missingPages(10, 20), []);
    cache.put(20, rows(20, 3));
    assert.deepEqual(cache.missingPages(20, 23), [], 'a partial tail page covers what exists');
    assert.deepEqual(cache.missingPages(20, 25), [2], 'rows appended since are missing');
  });

  it('holds at most maxPages pages, dropping the least recently used, never those on screen', () => {
    const cache = new PageCache(10, 3);
    for (let page = 0; page < 3; page++) cache.put(page * 10, rows(page * 10, 10));
    cache.touch(0, 10);
    cache.put(30, rows(30, 10));
    assert.deepEqual(cache.pageNumbers, [2, 0, 3], 'page 1 was the least recently used');
    cache.put(40, rows(40, 10), { first: 15, end: 35 });
    assert.ok(cache.pageNumbers.includes(3), 'pinned page kept');
    assert.ok(cache.size <= 4 * 10);
  });

  it('never holds more than a few pages while scrolling through a million rows', () => {
    const cache = new PageCache(200, 8);
    for (let from = 0; from < 1_000_000; from += 200) cache.put(from, rows(from, 200), { first: from, end: from + 40 });
    assert.ok(cache.size <= 8 * 200, `${cache.size}`);
    assert.equal(cache.get(999_999)?.seq, 1_000_000);
  });

  it('finds a held seq, trims what the log let go, and marks a parent when its child arrives', () => {
    const cache = new PageCache(10, 4);
    cache.put(0, rows(0, 20));
    assert.equal(cache.positionOfSeq(13), 12);
    assert.equal(cache.positionOfSeq(99), -1);
    cache.trimBefore(12);
    assert.deepEqual(cache.pageNumbers, [1]);
    assert.equal(cache.get(11), undefined);
    assert.equal(cache.get(12)?.seq, 13);
    cache.noteChild(13);
    assert.equal(cache.get(12)?.hasChildren, true);
  });
});
