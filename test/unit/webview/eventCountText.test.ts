import * as assert from 'node:assert/strict';
import { eventCountText, type EventCounts } from '../../../src/webview/eventCountText';

const counts = (over: Partial<EventCounts>): EventCounts => ({
  shown: 10,
  held: 10,
  hostTotal: 10,
  notKept: 0,
  filtered: false,
  ...over,
});

describe('webview eventCountText', () => {
  it('counts the events, with no title when nothing was dropped', () => {
    assert.deepEqual(eventCountText(counts({ held: 1234, shown: 1234, hostTotal: 1234 })), {
      text: '1,234 events',
      title: '',
    });
  });

  it('says how many match while filtered', () => {
    assert.equal(eventCountText(counts({ shown: 3, filtered: true })).text, '3 of 10');
  });

  it('says when the webview holds only the newest of the log', () => {
    assert.equal(eventCountText(counts({ hostTotal: 60_000 })).text, '10 events · newest 10 of 60,000 shown');
  });

  it('says how many the log did not keep, in the line and in full in the title', () => {
    const one = eventCountText(counts({ notKept: 1 }));
    assert.equal(one.text, '10 events · 1 oldest event not kept (log limit)');
    const many = eventCountText(counts({ notKept: 2500 }));
    assert.equal(many.text, '10 events · 2,500 oldest events not kept (log limit)');
    assert.match(many.title, /^10 events · 2,500 oldest events not kept \(log limit\)\. The log keeps a limited/);
  });
});
