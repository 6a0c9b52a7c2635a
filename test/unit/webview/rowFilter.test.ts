import * as assert from 'node:assert/strict';
import { MAX_QUERY_CHARS } from '../../../src/shared/protocol';
import { EMPTY_FILTER, isFilterSet, layerGroup, queryOf } from '../../../src/webview/rowFilter';

describe('webview row filter → EventQuery', () => {
  it('an empty filter is an empty query: the host shows every event', () => {
    assert.deepEqual(queryOf(EMPTY_FILTER), {});
    assert.equal(isFilterSet(EMPTY_FILTER), false);
    assert.deepEqual(queryOf({ text: '   ', regex: false, hiddenLayers: [] }), {});
  });

  it('text becomes a trimmed substring query; with the toggle, a case-insensitive expression', () => {
    assert.deepEqual(queryOf({ text: ' chat ', regex: false, hiddenLayers: [] }), { text: 'chat' });
    assert.deepEqual(queryOf({ text: 'ch(a|e)t', regex: true, hiddenLayers: [] }), {
      regex: { source: 'ch(a|e)t', flags: 'i' },
    });
  });

  it('hidden layer groups leave the layers still shown, SSE always among them', () => {
    const query = queryOf({ text: '', regex: false, hiddenLayers: ['http', 'ws'] });
    assert.deepEqual(query.layers, ['eio', 'sio', 'sse']);
    assert.equal(isFilterSet({ text: '', regex: false, hiddenLayers: ['eio'] }), true);
  });

  it('bounds the text to what the host accepts', () => {
    const query = queryOf({ text: 'x'.repeat(MAX_QUERY_CHARS + 10), regex: false, hiddenLayers: [] });
    assert.equal(query.text?.length, MAX_QUERY_CHARS);
  });

  it('groups TCP, TLS and polling with HTTP', () => {
    assert.deepEqual(['tcp', 'tls', 'poll', 'http', 'ws', 'sio'].map(layerGroup), [
      'http',
      'http',
      'http',
      'http',
      'ws',
      'sio',
    ]);
  });
});
