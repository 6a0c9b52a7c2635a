/**
 * Round-trip times of one transport's exchange, in a Float64Array sized for the plan's messages (no growth,
 * no per-message object), and their summary.
 */
import type { RttSummary } from './comparisonReport';

export class RttSamples {
  private readonly values: Float64Array;
  private filled = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(0, Math.floor(capacity)));
  }

  /** Round trips recorded. */
  get count(): number {
    return this.filled;
  }

  /** Records one round trip in ms (ignored when full or not a finite, non-negative number). */
  add(ms: number): void {
    if (this.filled >= this.values.length || !Number.isFinite(ms) || ms < 0) return;
    this.values[this.filled++] = ms;
  }

  /** Median (the mean of the middle two for an even count), nearest-rank p95, min and max; nulls when empty. */
  summary(): RttSummary {
    const n = this.filled;
    if (n === 0) return { median: null, p95: null, min: null, max: null };
    // A typed array sorts numerically.
    const sorted = this.values.slice(0, n).sort();
    const middle = n >> 1;
    const median = n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    const p95 = sorted[Math.max(0, Math.ceil(0.95 * n) - 1)];
    return { median, p95, min: sorted[0], max: sorted[n - 1] };
  }
}
