/**
 * The Connect… menu per kind (issue 11): Server-Sent Events and long/short polling offer what each needs —
 * method, body (POST only), headers, Last-Event-ID, reconnect; interval, request timeout, cursor — and the
 * URL check of these kinds accepts http(s) only.
 */
import assert from 'node:assert/strict';
import { validateConnectionOptions } from '../../../src/core/connection/connectionOptions';
import { optionsOfDraft, urlProblemFor, type Draft } from '../../../src/host/connectDraft';
import { optionItems } from '../../../src/host/connectOptionItems';

const ids = (draft: Draft): string[] => optionItems(draft).map((item) => item.id);
const item = (draft: Draft, id: string) => optionItems(draft).find((i) => i.id === id);

describe('Connect… options of the plain-HTTP kinds', () => {
  it('an SSE session offers method, Last-Event-ID and reconnect besides headers', () => {
    const draft: Draft = { kind: 'sse', url: 'http://127.0.0.1:8769/sse/ticker' };
    assert.deepEqual(ids(draft), ['connect', 'kind', 'headers', 'method', 'lastEventId', 'reconnect', 'redirects']);
    assert.match(item(draft, 'kind')?.label ?? '', /Kind: Server-Sent Events/);
    assert.match(item(draft, 'method')?.label ?? '', /Method: GET/);
    assert.match(item(draft, 'lastEventId')?.description ?? '', /none/);
    assert.match(item(draft, 'reconnect')?.label ?? '', /Reconnect: on/);
  });

  it('a POST offers its body, shown by its size only (it may hold a key)', () => {
    const draft: Draft = { kind: 'sse', url: 'http://x/sse', method: 'POST', body: '{"key":"sk-secret"}' };
    assert.ok(ids(draft).includes('body'));
    assert.equal(item(draft, 'body')?.description, '19 characters');
    assert.ok(!JSON.stringify(optionItems(draft)).includes('sk-secret'));
    const withId: Draft = { ...draft, lastEventId: '41', reconnect: false };
    assert.match(item(withId, 'lastEventId')?.description ?? '', /"41"/);
    assert.match(item(withId, 'reconnect')?.label ?? '', /Reconnect: off/);
  });

  it('long-polling offers method, interval, request timeout and cursor, with their defaults', () => {
    const draft: Draft = { kind: 'longpoll', url: 'http://127.0.0.1:8769/chat/poll' };
    const pollIds = ['connect', 'kind', 'headers', 'method', 'interval', 'requestTimeout', 'cursor', 'redirects'];
    assert.deepEqual(ids(draft), pollIds);
    assert.match(item(draft, 'kind')?.label ?? '', /HTTP long-polling/);
    assert.match(item(draft, 'interval')?.description ?? '', /as soon as each answer arrives/);
    assert.match(item(draft, 'requestTimeout')?.description ?? '', /^60000 ms/);
    assert.equal(item(draft, 'cursor')?.description, 'none');
    const cursor: Draft = { ...draft, cursor: { from: '$.cursor', to: 'cursor' } };
    assert.equal(item(cursor, 'cursor')?.description, '$.cursor → cursor');
  });

  it('short polling says how often it asks', () => {
    const draft: Draft = { kind: 'shortpoll', url: 'http://127.0.0.1:8769/status' };
    assert.match(item(draft, 'interval')?.description ?? '', /every 2000 ms/);
    assert.match(item(draft, 'requestTimeout')?.description ?? '', /^10000 ms/);
    assert.match(item({ ...draft, intervalMs: 500 }, 'interval')?.description ?? '', /every 500 ms/);
  });

  it('the other kinds keep their menus', () => {
    assert.deepEqual(ids({ kind: 'websocket', url: 'ws://x/' }), [
      'connect',
      'kind',
      'headers',
      'subprotocols',
      'origin',
      'deflate',
      'autoReconnect',
      'redirects',
    ]);
    assert.ok(ids({ kind: 'socketio', url: 'http://x/' }).includes('namespaces'));
    assert.ok(!ids({ kind: 'socketio', url: 'http://x/' }).includes('method'));
  });

  it('every kind offers "Follow redirects", off unless chosen (issue 12)', () => {
    for (const kind of ['websocket', 'socketio', 'engineio', 'sse', 'longpoll', 'shortpoll'] as const) {
      const draft: Draft = { kind, url: kind === 'websocket' ? 'ws://x/' : 'http://x/' };
      assert.match(item(draft, 'redirects')?.label ?? '', /Follow redirects: off/, kind);
      assert.match(item({ ...draft, followRedirects: true }, 'redirects')?.label ?? '', /Follow redirects: on/, kind);
    }
  });
});

describe('Connect… URL check and settings per kind', () => {
  it('SSE and polling accept http(s) only', () => {
    for (const kind of ['sse', 'longpoll', 'shortpoll'] as const) {
      assert.equal(urlProblemFor(kind, 'http://127.0.0.1:8769/sse/ticker'), undefined, kind);
      assert.equal(urlProblemFor(kind, 'https://example.com/events'), undefined, kind);
      assert.match(urlProblemFor(kind, 'ws://127.0.0.1:8765/echo') ?? '', /Unsupported scheme "ws"/, kind);
      assert.match(urlProblemFor(kind, 'ftp://example.com/') ?? '', /Unsupported scheme/, kind);
    }
    assert.equal(urlProblemFor('websocket', 'ws://127.0.0.1:8765/echo'), undefined);
    assert.match(urlProblemFor('websocket', 'http://x/') ?? '', /ws:\/\//);
    assert.equal(urlProblemFor('socketio', 'ws://x/socket.io/'), undefined);
  });

  it('the polling body cap setting becomes a polling session’s maxBodyBytes', () => {
    const draft: Draft = { kind: 'longpoll', url: 'http://x/poll', maxPollBodyBytes: 2048 };
    assert.equal(optionsOfDraft(draft).maxBodyBytes, 2048);
    assert.equal(optionsOfDraft({ ...draft, maxBodyBytes: 4096 }).maxBodyBytes, 4096, 'the draft’s own value wins');
    const sse: Draft = { kind: 'sse', url: 'http://x/sse', maxPollBodyBytes: 2048 };
    assert.equal(optionsOfDraft(sse), sse, 'other kinds are left alone');
    const resolved = validateConnectionOptions(optionsOfDraft(draft));
    assert.ok(resolved.ok && 'maxBodyBytes' in resolved.value && resolved.value.maxBodyBytes === 2048);
  });

  it('a draft with the settings’ defaults validates for every plain-HTTP kind', () => {
    const defaults = { handshakeTimeoutMs: 10_000, heartbeatIntervalMs: 0, perMessageDeflate: true, tls: {} };
    for (const kind of ['sse', 'longpoll', 'shortpoll'] as const) {
      const result = validateConnectionOptions(optionsOfDraft({ ...defaults, kind, url: 'http://127.0.0.1:1/x' }));
      assert.ok(result.ok, `${kind}: ${JSON.stringify(!result.ok && result.issues)}`);
    }
  });
});
