/**
 * Ingest (issue #9): the flood server writes pre-built 102-byte text frames; in each round a bare `ws`
 * client and our session with a live panel's host path each read `count` of them, in child processes,
 * alternately. The ratio is taken per round (same conditions) and the median of the rounds reported.
 */
import { startFloodServer } from '../test/fixtures/servers/floodServer';
import { median, type BenchFigure } from './benchResults';
import { runChild } from './runChild';
import type { IngestResult } from './ingestClient';

export interface IngestOptions {
  count: number;
  rounds: number;
  cpuProfDir?: string;
}

export async function ingestBench(options: IngestOptions): Promise<BenchFigure[]> {
  const server = await startFloodServer({ frames: options.count });
  const ratios: number[] = [];
  const bare: number[] = [];
  const ours: number[] = [];
  const heap: number[] = [];
  const engineRatios: number[] = [];
  let lost = 0;
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const args = { url: server.url, count: options.count };
      const ws = await runChild<IngestResult>('ingestClient.ts', { ...args, mode: 'ws' });
      const session = await runChild<IngestResult>(
        'ingestClient.ts',
        { ...args, mode: 'session' },
        { cpuProfDir: options.cpuProfDir },
      );
      const engine = await runChild<IngestResult>('ingestClient.ts', { ...args, mode: 'engine' });
      const wsRate = (ws.messages / ws.ms) * 1000;
      const engineRate = (engine.messages / engine.ms) * 1000;
      engineRatios.push((engineRate / wsRate) * 100);
      lost += engine.lost ?? 0;
      const sessionRate = (session.messages / session.ms) * 1000;
      ratios.push((sessionRate / wsRate) * 100);
      bare.push(wsRate);
      ours.push(sessionRate);
      heap.push(session.heapBytesPerMessage ?? NaN);
      lost += session.lost ?? 0;
      console.log(
        `  ingest round ${round}: bare ws ${Math.round(wsRate)} msg/s, session+panel ${Math.round(sessionRate)} msg/s` +
          ` (${((sessionRate / wsRate) * 100).toFixed(1)} %), ${Math.round(session.heapBytesPerMessage ?? 0)} B/msg;` +
          ` session alone ${Math.round(engineRate)} msg/s (${((engineRate / wsRate) * 100).toFixed(1)} %)`,
      );
    }
  } finally {
    await server.close();
  }
  const baseline = `${Math.round(median(bare))} msg/s (bare ws, median of ${options.rounds})`;
  return [
    { name: 'ingest: session + live panel vs bare ws', value: median(ratios), unit: '%', goal: '>= 40', baseline },
    { name: 'ingest: session + live panel rate', value: median(ours), unit: 'msg/s', baseline },
    { name: 'ingest: session alone (no panel) vs bare ws', value: median(engineRatios), unit: '%', baseline },
    { name: 'ingest: heap per recorded message', value: median(heap), unit: 'B', baseline: 'JS heap + array buffers' },
    { name: 'ingest: events lost (all rounds)', value: lost, unit: 'events', goal: '== 0' },
  ];
}
