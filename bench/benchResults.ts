/**
 * The figures of one `npm run bench`: each a ratio (or a bound) beside the raw baseline it was measured
 * against in the same run, printed as a table and written to bench-results.json at the repository root.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The goal, as a comparison (">= 40", "< 300"); undefined: reported, no goal. */
  goal?: string;
  /** The raw figure the ratio is taken against, with its unit (e.g. "812000 msg/s (bare ws)"). */
  baseline?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Whether `value` meets `goal` (">= 40", "< 300", "== 0"). */
export function meets(value: number, goal: string | undefined): boolean | undefined {
  const match = /^(>=|<=|<|>|==)\s*(-?[\d.]+)$/.exec(goal ?? '');
  if (!match) return undefined;
  const bound = Number(match[2]);
  const op = match[1];
  if (op === '>=') return value >= bound;
  if (op === '<=') return value <= bound;
  if (op === '<') return value < bound;
  if (op === '>') return value > bound;
  return value === bound;
}

/** Rounds for display and JSON: 3 significant digits past the point at most. */
export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

export function printFigures(figures: readonly BenchFigure[]): void {
  for (const f of figures) {
    const verdict = meets(f.value, f.goal);
    const mark = verdict === undefined ? '     ' : verdict ? ' ok  ' : ' MISS';
    const goal = f.goal ? `goal ${f.goal} ${f.unit}` : '';
    const baseline = f.baseline ? `  [baseline ${f.baseline}]` : '';
    console.log(
      `${mark} ${f.name.padEnd(48)} ${String(round(f.value)).padStart(10)} ${f.unit.padEnd(8)} ${goal}${baseline}`,
    );
  }
}

export function writeFigures(root: string, figures: readonly BenchFigure[]): string {
  const file = join(root, 'bench-results.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      figures.map((f) => ({ ...f, value: round(f.value) })),
      null,
      2,
    )}\n`,
  );
  return file;
}
