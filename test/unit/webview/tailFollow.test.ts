import * as assert from 'node:assert/strict';
import {
  followsAtIndex,
  frameTop,
  isAtEnd,
  pillLabel,
  TailFollow,
  type FrameScroll,
} from '../../../src/webview/tailFollow';

/** Positions [0, 100), 10 rows on screen: the last screenful starts at 90. */
const frame = (over: Partial<FrameScroll>): FrameScroll => ({
  top: 40,
  revealPosition: -1,
  following: false,
  start: 0,
  end: 100,
  visibleRows: 10,
  ...over,
});

describe('webview tailFollow (paged, by row position)', () => {
  describe('frameTop', () => {
    it('keeps the place when nothing asks to move', () => {
      assert.equal(frameTop(frame({})), 40);
    });

    it('pins the last screenful while following, whatever else was asked', () => {
      assert.equal(frameTop(frame({ following: true })), 90);
      assert.equal(frameTop(frame({ following: true, revealPosition: 3 })), 90);
    });

    it('reveals a row with the least movement', () => {
      assert.equal(frameTop(frame({ revealPosition: 2 })), 2);
      assert.equal(frameTop(frame({ revealPosition: 55 })), 46);
      assert.equal(frameTop(frame({ revealPosition: 45 })), 40, 'already on screen');
    });

    it('rows the log let go fall off the top; never past the last screenful; everything fits at start', () => {
      assert.equal(frameTop(frame({ start: 60, top: 40 })), 60);
      assert.equal(frameTop(frame({ top: 500 })), 90);
      assert.equal(frameTop(frame({ end: 5, top: 3 })), 0);
    });

    it('works at a million rows', () => {
      assert.equal(frameTop(frame({ end: 1_000_000, following: true })), 999_990);
      assert.equal(frameTop(frame({ end: 1_000_000, revealPosition: 500_000 })), 499_991);
    });
  });

  it('isAtEnd: the screen shows the last row', () => {
    assert.equal(isAtEnd(90, 10, 100), true);
    assert.equal(isAtEnd(89, 10, 100), false);
    assert.equal(isAtEnd(0, 10, 4), true);
  });

  it('followsAtIndex: only the last row follows', () => {
    assert.equal(followsAtIndex(99, 100), true);
    assert.equal(followsAtIndex(98, 100), false);
  });

  it('pillLabel', () => {
    assert.equal(pillLabel(0), 'Latest');
    assert.equal(pillLabel(12), '12 new');
  });

  describe('TailFollow: pause and resume', () => {
    it('counts nothing while following', () => {
      const tail = new TailFollow();
      tail.reset(true, 10);
      tail.noteEnd(50);
      assert.equal(tail.unseen, 0);
    });

    it('scrolling up pauses; rows arriving meanwhile are counted for the pill', () => {
      const tail = new TailFollow();
      tail.reset(true, 10);
      assert.equal(tail.setFollowing(false), true, 'a change is reported (the host is told)');
      assert.equal(tail.setFollowing(false), false, 'no change, nothing to tell');
      tail.noteEnd(15);
      tail.noteEnd(22);
      assert.equal(tail.unseen, 12);
    });

    it('jump to latest (or scrolling to the end) follows again and clears the count', () => {
      const tail = new TailFollow();
      tail.reset(false, 10);
      tail.noteEnd(20);
      assert.equal(tail.setFollowing(true), true);
      assert.equal(tail.unseen, 0);
      assert.equal(tail.following, true);
    });

    it("old matches a filter's first scan still finds are not new rows", () => {
      const tail = new TailFollow();
      tail.reset(false, 0);
      tail.noteEnd(500, false);
      assert.equal(tail.unseen, 0);
      tail.noteEnd(503);
      assert.equal(tail.unseen, 3);
    });

    it('a new view (filter, snapshot) starts with nothing unseen', () => {
      const tail = new TailFollow();
      tail.reset(false, 10);
      tail.noteEnd(30);
      tail.reset(false, 5);
      assert.equal(tail.unseen, 0);
      tail.noteEnd(7);
      assert.equal(tail.unseen, 2);
    });
  });
});
