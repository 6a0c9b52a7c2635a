import * as assert from 'node:assert/strict';
import { eventCountText, type EventCounts } from '../../../src/webview/eventCountText';

const counts = (over: Partial<EventCounts>): EventCounts => ({
  shown: 10,
  kept: 10,
  complete: true,
  filtered: false,
  notKept: 0,
  ...over,
});

describe('webview eventCountText', () => {
  it('counts the events of the log, with no title when nothing was dropped', () => {
    assert.deepEqual(eventCountText(counts({ kept: 1_234_567, shown: 1_234_567 })), {
      text: '1,234,567 events',
      title: '',
    });
  });

  it('says how many match while filtered', () => {
    assert.equal(eventCountText(counts({ shown: 3, filtered: true })).text, '3 of 10');
  });

  it('says "N+ so far" while the host is still scanning', () => {
    assert.equal(eventCountText(counts({ shown: 3, filtered: true, complete: false })).text, '3+ so far of 10');
  });

  it('says how many the log keeps on disk when it reports them', () => {
    assert.equal(eventCountText(counts({ onDisk: 4000 })).text, '10 events · 4,000 on disk');
  });

  it('says how many the log did not keep, in the line and in full in the title', () => {
    const one = eventCountText(counts({ notKept: 1 }));
    assert.equal(one.text, '10 events · 1 oldest event not kept (log limit)');
    const many = eventCountText(counts({ notKept: 2500 }));
    assert.match(many.text, /2,500 oldest events not kept/);
    assert.match(many.title, /older events were dropped/);
  });
});
