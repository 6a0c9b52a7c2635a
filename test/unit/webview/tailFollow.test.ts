import * as assert from 'node:assert/strict';
import {
  followsAfterScroll,
  followsAtIndex,
  frameScrollTop,
  pillLabel,
  TailFollow,
  type FrameScroll,
} from '../../../src/webview/tailFollow';

/** 100 rows of 20 px in a 100 px viewport: the bottom is at scrollTop 1900. */
const frame = (over: Partial<FrameScroll>): FrameScroll => ({
  scrollTop: 400,
  shift: 0,
  revealIndex: -1,
  following: false,
  rowCount: 100,
  viewportHeight: 100,
  rowHeight: 20,
  ...over,
});

describe('webview tailFollow', () => {
  describe('frameScrollTop', () => {
    it('keeps the scroll position when nothing asks to move', () => {
      assert.equal(frameScrollTop(frame({})), 400);
    });

    it('pins to the bottom while following, whatever else was asked', () => {
      assert.equal(frameScrollTop(frame({ following: true })), 1900);
      assert.equal(frameScrollTop(frame({ following: true, revealIndex: 3, shift: 60 })), 1900);
    });

    it('scrolls up by the rows dropped from the start, never above the top', () => {
      assert.equal(frameScrollTop(frame({ shift: 60 })), 340);
      assert.equal(frameScrollTop(frame({ shift: 1000 })), 0);
    });

    it('reveals a row with the least movement, after the shift', () => {
      assert.equal(frameScrollTop(frame({ revealIndex: 2 })), 40);
      assert.equal(frameScrollTop(frame({ revealIndex: 30 })), 520);
      assert.equal(frameScrollTop(frame({ revealIndex: 21 })), 400); // on screen: unchanged
      assert.equal(frameScrollTop(frame({ revealIndex: 19, shift: 20 })), 380);
    });

    it('never scrolls past the end, and stays at 0 when everything fits', () => {
      assert.equal(frameScrollTop(frame({ scrollTop: 5000 })), 1900);
      assert.equal(frameScrollTop(frame({ rowCount: 3, following: true })), 0);
      assert.equal(frameScrollTop(frame({ rowCount: 0, scrollTop: 40 })), 0);
    });
  });

  it('a user scroll follows only at the bottom of the rows as rendered', () => {
    assert.equal(followsAfterScroll(1900, 100, 100, 20), true);
    assert.equal(followsAfterScroll(1891, 100, 100, 20), true); // half a row of slack
    assert.equal(followsAfterScroll(1500, 100, 100, 20), false);
  });

  it('a selection follows only on the last row', () => {
    assert.equal(followsAtIndex(99, 100), true);
    assert.equal(followsAtIndex(98, 100), false);
    assert.equal(followsAtIndex(-1, 100), false);
  });

  it('the pill counts new rows, or says Latest', () => {
    assert.equal(pillLabel(0), 'Latest');
    assert.equal(pillLabel(7), '7 new');
  });
});

describe('webview TailFollow', () => {
  it('ignores appends while following', () => {
    const tail = new TailFollow(20);
    tail.noteAppended(5, 2);
    assert.equal(tail.following, true);
    assert.equal(tail.unseen, 0);
    assert.equal(tail.takeShift(), 0);
  });

  it('counts unseen rows and the scroll shift while not following; the shift is taken once', () => {
    const tail = new TailFollow(20);
    tail.setFollowing(false);
    tail.noteAppended(5, 2);
    tail.noteAppended(3, 1);
    assert.equal(tail.unseen, 8);
    assert.equal(tail.takeShift(), 60);
    assert.equal(tail.takeShift(), 0);
    tail.rendered();
    assert.equal(tail.unseen, 8, 'a frame does not clear the count while not following');
  });

  it('jump to latest follows again and clears the count', () => {
    const tail = new TailFollow(20);
    tail.setFollowing(false);
    tail.noteAppended(4, 0);
    tail.jumpToLatest();
    assert.equal(tail.following, true);
    assert.equal(tail.unseen, 0);
  });

  it('a reset clears the count and the shift, and sets following as told', () => {
    const tail = new TailFollow(20);
    tail.setFollowing(false);
    tail.noteAppended(4, 3);
    tail.reset(false);
    assert.equal(tail.following, false);
    assert.equal(tail.unseen, 0);
    assert.equal(tail.takeShift(), 0);
  });

  it('a rendered frame clears the count once following again', () => {
    const tail = new TailFollow(20);
    tail.setFollowing(false);
    tail.noteAppended(4, 0);
    tail.setFollowing(true);
    tail.rendered();
    assert.equal(tail.unseen, 0);
  });
});
