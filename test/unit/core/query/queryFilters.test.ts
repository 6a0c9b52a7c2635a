/**
 * Each condition of a query (issue #9): text and regular expression over the summary and the payload,
 * direction, layer, type, Socket.IO event name and namespace, time range, and their combination.
 */
import assert from 'node:assert/strict';
import type { EventQuery } from '../../../../src/core/query/eventQuery';
import { QueryErrorCode, runQuery } from '../../../../src/core/query/queryRunner';
import { sessionLog, T0, useRunner } from './queryFixtures';

const all = { fromSeq: 1, direction: 'forward', limit: 100 } as const;

describe('query filters', () => {
  const runner = useRunner();
  const matches = async (query: EventQuery): Promise<number[]> => {
    const page = await runner().run(sessionLog(), query, all);
    assert.ok(page.ok, JSON.stringify(page));
    return page.seqs;
  };

  it('an empty query matches every event', async () => {
    assert.deepEqual(await matches({}), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('text: a case-insensitive substring of the summary or the payload', async () => {
    assert.deepEqual(await matches({ text: 'hello' }), [2, 8]);
    assert.deepEqual(await matches({ text: 'HI THERE' }), [4]);
    assert.deepEqual(await matches({ text: 'de ad' }), [7], 'the hex summary of a binary payload');
    assert.deepEqual(await matches({ text: 'no such thing' }), []);
  });

  it('regex: JavaScript syntax with its flags, case-sensitive unless "i"', async () => {
    assert.deepEqual(await matches({ regex: { source: 'Hel+o' } }), [2]);
    assert.deepEqual(await matches({ regex: { source: 'hel+o', flags: 'i' } }), [2, 8]);
    assert.deepEqual(await matches({ regex: { source: '^world' } }), [3]);
    assert.deepEqual(await matches({ regex: { source: '^hi there"\\]$', flags: 'm' } }), []);
    assert.deepEqual(await matches({ regex: { source: '"kick",\\d+\\]$' } }), [5]);
  });

  it('text and regex together: both must match', async () => {
    assert.deepEqual(await matches({ text: 'hello', regex: { source: '^HELLO' } }), [8]);
  });

  it('directions, layers and types', async () => {
    assert.deepEqual(await matches({ directions: ['out'] }), [2, 5]);
    assert.deepEqual(await matches({ directions: ['local', 'out'] }), [1, 2, 5]);
    assert.deepEqual(await matches({ layers: ['sio'] }), [4, 5]);
    assert.deepEqual(await matches({ layers: ['eio', 'sio'] }), [4, 5, 6]);
    assert.deepEqual(await matches({ types: ['message'] }), [2, 3, 7, 8]);
    assert.deepEqual(await matches({ types: ['eio-ping', 'connecting'] }), [1, 6]);
  });

  it('Socket.IO event name and namespace, exact', async () => {
    assert.deepEqual(await matches({ sioEvent: 'chat message' }), [4]);
    assert.deepEqual(await matches({ sioEvent: 'chat' }), []);
    assert.deepEqual(await matches({ namespace: '/admin' }), [5]);
    assert.deepEqual(await matches({ namespace: '/' }), []);
  });

  it('time range, inclusive at both ends', async () => {
    assert.deepEqual(await matches({ timeFrom: T0 + 3000, timeTo: T0 + 5000 }), [3, 4, 5]);
    assert.deepEqual(await matches({ timeFrom: T0 + 7000 }), [7, 8]);
    assert.deepEqual(await matches({ timeTo: T0 + 1000 }), [1]);
  });

  it('every condition narrows', async () => {
    const query: EventQuery = { directions: ['in'], layers: ['sio'], text: 'hi', regex: { source: 'chat' } };
    assert.deepEqual(await matches(query), [4]);
    assert.deepEqual(await matches({ ...query, namespace: '/admin' }), []);
  });

  it('a bad regular expression is a clear message, not an exception', async () => {
    const page = await runner().run(sessionLog(), { regex: { source: '(unclosed' } }, all);
    assert.equal(page.ok, false);
    if (page.ok) return;
    assert.equal(page.error.code, QueryErrorCode.InvalidQuery);
    assert.match(page.error.message, /^Not a valid regular expression: .*unclosed/);
  });

  it('a page request that is not one is refused, not thrown', async () => {
    const page = await runner().run(sessionLog(), {}, { fromSeq: Number.NaN, direction: 'forward', limit: 1 });
    assert.equal(page.ok ? undefined : page.error.code, QueryErrorCode.InvalidQuery);
  });

  it('runQuery, the shared runner, gives the same answers', async () => {
    assert.deepEqual(await runQuery(sessionLog(), { regex: { source: 'hel+o', flags: 'i' } }, all), {
      ok: true,
      seqs: [2, 8],
      nextSeq: undefined,
    });
  });
});
