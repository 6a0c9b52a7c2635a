import * as assert from 'node:assert/strict';
import type { EventRowDto } from '../../../src/shared/dto';
import { FoldState } from '../../../src/webview/foldState';
import { PagedRows } from '../../../src/webview/pagedRows';
import {
  foldKeyAction,
  nextRowIndex,
  pageRows,
  rowKeyAction,
  type NavigationContext,
} from '../../../src/webview/rowNavigation';

const at = (current: number, over: Partial<NavigationContext> = {}): NavigationContext => ({
  current,
  count: 100,
  firstOnScreen: 40,
  pageRows: 10,
  ...over,
});
const press = (key: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('webview rowNavigation', () => {
  it('arrows move one row from the selection', () => {
    assert.equal(nextRowIndex('ArrowDown', at(5)), 6);
    assert.equal(nextRowIndex('ArrowUp', at(5)), 4);
  });

  it('with nothing selected, an arrow selects the first row on screen', () => {
    assert.equal(nextRowIndex('ArrowDown', at(-1)), 40);
    assert.equal(nextRowIndex('ArrowUp', at(-1)), 40);
    assert.equal(nextRowIndex('ArrowDown', at(-1, { firstOnScreen: 500 })), 99, 'clamped to the list');
  });

  it('page keys move a page, Home and End go to the ends', () => {
    assert.equal(nextRowIndex('PageDown', at(5)), 15);
    assert.equal(nextRowIndex('PageUp', at(15)), 5);
    assert.equal(nextRowIndex('PageDown', at(-1)), 50, 'from the first row on screen');
    assert.equal(nextRowIndex('Home', at(50)), 0);
    assert.equal(nextRowIndex('End', at(50)), 99);
  });

  it('stays inside the list', () => {
    assert.equal(nextRowIndex('ArrowUp', at(0)), 0);
    assert.equal(nextRowIndex('ArrowDown', at(99)), 99);
    assert.equal(nextRowIndex('PageUp', at(3)), 0);
    assert.equal(nextRowIndex('PageDown', at(95)), 99);
  });

  it('other keys and an empty list do not navigate', () => {
    assert.equal(nextRowIndex('a', at(5)), undefined);
    assert.equal(nextRowIndex('Enter', at(5)), undefined);
    assert.equal(nextRowIndex('ArrowDown', at(-1, { count: 0 })), undefined);
  });

  it('a page is one viewport less a row, at least one row', () => {
    assert.equal(pageRows(220, 22), 9);
    assert.equal(pageRows(30, 22), 1);
    assert.equal(pageRows(0, 22), 1);
  });

  describe('rowKeyAction', () => {
    it('moves on navigation keys and opens on Enter', () => {
      assert.deepEqual(rowKeyAction(press('ArrowDown'), at(5)), { kind: 'move', index: 6 });
      assert.deepEqual(rowKeyAction(press('Enter'), at(5)), { kind: 'open' });
      assert.deepEqual(rowKeyAction(press('Enter'), at(-1)), { kind: 'open' });
    });

    it('leaves modified keys to VS Code, and does nothing in an empty list', () => {
      assert.equal(rowKeyAction(press('ArrowDown', { ctrlKey: true }), at(5)), undefined);
      assert.equal(rowKeyAction(press('End', { altKey: true }), at(5)), undefined);
      assert.equal(rowKeyAction(press('Home', { metaKey: true }), at(5)), undefined);
      assert.equal(rowKeyAction(press('Enter'), at(-1, { count: 0 })), undefined);
      assert.equal(rowKeyAction(press('x'), at(5)), undefined);
    });
  });

  describe('across pages (issue #9)', () => {
    const row = (seq: number): EventRowDto => ({
      seq,
      time: 0,
      elapsed: 0,
      direction: 'in',
      layer: 'ws',
      type: 'm',
      size: 0,
      preview: '',
      isError: false,
      binary: false,
    });

    /** A million-row view holding only the page around position 500,000. */
    function millionRows(): PagedRows {
      const rows = new PagedRows(new FoldState());
      rows.adopt({ view: 1, start: 0, end: 1_000_000, complete: true, logTotal: 1_000_000, dropped: 0 });
      rows.addRows(
        1,
        500_000,
        Array.from({ length: 200 }, (_, i) => row(500_001 + i)),
      );
      return rows;
    }

    it('Page Down from the last held row lands on a row of a page not held: the table asks for that page', () => {
      const rows = millionRows();
      const target = nextRowIndex('PageDown', at(500_199, { count: rows.count, pageRows: 29 }));
      assert.equal(target, 500_228);
      assert.equal(rows.at(target!), undefined, 'not held yet: selected when it arrives');
      assert.deepEqual(rows.cache.missingPages(target!, target! + 1), [2501]);
    });

    it('Home and End reach the first and the millionth row', () => {
      const rows = millionRows();
      assert.equal(nextRowIndex('Home', at(500_000, { count: rows.count })), 0);
      assert.equal(nextRowIndex('End', at(500_000, { count: rows.count })), 999_999);
    });

    it('the selection is found by seq in the held pages, by display index', () => {
      const rows = millionRows();
      assert.equal(rows.indexOfSeq(500_101), 500_100);
      assert.equal(rows.indexOfSeq(7), -1);
    });
  });

  describe('Left/Right fold and unfold (issue #9)', () => {
    const parent = { seq: 10, hasChildren: true };
    const child = { seq: 11, parent: 10 };

    it('Right unfolds a folded row, then steps onto its first child', () => {
      assert.deepEqual(foldKeyAction(press('ArrowRight'), parent, true), { kind: 'expand', seq: 10 });
      assert.deepEqual(foldKeyAction(press('ArrowRight'), parent, false), { kind: 'child' });
      assert.equal(foldKeyAction(press('ArrowRight'), child, false), undefined);
    });

    it('Left folds an open row, or steps up to the parent', () => {
      assert.deepEqual(foldKeyAction(press('ArrowLeft'), parent, false), { kind: 'collapse', seq: 10 });
      assert.deepEqual(foldKeyAction(press('ArrowLeft'), child, false), { kind: 'parent', seq: 10 });
      assert.equal(foldKeyAction(press('ArrowLeft'), { seq: 1 }, false), undefined);
    });

    it('leaves modified keys and other keys alone', () => {
      assert.equal(foldKeyAction(press('ArrowLeft', { altKey: true }), child, false), undefined);
      assert.equal(foldKeyAction(press('ArrowDown'), parent, false), undefined);
      assert.equal(foldKeyAction(press('ArrowRight'), undefined, false), undefined);
    });
  });
});
