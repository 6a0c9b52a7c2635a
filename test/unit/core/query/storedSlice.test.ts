/**
 * A regular-expression search read from the records' stored bytes (storedSlice.ts, searchFields.ts) finds exactly
 * what the search over decoded events finds: same seqs, same order, for any text (non-ASCII, lone surrogates, past
 * the searched length), any payload, types whose preview comes from their meta, field filters, and blocks on disk.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { NewLogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { SpillingEventLog } from '../../../../src/core/events/store/spillingEventLog';
import {
  compileQuery,
  matchesQuery,
  SEARCH_TEXT_MAX_CHARS,
  type EventQuery,
} from '../../../../src/core/query/eventQuery';
import { scanLog, type RegexEvaluator } from '../../../../src/core/query/queryScan';
import { unpackRecords } from '../../../../src/core/query/queryWorkerProtocol';
import { canScanStored, readStoredSlice, storedScanFits } from '../../../../src/core/query/storedSlice';
import { T0, textEvent } from './queryFixtures';

/** The worker's rule, run in this thread. */
const inThread: RegexEvaluator = (compiled, packed) =>
  Promise.resolve({
    ok: true,
    seqs: unpackRecords(packed)
      .filter((record) => matchesQuery(record, compiled))
      .map((record) => record.seq),
  });

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('price up', 'PRICE down', 'é price', 'x\uD800price', '{"op":"price"}', ''),
  fc.string({ minLength: 30, maxLength: 200 }),
);

const event: fc.Arbitrary<NewLogEvent> = fc
  .tuple(
    fc.nat(1000),
    text,
    fc.constantFrom('message', 'closed', 'error', 'handshake-response', 'sse-event', 'poll-response'),
    fc.constantFrom('in' as const, 'out' as const),
    fc.constantFrom('ws' as const, 'sio' as const, 'http' as const),
    fc.constantFrom('text', 'binary', 'none', 'meta'),
  )
  .map(([i, body, type, direction, layer, payload]) => {
    const base = textEvent(i, body, { type, direction, layer });
    if (payload === 'binary') return { ...base, payload: { kind: 'binary', bytes: Buffer.from(body), byteLength: 1 } };
    if (payload === 'none') return { ...base, payload: undefined };
    if (payload === 'meta') return { ...base, meta: { close: { wireCode: 1000, wireReason: body }, note: body } };
    return base;
  });

const query: fc.Arbitrary<EventQuery> = fc.record(
  {
    regex: fc.record({
      source: fc.constantFrom('price', '^price', 'e$', '\\u00e9', '[^\\x00-\\x7f]', '.'),
      flags: fc.constantFrom('', 'i'),
    }),
    directions: fc.constantFrom(['in' as const], ['out' as const]),
    layers: fc.constantFrom(['ws' as const], ['sio' as const, 'http' as const]),
    timeFrom: fc.constant(T0 + 300_000),
  },
  { requiredKeys: ['regex'] },
);

async function scan(log: MemoryEventLog | SpillingEventLog, q: EventQuery, limit = 1_000_000): Promise<number[]> {
  const compiled = compileQuery(q);
  assert.ok(compiled.ok);
  const result = await scanLog(log, compiled.value, { fromSeq: 1, direction: 'forward', limit }, inThread);
  assert.ok(result.ok);
  return result.seqs;
}

describe('storedSlice: a regex search on stored text', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ri-stored-slice-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds what the search over decoded events finds (property, some blocks on disk)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 120 }), query, async (events, q) => {
        const memory = new MemoryEventLog();
        const spilling = new SpillingEventLog({ dir, memoryBudgetBytes: 8192, blockBytes: 4096 });
        try {
          for (const e of events) {
            memory.append(e);
            spilling.append(e);
          }
          assert.ok(canScanStored(spilling) && !canScanStored(memory));
          assert.deepStrictEqual(await scan(spilling, q), await scan(memory, q));
          assert.deepStrictEqual(await scan(spilling, q, 3), await scan(memory, q, 3));
        } finally {
          spilling.dispose();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('searches the first SEARCH_TEXT_MAX_CHARS characters of a long text, as the decoded search does', async () => {
    const spilling = new SpillingEventLog({ dir });
    const memory = new MemoryEventLog();
    const long = (tail: string, unit: string): string => unit.repeat(SEARCH_TEXT_MAX_CHARS - 1) + tail;
    for (const body of [long('Z', 'a'), long('bZ', 'a'), long('Z', 'é'), long('Z', '😀'), long('Z', '\uD800')]) {
      memory.append(textEvent(1, body));
      spilling.append(textEvent(1, body));
    }
    try {
      for (const source of ['Z$', 'Z', 'a$', '\\uFFFD']) {
        const expected = await scan(memory, { regex: { source } });
        assert.deepStrictEqual(await scan(spilling, { regex: { source } }), expected, source);
      }
      assert.deepStrictEqual(
        await scan(spilling, { regex: { source: 'Z' } }),
        [1, 3, 5],
        'Z within the first characters',
      );
    } finally {
      spilling.dispose();
    }
  });

  it('reads text payloads as stored bytes: the batch holds their UTF-8, never a string built on the host', () => {
    const log = new SpillingEventLog({ dir });
    try {
      log.append(textEvent(1, 'héllo'));
      log.append(textEvent(2, 'closed by peer', { type: 'closed' }));
      const compiled = compileQuery({ regex: { source: 'l' } });
      assert.ok(compiled.ok && storedScanFits(compiled.value));
      const read = readStoredSlice(log, 1, 10, { query: compiled.value.query }, 1 << 20);
      assert.ok(read);
      assert.equal(read.lastSeq, 2);
      const stored = Buffer.from('héllo', 'utf8');
      assert.deepStrictEqual(Buffer.from(read.batch.text.subarray(0, stored.length)), stored);
      assert.deepStrictEqual(
        unpackRecords(read.batch).map((r) => r.text),
        ['héllo', 'closed by peer'],
        'a type whose preview comes from its meta is read as its search view',
      );
    } finally {
      log.dispose();
    }
  });

  it('is not used for the plain-text filter or Socket.IO fields (they need the decoded event)', () => {
    for (const q of [{ text: 'x', regex: { source: 'x' } }, { regex: { source: 'x' }, sioEvent: 'a' }, { text: 'x' }]) {
      const compiled = compileQuery(q);
      assert.ok(compiled.ok);
      assert.equal(storedScanFits(compiled.value), false, JSON.stringify(q));
    }
  });
});
