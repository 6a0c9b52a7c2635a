/**
 * The soak bench's samples (issue 12): about every 10 s while the feed runs, the extension host's memory and
 * longest stall (the diagnostics command, read and reset), the panel's event count and what the log keeps on
 * disk, the animation-frame gaps measured in the panel since the last sample, and whether the panel still
 * follows the tail (if not, the pill is clicked so it does again, and the sample says so).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator } from 'playwright-core';
import type { SoakSample } from './soakFigures';
import type { SoakFeed } from './soakServer';
import type { UiBenchEnvironment } from './uiBenchEnvironment';
import { takeFrameGaps } from './uiBenchProbes';
import { percentile } from './uiBenchSteps';

export interface SoakTarget {
  env: UiBenchEnvironment;
  panel: FrameLocator;
  frame: Frame;
  feed: SoakFeed;
}

export interface SoakRun {
  samples: SoakSample[];
  /** The frame gaps of each sample, in ms (kept apart: the samples file holds only their p95 and max). */
  gaps: number[][];
}

const MB = 2 ** 20;

/** Samples every `intervalMs` until the feed has finished, then once more. */
export async function sampleFeed(target: SoakTarget, intervalMs: number): Promise<SoakRun> {
  const run: SoakRun = { samples: [], gaps: [] };
  let done = false;
  void target.feed.finished.then(() => (done = true));
  let next = Date.now() + intervalMs;
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    next += intervalMs;
    await addSample(target, run);
  }
  await addSample(target, run);
  return run;
}

async function addSample(target: SoakTarget, run: SoakRun): Promise<void> {
  const { env, panel, frame, feed } = target;
  const gaps = await takeFrameGaps(frame);
  const lag = await env.hostLag();
  const pill = panel.locator('#jump-to-latest');
  const following = !(await pill.isVisible());
  if (!following) await pill.click({ timeout: 5_000 }).catch(() => undefined);
  const count = ((await panel.locator('#event-count').textContent({ timeout: 10_000 })) ?? '').trim();
  const number = (pattern: RegExp): number => Number(pattern.exec(count)?.[1].replace(/,/g, '') ?? 0);
  const memory = lag?.memory;
  const mb = (bytes: number | undefined): number | undefined =>
    bytes === undefined ? undefined : Math.round((bytes / MB) * 10) / 10;
  const sample: SoakSample = {
    t: Math.round((Date.now() - (feed.startedAt ?? Date.now())) / 100) / 10,
    sent: feed.sent,
    events: number(/^([\d,]+)/),
    onDisk: number(/([\d,]+) on disk/),
    spillBytes: sessionLogBytes(env.dataDir),
    rssMB: mb(memory?.rss),
    heapMB: mb(memory?.heapUsed),
    externalMB: mb(memory?.external),
    stallMaxMs: lag?.eventLoopDelay.max,
    gapCount: gaps.length,
    gapP95: Math.round(percentile(gaps, 95) * 10) / 10,
    gapMax: Math.round(gaps.reduce((a, b) => Math.max(a, b), 0) * 10) / 10,
    following,
  };
  run.samples.push(sample);
  run.gaps.push(gaps);
  console.log(`soak: ${JSON.stringify(sample)}`);
}

/** Bytes of the files under every `session-logs` folder of the extensions' global storage. */
function sessionLogBytes(dataDir: string): number {
  const storage = path.join(dataDir, 'User', 'globalStorage');
  if (!fs.existsSync(storage)) return 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(storage, { recursive: true, withFileTypes: true })) {
    const dir = entry.parentPath ?? entry.path;
    if (!entry.isFile() || !dir.split(path.sep).includes('session-logs')) continue;
    try {
      bytes += fs.statSync(path.join(dir, entry.name)).size;
    } catch {
      // A segment let go between the listing and the stat.
    }
  }
  return bytes;
}

/** The samples as CSV, one line each (the frame gaps as their count, p95 and max). */
export function samplesCsv(samples: readonly SoakSample[]): string {
  const columns: (keyof SoakSample)[] = [
    't',
    'sent',
    'events',
    'onDisk',
    'spillBytes',
    'rssMB',
    'heapMB',
    'externalMB',
    'stallMaxMs',
    'gapCount',
    'gapP95',
    'gapMax',
    'following',
  ];
  const lines = samples.map((s) => columns.map((c) => String(s[c] ?? '')).join(','));
  return `${columns.join(',')}\n${lines.join('\n')}\n`;
}
