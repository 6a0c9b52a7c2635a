/**
 * `npm run bench` (issue #9): ingest, Socket.IO and scale benchmarks, each a ratio measured in this one
 * run (never a timed test), printed and written to bench-results.json at the repository root.
 *
 *   npm run bench -- --count 1000000 --rounds 3 --sio-events 100000 --scale-events 1000000
 *   npm run bench -- --only ingest,scale --cpu-prof bench-profiles
 *   npm run bench -- --only ui   (opt-in: code-server in Chromium, about two minutes; see uiBench.ts)
 */
import { join, resolve } from 'node:path';
import { printFigures, writeFigures, type BenchFigure } from './benchResults';
import { ingestBench } from './ingestBench';
import { scaleBench } from './scaleBench';
import { socketIoBench } from './socketIoBench';
import { uiBench } from './uiBench';

interface BenchOptions {
  count: number;
  rounds: number;
  sioEvents: number;
  scaleEvents: number;
  only: string[];
  cpuProfDir?: string;
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
  return {
    count: number('count', 1_000_000),
    rounds: number('rounds', 3),
    sioEvents: number('sio-events', 100_000),
    scaleEvents: number('scale-events', 1_000_000),
    only: (value('only') ?? 'ingest,sio,scale').split(','),
    cpuProfDir: profile ? resolve(root, profile) : undefined,
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
  printFigures(figures);
  console.log(`wrote ${writeFigures(root, figures)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
