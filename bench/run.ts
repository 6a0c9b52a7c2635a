/**
 * `npm run bench` (issue #9): ingest, Socket.IO and scale benchmarks, each a ratio measured in this one
 * run (never a timed test), printed and written to bench-results.json at the repository root.
 *
 *   npm run bench -- --count 1000000 --rounds 3 --sio-events 100000 --scale-events 1000000
 *   npm run bench -- --only ingest,scale --cpu-prof bench-profiles
 *   npm run bench -- --only ui   (opt-in: code-server in Chromium, about two minutes; see uiBench.ts)
 *   npm run bench -- soak --minutes 30 --rate 5000   (opt-in, issue 12: see soakBench.ts; `--only soak` too,
 *     `--log-memory-mb 16` makes a short run spill). Its figures go to bench-results/soak-<time>.json, so a
 *     soak alone leaves bench-results.json as the last full run wrote it.
 */
import { join, resolve } from 'node:path';
import { printFigures, writeFigures, type BenchFigure } from './benchResults';
import { ingestBench } from './ingestBench';
import { scaleBench } from './scaleBench';
import { soakBench } from './soakBench';
import { socketIoBench } from './socketIoBench';
import { uiBench } from './uiBench';

interface BenchOptions {
  count: number;
  rounds: number;
  sioEvents: number;
  scaleEvents: number;
  only: string[];
  cpuProfDir?: string;
  minutes: number;
  rate: number;
  logMemoryMB?: number;
}

const root = join(__dirname, '..');

function parseOptions(argv: readonly string[]): BenchOptions {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string, fallback: number): number => {
    const n = Number(value(name) ?? fallback);
    if (!Number.isFinite(n) || n < 1) throw new Error(`--${name} wants a positive number`);
    return Math.floor(n);
  };
  const profile = value('cpu-prof');
  const only = (value('only') ?? 'ingest,sio,scale').split(',');
  // `npm run bench -- soak`: the bare word alone runs the soak bench (not in the default set).
  const bare = argv.filter((arg, i) => !arg.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  return {
    count: number('count', 1_000_000),
    rounds: number('rounds', 3),
    sioEvents: number('sio-events', 100_000),
    scaleEvents: number('scale-events', 1_000_000),
    only: bare.includes('soak') && value('only') === undefined ? ['soak'] : [...only, ...bare],
    cpuProfDir: profile ? resolve(root, profile) : undefined,
    minutes: number('minutes', 30),
    rate: number('rate', 5000),
    logMemoryMB: value('log-memory-mb') === undefined ? undefined : number('log-memory-mb', 256),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`bench: ${JSON.stringify(options)}`);
  const figures: BenchFigure[] = [];
  if (options.only.includes('ingest')) figures.push(...(await ingestBench(options)));
  if (options.only.includes('sio')) figures.push(...(await socketIoBench(options)));
  if (options.only.includes('scale')) figures.push(...(await scaleBench(options)));
  if (options.only.includes('ui')) figures.push(...(await uiBench()));
  const soak = options.only.includes('soak') ? await soakBench(options) : [];
  printFigures([...figures, ...soak]);
  if (figures.length > 0) console.log(`wrote ${writeFigures(root, figures)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
