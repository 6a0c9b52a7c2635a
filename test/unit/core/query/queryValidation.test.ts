/**
 * Queries and page requests from the webview (issue #9): whatever arrives, a query or a reason, never an
 * exception, and never a field outside the allowlist.
 */
import assert from 'node:assert/strict';
import {
  parseEventQuery,
  parseQueryPageRequest,
  QUERY_PAGE_MAX_LIMIT,
  QUERY_TEXT_MAX_CHARS,
} from '../../../../src/core/query/queryValidation';

const reasonOf = (input: unknown): string => {
  const parsed = parseEventQuery(input);
  assert.equal(parsed.ok, false, `accepted ${String(input)}`);
  return parsed.ok ? '' : parsed.reason;
};

describe('parseEventQuery', () => {
  it('accepts every field, copied into a fresh object', () => {
    const input = {
      text: 'hello',
      regex: { source: '^a+$', flags: 'iu' },
      directions: ['in', 'out'],
      layers: ['ws', 'sio'],
      types: ['message', 'sio-event'],
      sioEvent: 'chat message',
      namespace: '/chat',
      timeFrom: 1,
      timeTo: 2,
    };
    const parsed = parseEventQuery(input);
    assert.deepEqual(parsed, { ok: true, value: input });
    assert.ok(parsed.ok && parsed.value !== input && parsed.value.regex !== input.regex);
  });

  it('absent, null and empty conditions mean "no condition"', () => {
    const input = { text: '', regex: { source: '' }, directions: [], layers: null, timeFrom: null };
    assert.deepEqual(parseEventQuery(input), { ok: true, value: {} });
    assert.deepEqual(parseEventQuery(Object.create(null)), { ok: true, value: {} });
    assert.deepEqual(parseEventQuery({ directions: ['in', 'in'] }), { ok: true, value: { directions: ['in'] } });
  });

  it('refuses what is not a plain object', () => {
    for (const input of [undefined, null, 'text', 42, [], [{}], new Date(), new Map(), () => 1]) {
      assert.match(reasonOf(input), /^The query is not (an|a plain) object\.$/);
    }
  });

  it('refuses unknown and inherited-looking fields', () => {
    assert.equal(reasonOf({ text: 'a', extra: 1 }), 'The query has an unknown field.');
    assert.equal(reasonOf(JSON.parse('{"__proto__": {"text": "x"}}')), 'The query has an unknown field.');
    assert.equal(reasonOf({ constructor: 'x' }), 'The query has an unknown field.');
    assert.equal(reasonOf({ [Symbol('s')]: 1 }), 'The query has an unknown field.');
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    assert.equal(reasonOf(many), 'The query has more fields than it can have.');
  });

  it('bounds strings and lists', () => {
    assert.match(reasonOf({ text: 'x'.repeat(QUERY_TEXT_MAX_CHARS + 1) }), /^text is longer than/);
    assert.match(reasonOf({ regex: { source: 'x'.repeat(QUERY_TEXT_MAX_CHARS + 1) } }), /^regex.source is longer/);
    assert.match(reasonOf({ sioEvent: 'e'.repeat(257) }), /^sioEvent is longer than 256/);
    assert.match(reasonOf({ namespace: 42 }), /^namespace must be text/);
    assert.match(reasonOf({ types: new Array(1_000_000).fill('message') }), /^types has more than 64 entries/);
    assert.match(reasonOf({ types: [''] }), /^types must hold names of 1 to 256/);
    assert.match(reasonOf({ types: 'message' }), /^types must be a list/);
  });

  it('knows the directions and layers', () => {
    assert.match(reasonOf({ directions: ['sideways'] }), /^Unknown direction; expected one of in, out, local\.$/);
    assert.match(reasonOf({ directions: ['toString'] }), /^Unknown direction/);
    assert.match(reasonOf({ layers: ['ws', 'quic'] }), /^Unknown layer; expected one of tcp, tls, http/);
    assert.match(reasonOf({ layers: [{ toString: () => 'ws' }] }), /^Unknown layer/);
    assert.match(reasonOf({ directions: ['in', 'out', 'local', 'in'] }), /^directions has more than 3/);
  });

  it('checks the regular expression: fields, flags from "imsu" once each, and that it compiles', () => {
    assert.match(reasonOf({ regex: '^a' }), /^regex is not an object/);
    assert.match(reasonOf({ regex: /a/ }), /^regex is not a plain object/);
    assert.match(reasonOf({ regex: { source: 'a', flags: 'g' } }), /^regex.flags may hold each of "imsu" once/);
    assert.match(reasonOf({ regex: { source: 'a', flags: 'ii' } }), /^regex.flags may hold/);
    assert.match(reasonOf({ regex: { source: 'a', flags: 'imsuy' } }), /^regex.flags is longer than 4/);
    assert.match(reasonOf({ regex: { source: 'a', lastIndex: 3 } }), /^regex has an unknown field/);
    assert.match(reasonOf({ regex: { source: '(' } }), /^Not a valid regular expression: /);
    assert.match(reasonOf({ regex: { source: '\\p{Nope}', flags: 'u' } }), /^Not a valid regular expression/);
  });

  it('wants finite times, in order', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, '1', 1n]) {
      assert.match(reasonOf({ timeFrom: bad }), /^timeFrom must be a finite time/);
    }
    assert.equal(reasonOf({ timeFrom: 2, timeTo: 1 }), 'timeFrom is after timeTo.');
  });

  it('never throws, even on a proxy that does', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    assert.deepEqual(parseEventQuery(hostile), { ok: false, reason: 'The query could not be read.' });
    const getter = Object.defineProperty({}, 'text', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    assert.deepEqual(parseEventQuery(getter), { ok: false, reason: 'The query could not be read.' });
  });
});

describe('parseQueryPageRequest', () => {
  it('accepts a whole start seq, a direction and a bounded limit', () => {
    const input = { fromSeq: 0, direction: 'backward', limit: QUERY_PAGE_MAX_LIMIT };
    assert.deepEqual(parseQueryPageRequest(input), { ok: true, value: input });
  });

  it('refuses anything else with a reason', () => {
    const bad: unknown[] = [
      null,
      [],
      { fromSeq: 1, direction: 'forward' },
      { fromSeq: -1, direction: 'forward', limit: 1 },
      { fromSeq: 1.5, direction: 'forward', limit: 1 },
      { fromSeq: 2 ** 60, direction: 'forward', limit: 1 },
      { fromSeq: 1, direction: 'up', limit: 1 },
      { fromSeq: 1, direction: 'forward', limit: 0 },
      { fromSeq: 1, direction: 'forward', limit: QUERY_PAGE_MAX_LIMIT + 1 },
      { fromSeq: 1, direction: 'forward', limit: 1, extra: true },
    ];
    for (const input of bad) {
      const parsed = parseQueryPageRequest(input);
      assert.equal(parsed.ok, false, JSON.stringify(input));
      assert.ok(!parsed.ok && parsed.reason.length > 0);
    }
  });
});
