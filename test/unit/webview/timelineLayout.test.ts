import assert from 'node:assert/strict';
import type { TimelineStepDto } from '../../../src/shared/dto';
import { cut, HEAD_HEIGHT, layoutTimeline, ROW_HEIGHT } from '../../../src/webview/timelineLayout';

const steps: TimelineStepDto[] = [
  {
    step: 'handshake',
    seq: 2,
    elapsed: 1,
    arrows: [
      { seq: 2, from: 'client', label: 'GET /socket.io/?EIO=4&transport=polling', elapsed: 1 },
      { seq: 3, from: 'server', label: '200 OK', elapsed: 17, delta: 16 },
    ],
  },
  {
    step: 'open',
    seq: 4,
    elapsed: 17,
    arrows: [{ seq: 4, from: 'server', label: 'open · sid '.padEnd(400, 'x'), elapsed: 17, delta: 0 }],
  },
];

describe('webview timelineLayout', () => {
  it('puts one row per arrow under the lane titles, steps spanning their arrows', () => {
    const layout = layoutTimeline(steps, 900);
    assert.deepEqual(
      layout.steps.map((s) => [s.y, s.height]),
      [
        [HEAD_HEIGHT, 2 * ROW_HEIGHT],
        [HEAD_HEIGHT + 2 * ROW_HEIGHT, ROW_HEIGHT],
      ],
    );
    assert.equal(layout.geometry.height, HEAD_HEIGHT + 3 * ROW_HEIGHT + 6);
    assert.ok(layout.geometry.clientX < layout.geometry.serverX && layout.geometry.serverX < layout.geometry.stepNameX);
  });

  it('cuts labels to the room between the lanes and keeps the lanes apart when narrow', () => {
    const wide = layoutTimeline(steps, 1200).steps[1].arrows[0].label;
    const narrow = layoutTimeline(steps, 300);
    assert.ok(wide.endsWith('…') && wide.length < 400);
    assert.ok(narrow.steps[1].arrows[0].label.length < wide.length);
    assert.ok(narrow.geometry.serverX - narrow.geometry.clientX >= 160);
    assert.ok(narrow.geometry.width >= narrow.geometry.serverX + 100, 'the drawing scrolls rather than overlaps');
  });

  it('cut leaves short text alone', () => {
    assert.equal(cut('2probe', 10), '2probe');
    assert.equal(cut('abcdef', 4), 'abc…');
  });
});
