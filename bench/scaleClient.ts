/**
 * Scale, in its own process: `count` messages from the flood server recorded by a WebSocket session into
 * the extension's log (a SpillingEventLog with the default budgets, spilling to a temp dir), then the heap they take, a regular-expression query over all of
 * them through `runQuery` (the panel's entry point), and jumps to random rows (`log.page(seq, 50)`).
 */
import { runQuery, warmQueryRunner } from '../src/core/query/queryRunner';
import { createSession } from '../src/core/session/createSession';
import { spillingBenchLog } from './benchLog';
import { childArgs, finish, settledHeap } from './childRun';

export interface ScaleArgs {
  url: string;
  count: number;
  jumps: number;
}

export interface ScaleResult {
  events: number;
  heapGrowthMb: number;
  queryMs: number;
  queryMatches: number;
  queryOk: boolean;
  pageMsMax: number;
  pageMsMedian: number;
}

/** Matches no flood message (they all say "buy"), so the query reads every event to the end. */
const QUERY = { regex: { source: '"side":"sell".*"qty":\\d+', flags: 'i' } };

async function main(): Promise<void> {
  const { url, jumps } = childArgs<ScaleArgs>();
  const before = settledHeap();
  const benchLog = spillingBenchLog();
  const created = createSession({ kind: 'websocket', url }, { logFactory: benchLog.logFactory });
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const session = created.value;
  const closed = new Promise<void>((resolve) => session.onDidChange((info) => info.state === 'closed' && resolve()));
  await session.start();
  await closed;
  const log = session.log;
  const heapGrowthMb = (settledHeap() - before) / 2 ** 20;

  // As the extension does when a panel opens (PanelController): the query worker is started ahead of the query.
  await warmQueryRunner();
  const queryStart = performance.now();
  const page = await runQuery(log, QUERY, { fromSeq: 1, direction: 'forward', limit: 500 });
  const queryMs = performance.now() - queryStart;

  const times: number[] = [];
  for (let i = 0; i < jumps; i++) {
    const seq = 1 + Math.floor(Math.random() * log.count);
    const start = performance.now();
    const rows = log.page(seq, 50);
    times.push(performance.now() - start);
    if (rows[0]?.seq !== seq) throw new Error(`page(${seq}) began at ${rows[0]?.seq}`);
  }
  times.sort((a, b) => a - b);
  finish({
    events: log.count,
    heapGrowthMb,
    queryMs,
    queryMatches: page.ok ? page.seqs.length : -1,
    queryOk: page.ok && page.nextSeq === undefined,
    pageMsMax: times[times.length - 1],
    pageMsMedian: times[times.length >> 1],
  } satisfies ScaleResult);
  session.dispose();
  benchLog.remove();
}

void main();
