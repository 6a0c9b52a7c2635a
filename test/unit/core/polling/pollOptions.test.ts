/**
 * Options of long-poll and short-poll sessions (issue 11): defaults per kind, and every problem reported as
 * an issue on its own field — never a throw, whatever the input.
 */
import assert from 'node:assert/strict';
import { checkPollUrl, validatePollOptions } from '../../../../src/core/connection/pollOptions';

function issuesOf(input: unknown): Record<string, string> {
  const result = validatePollOptions(input);
  assert.ok(!result.ok, 'expected validation issues');
  return Object.fromEntries(result.issues.map((i) => [i.field, i.message]));
}

describe('poll options', () => {
  it('fills in the defaults of each kind', () => {
    const long = validatePollOptions({ kind: 'longpoll', url: 'http://127.0.0.1:8080/poll?room=a' });
    assert.ok(long.ok);
    assert.equal(long.value.method, 'GET');
    assert.equal(long.value.requestTimeoutMs, 60_000);
    assert.equal(long.value.intervalMs, 0, 'a long-poll asks again at once');
    assert.equal(long.value.maxBodyBytes, 4 * 1024 * 1024);
    assert.deepEqual(long.value.retry, { maxRetries: 5, initialDelayMs: 1000, maxDelayMs: 30_000 });
    assert.equal(long.value.endpoint.searchParams.get('room'), 'a');
    const short = validatePollOptions({ kind: 'shortpoll', url: 'https://example.com/status' });
    assert.ok(short.ok);
    assert.equal(short.value.requestTimeoutMs, 10_000);
    assert.equal(short.value.intervalMs, 2000);
  });

  it('resolves a cursor rule: its path, and whether it goes into the query or the body', () => {
    const query = validatePollOptions({
      kind: 'longpoll',
      url: 'http://h/p',
      cursor: { from: '$.messages[-1].id', to: 'since' },
    });
    assert.ok(query.ok);
    assert.deepEqual(query.value.cursor?.path, [{ member: 'messages' }, { index: -1 }, { member: 'id' }]);
    assert.deepEqual(query.value.cursor?.target, { in: 'query', name: 'since' });
    const body = validatePollOptions({
      kind: 'longpoll',
      url: 'http://h/p',
      method: 'POST',
      body: '{"room":"a"}',
      cursor: { from: '$["next-token"]', to: 'body.token' },
    });
    assert.ok(body.ok);
    assert.deepEqual(body.value.cursor?.target, { in: 'body', field: 'token' });
  });

  it('points every issue at its field', () => {
    const issues = issuesOf({
      kind: 'shortpoll',
      url: 'ws://127.0.0.1/poll',
      method: 'PUT',
      headers: [
        ['X-Ok', 'fine'],
        ['X-Evil', 'a\r\nInjected: yes'],
        ['Host', 'elsewhere'],
      ],
      intervalMs: 5,
      requestTimeoutMs: -1,
      maxBodyBytes: 10,
      retry: { initialDelayMs: 5000, maxDelayMs: 100 },
    });
    assert.match(issues.url, /Unsupported scheme "ws": polling uses http:\/\/ or https:\/\//);
    // Node would send user:password@ as a Basic Authorization header that no row shows.
    assert.match(checkPollUrl('http://user:secret@localhost/poll') ?? '', /Authorization header/);
    assert.equal(checkPollUrl('http://localhost:3000/poll?cursor=1'), undefined);
    assert.match(issues.method, /GET" or "POST/);
    assert.equal(issues['headers[0]'], undefined);
    assert.match(issues['headers[1]'], /line break/);
    assert.match(issues['headers[2]'], /set by the HTTP client/);
    assert.match(issues.intervalMs, /from 100/);
    assert.match(issues.requestTimeoutMs, /from 100 to 600000/);
    assert.match(issues.maxBodyBytes, /from 1024/);
    assert.match(issues['retry.maxDelayMs'], /not be shorter than the first/);
  });

  it('refuses a cursor path that does not parse, on cursor.from, saying where', () => {
    assert.match(
      issuesOf({ kind: 'longpoll', url: 'http://h/', cursor: { from: 'cursor', to: 'c' } })['cursor.from'],
      /starts with "\$"/,
    );
    const unclosed = issuesOf({ kind: 'longpoll', url: 'http://h/', cursor: { from: '$.items[1', to: 'c' } });
    assert.match(unclosed['cursor.from'], /Unexpected "\[1" at character 8/);
    const wildcard = issuesOf({ kind: 'longpoll', url: 'http://h/', cursor: { from: '$.items[*].id', to: 'c' } });
    assert.match(wildcard['cursor.from'], /\[index\]/);
  });

  it('refuses a body on GET and a body cursor without a POST JSON object body, on their fields', () => {
    assert.match(issuesOf({ kind: 'longpoll', url: 'http://h/', body: 'x' }).body, /A body is sent only with POST/);
    const getCursor = issuesOf({ kind: 'longpoll', url: 'http://h/', cursor: { from: '$.c', to: 'body.c' } });
    assert.match(getCursor['cursor.to'], /needs method POST/);
    const arrayBody = issuesOf({
      kind: 'longpoll',
      url: 'http://h/',
      method: 'POST',
      body: '[1]',
      cursor: { from: '$.c', to: 'body.c' },
    });
    assert.match(arrayBody['cursor.to'], /JSON object/);
    assert.match(
      issuesOf({ kind: 'longpoll', url: 'http://h/', cursor: { from: '$.c', to: '' } })['cursor.to'],
      /query/,
    );
  });

  it('never throws, whatever it is given', () => {
    for (const input of [
      null,
      42,
      'x',
      [],
      { kind: 'longpoll' },
      { kind: 'longpoll', url: 7, cursor: 'no', retry: [] },
    ]) {
      const result = validatePollOptions(input);
      assert.ok(!result.ok, JSON.stringify(input));
    }
    assert.ok(issuesOf({ kind: 'longpoll' }).url, 'a missing URL is an issue on url');
    assert.ok(issuesOf({ kind: 'sse', url: 'http://h/' }).kind, 'another kind is an issue on kind');
  });
});
