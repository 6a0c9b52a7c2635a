/**
 * Pages of matches (issue #9): forward and backward with nextSeq, the live tail of a filtered view, logs that let
 * old events go, and a log of 100,000 events.
 */
import assert from 'node:assert/strict';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { queryTail, type QueryPage } from '../../../../src/core/query/queryRunner';
import { longLog, textEvent, useRunner } from './queryFixtures';

const okPage = (page: QueryPage): { seqs: number[]; nextSeq?: number } => {
  assert.ok(page.ok, JSON.stringify(page));
  return { seqs: page.seqs, nextSeq: page.nextSeq };
};
const range = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) out.push(i);
  return out;
};

describe('query paging', () => {
  const runner = useRunner();
  /** 100 events; every 10th says needle. */
  const log = () => longLog(100, (i) => i % 10 === 0);

  it('forward: pages of `limit`, nextSeq after the last match, undefined at the end', async () => {
    const l = log();
    const first = okPage(await runner().run(l, { text: 'needle' }, { fromSeq: 1, direction: 'forward', limit: 4 }));
    assert.deepEqual(first, { seqs: [10, 20, 30, 40], nextSeq: 41 });
    const second = okPage(await runner().run(l, { text: 'needle' }, { fromSeq: 41, direction: 'forward', limit: 4 }));
    assert.deepEqual(second, { seqs: [50, 60, 70, 80], nextSeq: 81 });
    const last = okPage(await runner().run(l, { text: 'needle' }, { fromSeq: 81, direction: 'forward', limit: 4 }));
    assert.deepEqual(last, { seqs: [90, 100], nextSeq: undefined });
  });

  it('backward: from the newest, in descending order, nextSeq before the last match', async () => {
    const l = log();
    const query = { regex: { source: 'needle-\\d+0$' } };
    const first = okPage(await runner().run(l, query, { fromSeq: 100, direction: 'backward', limit: 3 }));
    assert.deepEqual(first, { seqs: [100, 90, 80], nextSeq: 79 });
    const rest = okPage(await runner().run(l, query, { fromSeq: 79, direction: 'backward', limit: 100 }));
    assert.deepEqual(rest, { seqs: [70, 60, 50, 40, 30, 20, 10], nextSeq: undefined });
    const fromPastEnd = okPage(await runner().run(l, query, { fromSeq: 1e9, direction: 'backward', limit: 1 }));
    assert.deepEqual(fromPastEnd, { seqs: [100], nextSeq: 99 });
  });

  it('a full page that ends on the last event says the end was reached', async () => {
    const page = await runner().run(log(), { text: 'needle' }, { fromSeq: 91, direction: 'forward', limit: 2 });
    assert.deepEqual(okPage(page), { seqs: [100], nextSeq: undefined });
    const exact = await runner().run(log(), { text: 'needle' }, { fromSeq: 95, direction: 'forward', limit: 1 });
    assert.deepEqual(okPage(exact), { seqs: [100], nextSeq: undefined });
  });

  it('forward past the end is an empty page, not the last event again', async () => {
    const page = await runner().run(log(), {}, { fromSeq: 101, direction: 'forward', limit: 10 });
    assert.deepEqual(okPage(page), { seqs: [], nextSeq: undefined });
  });

  it('starts at the oldest event held when older ones were let go', async () => {
    const l = new MemoryEventLog({ maxEvents: 1000, maxPayloadBytes: 1 << 20 });
    for (let i = 1; i <= 1500; i++) l.append(textEvent(i, i % 100 === 0 ? `needle-${i}` : 'hay'));
    assert.equal(l.dropped, 500);
    const forward = await runner().run(l, { text: 'needle' }, { fromSeq: 1, direction: 'forward', limit: 3 });
    assert.deepEqual(okPage(forward), { seqs: [600, 700, 800], nextSeq: 801 });
    const back = await runner().run(l, { text: 'needle' }, { fromSeq: 700, direction: 'backward', limit: 10 });
    assert.deepEqual(okPage(back), { seqs: [700, 600], nextSeq: undefined });
  });

  it('live tail: matches among events appended since the last call', async () => {
    const l = log();
    const query = { regex: { source: '^needle' } };
    const start = await runner().tail(l, query, 95);
    assert.deepEqual(start, { ok: true, seqs: [100], afterSeq: 100 });
    assert.deepEqual(await runner().tail(l, query, 100), { ok: true, seqs: [], afterSeq: 100 });
    for (const text of ['hay', 'needle-a', 'hay', 'needle-b']) l.append(textEvent(l.count + 1, text));
    assert.deepEqual(await runner().tail(l, query, 100), { ok: true, seqs: [102, 104], afterSeq: 104 });
  });

  it('live tail: more matches than the limit come on the next calls', async () => {
    const l = log();
    const first = await runner().tail(l, { text: 'needle' }, 0, 4);
    assert.deepEqual(first, { ok: true, seqs: [10, 20, 30, 40], afterSeq: 40 });
    const next = await queryTail(l, { text: 'needle' }, 40, 100);
    assert.deepEqual(next, { ok: true, seqs: [50, 60, 70, 80, 90, 100], afterSeq: 100 });
  });

  describe('a log of 100,000 events', () => {
    const big = longLog(100_000, (i) => i % 1000 === 7);
    const needles = range(7, 99_007, 1000);

    it('text: pages forward through every match', async () => {
      const seen: number[] = [];
      let fromSeq: number | undefined = 1;
      while (fromSeq !== undefined) {
        const page = okPage(await runner().run(big, { text: 'NEEDLE' }, { fromSeq, direction: 'forward', limit: 30 }));
        assert.ok(page.seqs.length === 30 || page.nextSeq === undefined);
        seen.push(...page.seqs);
        fromSeq = page.nextSeq;
      }
      assert.deepEqual(seen, needles);
    });

    it('regex: pages backward through every match', async () => {
      const seen: number[] = [];
      let fromSeq: number | undefined = big.count;
      const query = { regex: { source: 'needle-\\d*7$' } };
      while (fromSeq !== undefined) {
        const page = okPage(await runner().run(big, query, { fromSeq, direction: 'backward', limit: 40 }));
        seen.push(...page.seqs);
        fromSeq = page.nextSeq;
      }
      assert.deepEqual(seen, [...needles].reverse());
    });

    it('fields only: the last page of a filter that matches everything', async () => {
      const page = await runner().run(big, { layers: ['ws'] }, { fromSeq: 99_990, direction: 'forward', limit: 5 });
      assert.deepEqual(okPage(page), { seqs: [99_990, 99_991, 99_992, 99_993, 99_994], nextSeq: 99_995 });
    });
  });
});
