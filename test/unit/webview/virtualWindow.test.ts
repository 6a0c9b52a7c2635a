import * as assert from 'node:assert/strict';
import { isAtBottom, poolSize, scrollTopToReveal, visibleRange } from '../../../src/webview/virtualWindow';

describe('webview virtualWindow', () => {
  it('visibleRange covers the viewport plus overscan, clamped to the list', () => {
    assert.deepEqual(visibleRange(0, 100, 20, 1000, 2), { first: 0, end: 7 });
    assert.deepEqual(visibleRange(400, 100, 20, 1000, 2), { first: 18, end: 27 });
    assert.deepEqual(visibleRange(19_900, 100, 20, 1000, 2), { first: 993, end: 1000 });
    assert.deepEqual(visibleRange(0, 100, 20, 3, 2), { first: 0, end: 3 });
    assert.deepEqual(visibleRange(0, 100, 20, 0, 2), { first: 0, end: 0 });
  });

  it('poolSize depends on the viewport, not on the row count', () => {
    assert.equal(poolSize(100, 20, 2), 10);
    assert.equal(poolSize(0, 20, 2), 5);
  });

  it('every visible range fits in the pool', () => {
    for (let scrollTop = 0; scrollTop < 500; scrollTop += 7) {
      const r = visibleRange(scrollTop, 110, 22, 10_000, 3);
      assert.ok(r.end - r.first <= poolSize(110, 22, 3), `at ${scrollTop}`);
    }
  });

  it('isAtBottom allows half a row of slack', () => {
    assert.equal(isAtBottom(900, 100, 1000, 20), true);
    assert.equal(isAtBottom(891, 100, 1000, 20), true);
    assert.equal(isAtBottom(880, 100, 1000, 20), false);
    assert.equal(isAtBottom(0, 100, 50, 20), true);
  });

  it('scrollTopToReveal moves the least', () => {
    assert.equal(scrollTopToReveal(6, 100, 100, 20), 100); // visible: unchanged
    assert.equal(scrollTopToReveal(2, 100, 100, 20), 40); // above: align top
    assert.equal(scrollTopToReveal(20, 100, 100, 20), 320); // below: align bottom
  });
});
