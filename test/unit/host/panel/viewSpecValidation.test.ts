/**
 * The view requests of issue #9 through the allowlist: events/query, events/locate, view/follow and the
 * view a `webview/ready` restores — bounded fields only, rebuilt without extras.
 */
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../../src/host/panel/webviewMessages';
import { parseEventQuery as parseQuery, QUERY_TEXT_MAX_CHARS } from '../../../../src/core/query/queryValidation';
import { parseViewSpec } from '../../../../src/host/panel/viewSpecValidation';
import { MAX_COLLAPSED_ROWS, MAX_QUERY_CHARS } from '../../../../src/shared/protocol';

const spec = (query: unknown, collapsed: unknown = []) => ({ query, collapsed });

describe('view spec validation (issue #9)', () => {
  it('accepts a full query and rebuilds it without unknown fields', () => {
    const query = {
      text: 'chat',
      regex: { source: '^4\\d', flags: 'i' },
      directions: ['in', 'out'],
      layers: ['ws', 'sio'],
      types: ['sio-event'],
      sioEvent: 'chat',
      namespace: '/admin',
      timeFrom: 1,
      timeTo: 2,
    };
    const parsed = parseQuery(query);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, {
      text: 'chat',
      sioEvent: 'chat',
      namespace: '/admin',
      timeFrom: 1,
      timeTo: 2,
      regex: { source: '^4\\d', flags: 'i' },
      layers: ['ws', 'sio'],
      directions: ['in', 'out'],
      types: ['sio-event'],
    });
  });

  it('rejects unbounded or unknown values', () => {
    const bad = [
      { text: 'x'.repeat(MAX_QUERY_CHARS + 1) },
      { text: 42 },
      { regex: { source: 'a', flags: 'g' } },
      { regex: { source: 'x'.repeat(MAX_QUERY_CHARS + 1) } },
      { regex: 'a' },
      { text: 'x', evil: 'unknown fields are refused, not dropped' },
      { regex: { source: 'a', lastIndex: 9 } },
      { layers: ['smtp'] },
      { directions: ['sideways'] },
      { types: Array.from({ length: 65 }, (_, i) => `t${i}`) },
      { types: [''] },
      { timeFrom: Infinity },
      { timeTo: '1' },
    ];
    assert.equal(MAX_QUERY_CHARS, QUERY_TEXT_MAX_CHARS, 'the webview cuts the filter where the host refuses it');
    for (const query of bad) assert.equal(parseQuery(query).ok, false, JSON.stringify(query).slice(0, 80));
    assert.equal(parseQuery(null).ok, false);
  });

  it('bounds and de-duplicates the folded rows', () => {
    const parsed = parseViewSpec(spec({}, [3, 3, 9]));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.collapsed, [3, 9]);
    assert.equal(parseViewSpec(spec({}, [0])).ok, false);
    assert.equal(parseViewSpec(spec({}, [1.5])).ok, false);
    assert.equal(parseViewSpec(spec({}, 'all')).ok, false);
    const tooMany = Array.from({ length: MAX_COLLAPSED_ROWS + 1 }, (_, i) => i + 1);
    assert.equal(parseViewSpec(spec({}, tooMany)).ok, false);
  });

  it('events/query, events/locate and view/follow pass the allowlist with exact fields', () => {
    const query = parseWebviewMessage({ type: 'events/query', requestId: 4, spec: spec({ text: 'a' }), x: 1 });
    assert.deepEqual(query, { ok: true, value: { type: 'events/query', requestId: 4, spec: spec({ text: 'a' }) } });
    const locate = parseWebviewMessage({ type: 'events/locate', requestId: 5, view: 2, seq: 10 });
    assert.deepEqual(locate, { ok: true, value: { type: 'events/locate', requestId: 5, view: 2, seq: 10 } });
    const follow = parseWebviewMessage({ type: 'view/follow', following: false });
    assert.deepEqual(follow, { ok: true, value: { type: 'view/follow', following: false } });
    assert.equal(parseWebviewMessage({ type: 'events/locate', requestId: 5, view: 2, seq: 0 }).ok, false);
    assert.equal(parseWebviewMessage({ type: 'events/query', requestId: 5, spec: spec({ text: 1 }) }).ok, false);
    assert.equal(parseWebviewMessage({ type: 'view/follow', following: 'yes' }).ok, false);
  });

  it('webview/ready may carry the view to restore', () => {
    const ready = parseWebviewMessage({ type: 'webview/ready', spec: spec({ text: 'a' }, [2]), following: false });
    assert.deepEqual(ready, {
      ok: true,
      value: { type: 'webview/ready', spec: spec({ text: 'a' }, [2]), following: false },
    });
    assert.equal(parseWebviewMessage({ type: 'webview/ready', spec: spec({ layers: ['nope'] }) }).ok, false);
    assert.equal(parseWebviewMessage({ type: 'webview/ready', following: 1 }).ok, false);
  });
});
