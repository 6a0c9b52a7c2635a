/**
 * The soak bench's figures (issue 12), from its samples: pure. Memory is bounded when the extension host's
 * RSS stops growing once warm: the slope of a least-squares line through the RSS samples of the second half
 * of the run (the first minutes fill the log's memory budget). The panel is responsive when the gaps between
 * its animation frames stay short, over the whole run and in each 5-minute window.
 */
import type { BenchFigure } from './benchResults';
import { percentile } from './uiBenchSteps';

/** One sample, about every 10 s. Memory in MB; absent when the diagnostics command did not answer. */
export interface SoakSample {
  /** Seconds since the feed started. */
  t: number;
  /** Messages the server had sent. */
  sent: number;
  /** Events in the panel's count (every row of the log: the session's own rows and the messages). */
  events: number;
  /** Events the log keeps on disk, as the panel says. */
  onDisk: number;
  /** Bytes in the extension's session-log folder. */
  spillBytes: number;
  rssMB?: number;
  heapMB?: number;
  externalMB?: number;
  /** The host's longest event-loop stall since the previous sample. */
  stallMaxMs?: number;
  gapCount: number;
  gapP95: number;
  gapMax: number;
  /** The panel followed the tail (no "jump to latest" pill). */
  following: boolean;
}

/** One message looked up in the log by its number: how often it is there, and the seq of its row. */
export interface SoakProbe {
  n: number;
  count: number;
  seq: number;
}

/** What the final check found in the panel (soakCheck.ts). */
export interface SoakCheck {
  sent: number;
  /** Numbered messages in the log (the filter's count). */
  received: number;
  /** Messages 1, …, sent, each looked up by its number. */
  probes: SoakProbe[];
  /** The final marker: `n` is the count it carries (the server's), `seq` its row. */
  marker: SoakProbe;
}

/** The probes (and the marker after them) not found exactly once, or not at a seq after the one before. */
export function misplacedProbes(check: SoakCheck): number {
  let previous = 0;
  let bad = 0;
  for (const probe of [...check.probes, check.marker]) {
    if (probe.count !== 1 || !(probe.seq > previous)) bad++;
    else previous = probe.seq;
  }
  return bad + (check.marker.n === check.sent ? 0 : 1);
}

/** Goals: the issue's bounded memory (as a slope), no event lost, and issue 9's frame-gap p95. */
export const SOAK_GOALS = { slopeMBPerMin: '< 1', lost: '== 0', gapP95: '< 50', stallMs: '< 100' } as const;

const WINDOW_S = 300;

/** The largest value (NaN for none); no spread: a 30-minute run has more frames than a call takes arguments. */
export function maxOf(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => (b > a ? b : a), -Infinity) : NaN;
}

/** Least-squares slope of y over x; NaN with fewer than two points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

/** RSS slope in MB per minute over the samples of the second half of the run. */
export function rssSlope(samples: readonly SoakSample[]): { value: number; points: number; fromS: number } {
  const endS = samples.length ? samples[samples.length - 1].t : 0;
  const fromS = endS / 2;
  const points = samples
    .filter((s) => s.t >= fromS && s.rssMB !== undefined)
    .map((s) => ({ x: s.t / 60, y: s.rssMB! }));
  return { value: slope(points), points: points.length, fromS };
}

export function memoryFigures(samples: readonly SoakSample[]): BenchFigure[] {
  const fit = rssSlope(samples);
  const rss = samples.flatMap((s) => (s.rssMB === undefined ? [] : [s.rssMB]));
  const heap = samples.flatMap((s) => (s.heapMB === undefined ? [] : [s.heapMB]));
  const last = samples[samples.length - 1];
  const spill = `${last?.onDisk ?? 0} events on disk of ${last?.events ?? 0}`;
  // Until the log spills, its memory budget is still filling: a slope then says nothing of a leak.
  const warm = last && last.onDisk > 0 ? '' : '; the log never spilled: its memory budget was still filling';
  const fitText = `least squares over ${fit.points} samples from ${Math.round(fit.fromS)} s${warm}`;
  return [
    {
      name: 'soak: host RSS slope, second half',
      value: fit.value,
      unit: 'MB/min',
      goal: SOAK_GOALS.slopeMBPerMin,
      baseline: fitText,
    },
    { name: 'soak: host RSS peak (sampled)', value: maxOf(rss), unit: 'MB', baseline: `first ${rss[0]} MB` },
    {
      name: 'soak: host heap used, last',
      value: heap[heap.length - 1] ?? NaN,
      unit: 'MB',
      baseline: `peak ${maxOf(heap)} MB`,
    },
    { name: "soak: log's spill on disk", value: (last?.spillBytes ?? 0) / 2 ** 20, unit: 'MB', baseline: spill },
  ];
}

export function deliveryFigures(check: SoakCheck, seconds: number, rate: number): BenchFigure[] {
  const first = check.probes[0];
  const last = check.probes[check.probes.length - 1];
  const between = last.seq - first.seq + 1 - check.received;
  const where = `n=1 at #${first.seq}, n=${last.n} at #${last.seq}, marker at #${check.marker.seq}`;
  const probes = `${check.probes.length} numbers looked up: ${where}; ${between} other rows between`;
  return [
    {
      name: 'soak: messages lost (sent - received)',
      value: check.sent - check.received,
      unit: 'msgs',
      goal: SOAK_GOALS.lost,
      baseline: `${check.received} of ${check.sent}`,
    },
    {
      name: 'soak: messages doubled or out of place (probes)',
      value: misplacedProbes(check),
      unit: 'probes',
      goal: SOAK_GOALS.lost,
      baseline: probes,
    },
    {
      name: 'soak: achieved rate',
      value: check.sent / seconds,
      unit: 'msg/s',
      baseline: `asked ${rate} msg/s for ${Math.round(seconds)} s`,
    },
  ];
}

/** Frame gaps over the run and per 5-minute window; `gaps[i]` are the gaps measured up to sample i. */
export function panelFigures(samples: readonly SoakSample[], gaps: readonly (readonly number[])[]): BenchFigure[] {
  const all = gaps.flat();
  const following = samples.filter((s) => s.following).length;
  const baseline = `${all.length} frames; following the tail in ${following} of ${samples.length} samples`;
  const figures: BenchFigure[] = [
    {
      name: 'soak: animation-frame gap p95',
      value: percentile(all, 95),
      unit: 'ms',
      goal: SOAK_GOALS.gapP95,
      baseline,
    },
    { name: 'soak: animation-frame gap max', value: maxOf(all), unit: 'ms' },
  ];
  const windows = new Map<number, number[]>();
  samples.forEach((s, i) => {
    const w = Math.floor(Math.max(0, s.t - 1e-9) / WINDOW_S);
    const inWindow = windows.get(w) ?? [];
    for (const gap of gaps[i]) inWindow.push(gap);
    windows.set(w, inWindow);
  });
  for (const [w, inWindow] of windows) {
    const name = `soak: frame gap p95, minutes ${w * 5}-${w * 5 + 5}`;
    const max = `max ${Math.round(maxOf(inWindow))} ms over ${inWindow.length} frames`;
    figures.push({ name, value: percentile(inWindow, 95), unit: 'ms', goal: SOAK_GOALS.gapP95, baseline: max });
  }
  const stalls = samples.flatMap((s) => (s.stallMaxMs === undefined ? [] : [s.stallMaxMs]));
  const stallText = `${stalls.length} of ${samples.length} samples read the host`;
  figures.push({
    name: 'soak: host longest event-loop stall',
    value: maxOf(stalls),
    unit: 'ms',
    goal: SOAK_GOALS.stallMs,
    baseline: stallText,
  });
  return figures;
}
