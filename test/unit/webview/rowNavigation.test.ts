import * as assert from 'node:assert/strict';
import { nextRowIndex, pageRows, rowKeyAction, type NavigationContext } from '../../../src/webview/rowNavigation';

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
});
