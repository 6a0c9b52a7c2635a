/**
 * A regular expression that runs too long is stopped with a clear message, not a frozen host (issue #9): it runs
 * in a worker with a watchdog, the host's thread keeps running meanwhile, and the next query gets a new worker.
 */
import assert from 'node:assert/strict';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { QueryErrorCode, QueryRunner, type QueryPage } from '../../../../src/core/query/queryRunner';
import { compileQuery, searchRecordOf } from '../../../../src/core/query/eventQuery';
import { REGEX_BATCH_BUDGET_MS, RegexWorkerClient } from '../../../../src/core/query/regexWorkerClient';
import { packRecords, type PackedRecords } from '../../../../src/core/query/queryWorkerProtocol';
import { CATASTROPHIC_TEXT, textEvent, useRunner } from './queryFixtures';

const CATASTROPHIC = { regex: { source: '(a+)+$' } };
const everything = { fromSeq: 1, direction: 'forward', limit: 100 } as const;

/** 20 short events; event 13 is the one `(a+)+$` backtracks on. */
function trapLog(): MemoryEventLog {
  const log = new MemoryEventLog();
  for (let i = 1; i <= 20; i++) log.append(textEvent(i, i === 13 ? CATASTROPHIC_TEXT : `event ${i} b`));
  return log;
}

/** Runs `query` and counts the main thread's timer callbacks that ran while it did. */
async function runCountingTicks(runner: QueryRunner, log: MemoryEventLog, query = CATASTROPHIC) {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    const page = await runner.run(log, query, everything);
    return { page, ticks };
  } finally {
    clearInterval(timer);
  }
}

function failureOf(page: QueryPage) {
  assert.equal(page.ok, false, JSON.stringify(page));
  return (page as Extract<QueryPage, { ok: false }>).error;
}

describe('regular expressions in the worker', () => {
  const runner = useRunner();

  it('a catastrophic pattern is stopped with RI_QUERY_TOO_SLOW, naming the event, while the host runs', async () => {
    const { page, ticks } = await runCountingTicks(runner(), trapLog());
    const error = failureOf(page);
    assert.equal(error.code, QueryErrorCode.TooSlow);
    assert.equal(
      error.message,
      `The regular expression took longer than ${REGEX_BATCH_BUDGET_MS} ms on event #13 and was stopped.`,
    );
    assert.match(error.hint ?? '', /\(a\+\)\+/);
    assert.ok(ticks > 0, 'a timer callback on the main thread ran during the query');
  });

  it('the next query gets a fresh worker and its answer', async () => {
    const log = trapLog();
    failureOf((await runCountingTicks(runner(), log)).page);
    assert.equal(runner().workersStarted, 1);
    const page = await runner().run(log, { regex: { source: '^a+!' } }, everything);
    assert.deepEqual(page, { ok: true, seqs: [13], nextSeq: undefined });
    assert.equal(runner().workersStarted, 2);
    const again = await runner().run(log, { regex: { source: 'event 1\\d' } }, everything);
    assert.ok(again.ok);
    assert.deepEqual(again.seqs, [10, 11, 12, 14, 15, 16, 17, 18, 19]);
    assert.equal(runner().workersStarted, 2, 'a worker that answered is kept');
  });

  it('queries running at once share the worker; only the slow one fails', async () => {
    const log = trapLog();
    const [slow, fine] = await Promise.all([
      runner().run(log, CATASTROPHIC, everything),
      runner().run(log, { regex: { source: 'event 2' } }, everything),
    ]);
    assert.equal(failureOf(slow).code, QueryErrorCode.TooSlow);
    assert.deepEqual(fine, { ok: true, seqs: [2, 20], nextSeq: undefined });
  });

  it('fields and text rule events out before the worker sees them', async () => {
    const log = trapLog();
    const page = await runner().run(log, { ...CATASTROPHIC, text: 'event' }, everything);
    assert.deepEqual(page, { ok: true, seqs: [], nextSeq: undefined });
    assert.equal(runner().workersStarted, 1);
  });

  it('plain text never starts a worker', async () => {
    const page = await runner().run(trapLog(), { text: 'aaa' }, everything);
    assert.deepEqual(page, { ok: true, seqs: [13], nextSeq: undefined });
    assert.equal(runner().workersStarted, 0);
  });

  it('a runner that was disposed answers with a failure, not a hang', async () => {
    const disposed = new QueryRunner();
    disposed.dispose();
    const error = failureOf(await disposed.run(trapLog(), { regex: { source: 'b' } }, everything));
    assert.equal(error.code, QueryErrorCode.WorkerFailed);
  });

  it('a worker that cannot load is a failure with a reason', async () => {
    const broken = new QueryRunner({ script: { kind: 'bundle', path: '/nonexistent/queryWorker.js' } });
    try {
      const error = failureOf(await broken.run(trapLog(), { regex: { source: 'b' } }, everything));
      assert.equal(error.code, QueryErrorCode.WorkerFailed);
      assert.match(error.message, /could not be evaluated: The query worker (failed|stopped)/);
    } finally {
      broken.dispose();
    }
  });

  it('an answer queued behind a busy host thread is not taken for a slow pattern', async () => {
    const client = new RegexWorkerClient({ budgetMs: 20 });
    try {
      const compiled = compileQuery({ regex: { source: 'b$' } });
      assert.ok(compiled.ok);
      const records = (): PackedRecords => packRecords([...trapLog().page(1, 20)].map(searchRecordOf));
      assert.equal((await client.match(compiled.value, records())).ok, true, 'the worker is up');
      const outcome = client.match(compiled.value, records());
      // Once the batch is posted, the host's thread is busy for far longer than the budget.
      await new Promise<void>((resolve) =>
        setImmediate(() => {
          const until = Date.now() + 200;
          while (Date.now() < until);
          resolve();
        }),
      );
      const answer = await outcome;
      assert.equal(answer.ok, true, JSON.stringify(answer));
      assert.equal(client.workersStarted, 1);
    } finally {
      client.dispose();
    }
  });
});
