/**
 * The pure parts of the polling engine (issue 11): the cursor path subset (parse, follow, own members only,
 * bounded), how the cursor goes into a request, and the retry delays (exponential, capped, jittered,
 * Retry-After honoured up to the cap).
 */
import assert from 'node:assert/strict';
import { evaluateCursorPath, parseCursorPath, readCursor } from '../../../../src/core/polling/cursorPath';
import { planRequest } from '../../../../src/core/polling/pollRequestPlan';
import { backoffDelayMs, retryAfterMs, retryDelayMs } from '../../../../src/core/polling/pollRetry';
import { isEmptyAnswer } from '../../../../src/core/polling/pollRows';
import { pollOptions } from './pollFixture';

function steps(path: string): ReturnType<typeof parseCursorPath> & { ok: true } {
  const parsed = parseCursorPath(path);
  assert.ok(parsed.ok, path);
  return parsed;
}

describe('cursor paths', () => {
  const body = { cursor: 7, messages: [{ id: 'a' }, { id: 'b' }], 'next-token': 'zz', meta: { more: true } };

  it('follows members, indexes (negative from the end) and quoted names', () => {
    assert.deepEqual(evaluateCursorPath(body, steps('$.cursor').steps), { found: true, value: 7 });
    assert.deepEqual(evaluateCursorPath(body, steps('$.messages[-1].id').steps), { found: true, value: 'b' });
    assert.deepEqual(evaluateCursorPath(body, steps('$.messages[0].id').steps), { found: true, value: 'a' });
    assert.deepEqual(evaluateCursorPath(body, steps('$["next-token"]').steps), { found: true, value: 'zz' });
    assert.deepEqual(evaluateCursorPath(body, steps('$.meta.more').steps), { found: true, value: true });
  });

  it('finds nothing, with a reason, where there is no usable value', () => {
    const miss = (path: string, json: string = JSON.stringify(body)): string => {
      const found = readCursor(json, steps(path).steps);
      assert.ok(!found.found, path);
      return found.reason;
    };
    assert.match(miss('$.constructor'), /"constructor" is missing/, 'own members only');
    assert.match(miss('$.messages[5]'), /past the end of an array of 2/);
    assert.match(miss('$.messages[-1]'), /an object, not a string or a number/);
    assert.match(miss('$.cursor.x'), /a number is not an object/);
    assert.match(miss('$.cursor', 'not json'), /not JSON/);
    assert.match(miss('$.c', JSON.stringify({ c: 'x'.repeat(5000) })), /longer than 2048/);
  });

  it('refuses long paths and too many steps', () => {
    assert.ok(!parseCursorPath('$' + '.a'.repeat(40)).ok);
    assert.ok(!parseCursorPath('$.' + 'a'.repeat(300)).ok);
    assert.ok(!parseCursorPath('$["bad\\q"]').ok, 'a bad escape is a syntax error, not a throw');
  });

  it('puts the cursor into the query, replacing a value the URL had', () => {
    const options = pollOptions({ url: 'http://h/p?since=0&room=a', cursor: { from: '$.c', to: 'since' } });
    assert.equal(planRequest(options, undefined).url.search, '?since=0&room=a');
    assert.equal(planRequest(options, 'x&y=1').url.search, '?since=x%26y%3D1&room=a', 'encoded, never injected');
  });

  it('puts the cursor into a top-level body field, even one named __proto__', () => {
    const options = pollOptions({ url: 'http://h/p', method: 'POST', cursor: { from: '$.c', to: 'body.__proto__' } });
    const plan = planRequest(options, 3);
    assert.equal(plan.body, '{"__proto__":3}');
    assert.deepEqual(plan.headers.slice(0, 2), [
      ['Content-Type', 'application/json'],
      ['Content-Length', '15'],
    ]);
  });

  it('calls 204, no body, [] and {} empty, and nothing else', () => {
    const bytes = (text: string): Uint8Array => Buffer.from(text);
    assert.ok(isEmptyAnswer(204, bytes('ignored')));
    for (const text of ['', '[]', ' { } ', '[\n]']) assert.ok(isEmptyAnswer(200, bytes(text)), JSON.stringify(text));
    for (const text of ['[0]', '{"a":1}', 'null', '""']) assert.ok(!isEmptyAnswer(200, bytes(text)), text);
  });
});

describe('retry delays', () => {
  const policy = { maxRetries: 5, initialDelayMs: 100, maxDelayMs: 1000 };

  it('doubles per retry in a row, up to the cap, with half of it jittered', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, policy, () => 0)),
      [50, 100, 200, 400, 500, 500],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 0.999999)),
      [100, 200, 400, 800, 1000],
    );
    assert.equal(
      backoffDelayMs(1, policy, () => NaN),
      75,
      'a broken random source still gives a sane delay',
    );
  });

  it('honours Retry-After (seconds or a date) up to the cap', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryAfterMs([['Retry-After', '2']], now), 2000);
    assert.equal(retryAfterMs([['retry-after', 'Wed, 01 Jan 2025 00:00:03 GMT']], now), 3000);
    assert.equal(retryAfterMs([['Retry-After', 'soon']], now), undefined);
    assert.equal(
      retryDelayMs(1, policy, () => 0, 600),
      600,
      'longer than the backoff: the server wins',
    );
    assert.equal(
      retryDelayMs(1, policy, () => 0, 3_600_000),
      1000,
      'but never past maxDelayMs',
    );
  });
});
