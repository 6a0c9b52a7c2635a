/**
 * The soak bench (issue 12, `npm run bench -- soak [--minutes 30] [--rate 5000]`; opt-in, not in the default
 * set): the real extension in code-server + Chromium (the UI bench's workbench), one WebSocket session on a
 * paced feed of numbered trading messages, its panel open and following the tail for the whole run. Samples
 * every 10 s (soakSampler.ts); at the end the panel's filter proves no message was lost (soakCheck.ts). The
 * figures (soakFigures.ts) are printed with the others; the samples go to bench-results/soak-<time>.csv/.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchFigure } from './benchResults';
import { checkDelivery } from './soakCheck';
import { deliveryFigures, memoryFigures, panelFigures, type SoakCheck } from './soakFigures';
import { sampleFeed, samplesCsv, type SoakRun } from './soakSampler';
import { startSoakServer } from './soakServer';
import { startUiBenchEnvironment } from './uiBenchEnvironment';
import { frameOf, startFrameGaps, stopFrameGaps } from './uiBenchProbes';
import * as steps from './uiBenchSteps';

export interface SoakOptions {
  minutes: number;
  /** Messages per second. */
  rate: number;
  /** `realtimeInspector.log.memoryBudgetBytes` in MB (default: the setting's 256): a short run that spills. */
  logMemoryMB?: number;
}

const ROOT = path.resolve(__dirname, '..');
const SAMPLE_MS = 10_000;

export async function soakBench(options: SoakOptions): Promise<BenchFigure[]> {
  const settings = options.logMemoryMB
    ? { 'realtimeInspector.log.memoryBudgetBytes': options.logMemoryMB * 2 ** 20 }
    : {};
  const env = await startUiBenchEnvironment(settings);
  const server = await startSoakServer({ ratePerSecond: options.rate, durationMs: options.minutes * 60_000 });
  try {
    const panel = await steps.connectSession(env.page, server.url);
    const frame = await frameOf(panel);
    await env.hostLag(); // starts the host's monitor: each sample reads and resets it
    await startFrameGaps(frame);
    console.log(`soak: ${options.rate} msg/s for ${options.minutes} min to ${server.url}, a sample every 10 s`);
    const run = await sampleFeed({ env, panel, frame, feed: server.feed }, SAMPLE_MS);
    await stopFrameGaps(frame);
    await panel.locator('#session-state', { hasText: /closed/ }).waitFor({ timeout: 120_000 });
    console.log('soak: feed ended; checking the log through the panel filter');
    const check = await checkDelivery(panel, server.feed.sent);
    const figures = [
      ...memoryFigures(run.samples),
      ...deliveryFigures(check, options.minutes * 60, options.rate),
      ...panelFigures(run.samples, run.gaps),
    ];
    writeSoakFiles({ options, check, figures, run });
    return figures;
  } catch (error) {
    fs.mkdirSync(path.join(ROOT, 'test-results/ui'), { recursive: true });
    await env.page.screenshot({ path: path.join(ROOT, 'test-results/ui/soak-failed.png') }).catch(() => undefined);
    throw error;
  } finally {
    await server.close();
    await env.dispose();
  }
}

/** bench-results/soak-<time>.json (options, check, figures, samples) and .csv (the samples). */
function writeSoakFiles(result: { options: SoakOptions; check: SoakCheck; figures: BenchFigure[]; run: SoakRun }) {
  const dir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = path.join(dir, `soak-${stamp}`);
  const { options, check, figures, run } = result;
  const json = { options, check, figures, samples: run.samples };
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(`${base}.csv`, samplesCsv(run.samples));
  console.log(`soak: samples in ${path.relative(ROOT, base)}.csv and .json`);
}
