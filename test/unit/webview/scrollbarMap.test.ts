import * as assert from 'node:assert/strict';
import {
  maxTop,
  MIN_THUMB_PX,
  thumbOffset,
  thumbSize,
  topForThumb,
  topForTrackClick,
  wheelRows,
  type ScrollGeometry,
} from '../../../src/webview/scrollbarMap';

/** A million rows, 30 on screen, a 600 px track. */
const million: ScrollGeometry = { start: 0, end: 1_000_000, visibleRows: 30, trackPx: 600 };

describe('webview scrollbarMap (issue #9: past the browser scroll height)', () => {
  it('the thumb keeps a usable size at a million rows, and the share of rows when few', () => {
    assert.equal(thumbSize(million), MIN_THUMB_PX);
    assert.equal(thumbSize({ ...million, end: 60 }), 300);
    assert.equal(thumbSize({ ...million, end: 10 }), 600);
  });

  it('maps the first and last rows to the ends of the track', () => {
    assert.equal(thumbOffset(0, million), 0);
    assert.equal(thumbOffset(maxTop(million), million), 580);
    assert.equal(topForThumb(0, million), 0);
    assert.equal(topForThumb(580, million), 999_970);
    assert.equal(topForThumb(10_000, million), 999_970, 'clamped');
    assert.equal(topForThumb(-5, million), 0, 'clamped');
  });

  it('round-trips thumb → row → thumb within a pixel, all along a million rows', () => {
    for (let offset = 0; offset <= 580; offset += 7.25) {
      const top = topForThumb(offset, million);
      assert.ok(Math.abs(thumbOffset(top, million) - offset) < 1, `offset ${offset}`);
    }
  });

  it('one pixel of thumb moves a few thousand rows at a million, and whole rows only', () => {
    const step = topForThumb(1, million) - topForThumb(0, million);
    assert.ok(step > 1000 && step < 2000, `${step}`);
    assert.ok(Number.isInteger(topForThumb(123.4, million)));
  });

  it('maps a range whose oldest rows were let go', () => {
    const g = { ...million, start: 400_000 };
    assert.equal(topForThumb(0, g), 400_000);
    assert.equal(thumbOffset(400_000, g), 0);
    assert.equal(thumbOffset(200_000, g), 0, 'a top before start draws at the top');
  });

  it('a track click pages toward the click', () => {
    const top = 500_000;
    assert.equal(topForTrackClick(0, top, million), top - 29);
    assert.equal(topForTrackClick(599, top, million), top + 29);
    assert.equal(topForTrackClick(thumbOffset(top, million) + 5, top, million), top, 'on the thumb: no move');
  });

  it('wheel deltas become whole rows, the fraction carried to the next event', () => {
    assert.deepEqual(wheelRows(3, 1, 22, 30, 0), { rows: 3, carry: 0 });
    assert.deepEqual(wheelRows(1, 2, 22, 30, 0), { rows: 29, carry: 0 });
    const first = wheelRows(11, 0, 22, 30, 0);
    assert.equal(first.rows, 0);
    const second = wheelRows(11, 0, 22, 30, first.carry);
    assert.equal(second.rows, 1);
    assert.equal(wheelRows(-44, 0, 22, 30, 0).rows, -2);
  });
});
