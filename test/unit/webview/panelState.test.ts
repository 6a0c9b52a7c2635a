import * as assert from 'node:assert/strict';
import { MAX_QUERY_CHARS } from '../../../src/shared/protocol';
import { INITIAL_STATE, readPanelState, stateChanged, type PanelState } from '../../../src/webview/panelState';
import { queryOf } from '../../../src/webview/rowFilter';

describe('webview panel state restore (issue #9)', () => {
  const saved: PanelState = {
    filter: { text: 'chat', regex: true, hiddenLayers: ['http'] },
    collapsed: [3, 8],
    selectedSeq: 42,
    anchorSeq: 30,
    following: false,
    composer: { kind: 'text', text: 'hi' },
  };

  it('reads back what was saved (a tab switch or reload round-trips through JSON)', () => {
    const restored = readPanelState(JSON.parse(JSON.stringify(saved)));
    assert.deepEqual(restored, saved);
    assert.deepEqual(queryOf(restored.filter), {
      regex: { source: 'chat', flags: 'i' },
      layers: ['ws', 'eio', 'sio', 'sse'],
    });
  });

  it('starts fresh from nothing or junk', () => {
    for (const raw of [undefined, null, 42, 'x', []]) assert.deepEqual(readPanelState(raw), INITIAL_STATE);
  });

  it('drops what it cannot trust: unknown layers, bad seqs, oversized text', () => {
    const restored = readPanelState({
      filter: { text: 'x'.repeat(MAX_QUERY_CHARS + 5), regex: 'yes', hiddenLayers: ['http', 'smtp'] },
      collapsed: [1, -2, 'three', 4.5, 5],
      selectedSeq: 0,
      anchorSeq: 7,
      following: true,
    });
    assert.equal(restored.filter.text.length, MAX_QUERY_CHARS);
    assert.equal(restored.filter.regex, false);
    assert.deepEqual(restored.filter.hiddenLayers, ['http']);
    assert.deepEqual(restored.collapsed, [1, 5]);
    assert.equal(restored.selectedSeq, undefined);
    assert.equal(restored.anchorSeq, undefined, 'a following table has no anchor: it shows the tail');
  });

  it('says when the state changed, so setState runs only then', () => {
    assert.equal(stateChanged(saved, { ...saved }), false);
    assert.equal(stateChanged(saved, { ...saved, selectedSeq: 43 }), true);
  });
});
