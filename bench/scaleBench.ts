/**
 * Scale (issue #9): a million events in one session's log — the heap they take, a regular-expression
 * query over all of them, a jump to any row. One run (it is a bound, not a ratio); the goals are the
 * design's: < 300 MB, < 500 ms, < 50 ms.
 */
import { startFloodServer } from '../test/fixtures/servers/floodServer';
import type { BenchFigure } from './benchResults';
import { runChild } from './runChild';
import type { ScaleResult } from './scaleClient';

export interface ScaleOptions {
  scaleEvents: number;
  cpuProfDir?: string;
}

const JUMPS = 1000;

export async function scaleBench(options: ScaleOptions): Promise<BenchFigure[]> {
  const server = await startFloodServer({ frames: options.scaleEvents });
  let result: ScaleResult;
  try {
    const args = { url: server.url, count: options.scaleEvents, jumps: JUMPS };
    result = await runChild<ScaleResult>('scaleClient.ts', args, { cpuProfDir: options.cpuProfDir });
  } finally {
    await server.close();
  }
  const events = `${result.events} events in the log`;
  const scanned = result.queryOk ? `${events}, all scanned, ${result.queryMatches} matches` : 'query did not finish';
  return [
    { name: 'scale: heap growth', value: result.heapGrowthMb, unit: 'MB', goal: '< 300', baseline: events },
    {
      name: 'scale: regex query over every event',
      value: result.queryMs,
      unit: 'ms',
      goal: '< 500',
      baseline: scanned,
    },
    {
      name: 'scale: jump to a row, log.page(seq, 50), worst',
      value: result.pageMsMax,
      unit: 'ms',
      goal: '< 50',
      baseline: `${JUMPS} random seqs, median ${result.pageMsMedian.toFixed(3)} ms`,
    },
  ];
}
