/**
 * SSE options (issue 11): defaults filled in, every issue pointing at its field, header and id injection
 * refused, http(s) URLs only and no credentials hidden in them; never throws, whatever the input.
 */
import assert from 'node:assert/strict';
import {
  checkSseUrl,
  DEFAULT_MAX_SSE_LINE_BYTES,
  DEFAULT_SSE_HANDSHAKE_TIMEOUT_MS,
  validateSseOptions,
  type ResolvedSseOptions,
} from '../../../../src/core/connection/sseOptions';
import type { ValidationIssue } from '../../../../src/core/connection/commonOptions';

function valid(input: Record<string, unknown>): ResolvedSseOptions {
  const result = validateSseOptions({ kind: 'sse', ...input });
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(!result.ok && result.issues)}`);
  return result.value;
}

function issues(input: unknown): ValidationIssue[] {
  const result = validateSseOptions(input);
  assert.equal(result.ok, false, 'expected issues');
  return (result as { ok: false; issues: ValidationIssue[] }).issues;
}

/** The fields with issues for `{ kind: 'sse', url, ...extra }`. */
function fieldsWith(extra: Record<string, unknown>): string[] {
  return issues({ kind: 'sse', url: 'http://localhost:3000/events', ...extra }).map((i) => i.field);
}

describe('SSE options', () => {
  it('fills in the defaults: GET, no body, reconnect on, 10 s to the response head, 1 MiB lines', () => {
    const o = valid({ url: '  http://localhost:3000/events?x=1  ' });
    assert.deepEqual(o, {
      kind: 'sse',
      url: 'http://localhost:3000/events?x=1',
      method: 'GET',
      headers: [],
      tls: { rejectUnauthorized: true },
      handshakeTimeoutMs: DEFAULT_SSE_HANDSHAKE_TIMEOUT_MS,
      maxLineBytes: DEFAULT_MAX_SSE_LINE_BYTES,
      maxStoredPayloadBytes: 1024 * 1024,
      reconnect: true,
      idleTimeoutMs: 0,
      followRedirects: false,
      maxRedirects: 5,
    });
    assert.equal(DEFAULT_MAX_SSE_LINE_BYTES, 1024 * 1024);
  });

  it('keeps a POST with its body, headers in order, a first Last-Event-ID and the limits given', () => {
    const o = valid({
      url: 'https://api.example.com/v1/chat',
      method: 'POST',
      body: '{"stream":true}',
      headers: [
        ['Authorization', 'Bearer x'],
        ['X-Trace', 'a'],
        ['X-Trace', 'b'],
      ],
      lastEventId: 'evt-41',
      handshakeTimeoutMs: 2500,
      maxLineBytes: 4096,
      reconnect: false,
    });
    assert.equal(o.method, 'POST');
    assert.equal(o.body, '{"stream":true}');
    assert.deepEqual(o.headers, [
      ['Authorization', 'Bearer x'],
      ['X-Trace', 'a'],
      ['X-Trace', 'b'],
    ]);
    assert.equal(o.lastEventId, 'evt-41');
    assert.equal(o.handshakeTimeoutMs, 2500);
    assert.equal(o.maxLineBytes, 4096);
    assert.equal(o.reconnect, false);
  });

  it('accepts only http and https URLs, with a host, without user:password@ or a fragment', () => {
    for (const url of ['http://127.0.0.1:1/', 'https://example.com/sse', 'http://[::1]:8080/e', 'HTTP://EXAMPLE.COM/'])
      assert.equal(checkSseUrl(url), undefined, url);
    assert.match(checkSseUrl('ws://localhost/') ?? '', /Unsupported scheme "ws"/);
    assert.match(checkSseUrl('file:///etc/passwd') ?? '', /Unsupported scheme "file"/);
    assert.match(checkSseUrl('http://user:secret@localhost/') ?? '', /Authorization header/);
    assert.match(checkSseUrl('http://user@localhost/') ?? '', /user:password@/);
    assert.match(checkSseUrl('http://localhost/#frag') ?? '', /fragment/);
    assert.match(checkSseUrl('http://local host/') ?? '', /spaces/);
    assert.match(checkSseUrl('') ?? '', /Enter a URL/);
    assert.deepEqual(fieldsWith({ url: 'wss://localhost/' }), ['url']);
    assert.deepEqual(issues({ kind: 'sse' }), [{ field: 'url', message: 'The URL is missing.' }]);
  });

  it('refuses header injection and the headers HTTP or the session set, pointing at each header', () => {
    const found = issues({
      kind: 'sse',
      url: 'http://localhost/',
      headers: [
        ['X-Ok', 'fine'],
        ['X-Evil', 'a\r\nInjected: yes'],
        ['Content-Length', '5'],
        ['Last-Event-ID', '3'],
        ['Bad Name', 'x'],
        ['Host', 'elsewhere'],
        ['X-Bell', 'ding\x07'],
      ],
    });
    assert.deepEqual(
      found.map((i) => i.field),
      ['headers[1]', 'headers[2]', 'headers[3]', 'headers[4]', 'headers[5]', 'headers[6]'],
    );
    assert.match(found[5].message, /control character/);
    assert.match(found[0].message, /line break or NUL/);
    assert.match(found[1].message, /set by the HTTP client from the request itself/);
    assert.match(found[2].message, /lastEventId/);
    assert.match(found[3].message, /not a valid HTTP token/);
    assert.deepEqual(fieldsWith({ headers: 'Accept: x' }), ['headers']);
  });

  it('sends a body only with POST, and refuses an unknown method', () => {
    assert.deepEqual(fieldsWith({ body: '{"a":1}' }), ['body']);
    assert.match(issues({ kind: 'sse', url: 'http://h/', body: 'x' })[0].message, /only with POST/);
    assert.deepEqual(fieldsWith({ method: 'PUT' }), ['method']);
    assert.deepEqual(fieldsWith({ method: 'POST', body: 42 }), ['body']);
    assert.equal(valid({ url: 'http://h/', method: 'POST' }).body, undefined, 'a POST without a body');
    assert.equal(valid({ url: 'http://h/', body: '' }).body, undefined, 'an empty body on GET is no body');
  });

  it('refuses a Last-Event-ID that could not have come from a server (line breaks, NUL)', () => {
    assert.deepEqual(fieldsWith({ lastEventId: 'a\nb' }), ['lastEventId']);
    assert.deepEqual(fieldsWith({ lastEventId: 'a\0b' }), ['lastEventId']);
    assert.deepEqual(fieldsWith({ lastEventId: 7 }), ['lastEventId']);
    assert.equal(valid({ url: 'http://h/', lastEventId: '' }).lastEventId, undefined);
  });

  it('keeps every limit in its range and every flag a boolean', () => {
    assert.deepEqual(fieldsWith({ maxLineBytes: 10 }), ['maxLineBytes']);
    assert.deepEqual(fieldsWith({ maxLineBytes: 2 ** 40 }), ['maxLineBytes']);
    assert.deepEqual(fieldsWith({ handshakeTimeoutMs: 0 }), ['handshakeTimeoutMs']);
    assert.deepEqual(fieldsWith({ maxStoredPayloadBytes: 'big' }), ['maxStoredPayloadBytes']);
    assert.deepEqual(fieldsWith({ reconnect: 'yes' }), ['reconnect']);
    assert.deepEqual(fieldsWith({ tls: { rejectUnauthorized: 'no' } }), ['tls.rejectUnauthorized']);
    assert.deepEqual(fieldsWith({ kind: 'websocket' }), ['kind']);
  });

  it('never throws, whatever the input', () => {
    const hostile = Object.defineProperty({ kind: 'sse' }, 'url', {
      get() {
        throw new Error('boom');
      },
    });
    for (const input of [null, undefined, 42, 'sse', [], hostile, Object.create(null)]) {
      const result = validateSseOptions(input);
      assert.equal(result.ok, false);
    }
    assert.match(issues(hostile)[0].message, /could not be read/);
  });
});
