/**
 * Messages and bytes per second each way, for the session header (issue #9), from the session's running
 * counters: noted as they change (at most one sample per SAMPLE_GAP_MS, also while the panel is hidden)
 * and sampled whenever the header is sent. The rate is the change over the last second or so, divided by
 * the time it really covers. No vscode.
 */
import type { TrafficRatesDto } from '../../shared/dto';

/** The running totals a session keeps. */
export interface TrafficCounters {
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
}

interface Sample extends TrafficCounters {
  time: number;
}

/** How far back a rate looks, ms. */
export const RATE_WINDOW_MS = 1000;
/** Counter changes closer together than this are noted once. */
const SAMPLE_GAP_MS = 50;

export const ZERO_RATES: TrafficRatesDto = {
  messagesInPerSec: 0,
  messagesOutPerSec: 0,
  bytesInPerSec: 0,
  bytesOutPerSec: 0,
};

/** A sliding window of counter samples. */
export class TrafficRates {
  private samples: Sample[] = [];

  constructor(private readonly windowMs = RATE_WINDOW_MS) {}

  /** The counters changed: keeps a sample unless one was kept in the last SAMPLE_GAP_MS. */
  note(now: number, counters: TrafficCounters): void {
    const last = this.samples[this.samples.length - 1];
    if (last && now - last.time < SAMPLE_GAP_MS) return;
    this.record(now, counters);
  }

  /** Takes a sample at `now` (ms) and returns the rates over the window that ends there. */
  sample(now: number, counters: TrafficCounters): TrafficRatesDto {
    this.record(now, counters);
    const base = this.samples[0];
    const elapsed = now - base.time;
    if (elapsed <= 0) return ZERO_RATES;
    const seconds = elapsed / 1000;
    const per = (later: number, earlier: number): number => Math.max(0, Math.round((later - earlier) / seconds));
    return {
      messagesInPerSec: per(counters.messagesIn, base.messagesIn),
      messagesOutPerSec: per(counters.messagesOut, base.messagesOut),
      bytesInPerSec: per(counters.bytesIn, base.bytesIn),
      bytesOutPerSec: per(counters.bytesOut, base.bytesOut),
    };
  }

  private record(now: number, counters: TrafficCounters): void {
    const { messagesIn, messagesOut, bytesIn, bytesOut } = counters;
    this.samples.push({ time: now, messagesIn, messagesOut, bytesIn, bytesOut });
    // Keep one sample at or before the window's start: the baseline the rates are measured from.
    const windowStart = now - this.windowMs;
    let drop = 0;
    while (this.samples.length - drop > 2 && this.samples[drop + 1].time <= windowStart) drop++;
    if (drop > 0) this.samples.splice(0, drop);
  }
}

/** True when any rate is above zero (the header must be sent again once they settle). */
export function isMoving(rates: TrafficRatesDto): boolean {
  return rates.messagesInPerSec + rates.messagesOutPerSec + rates.bytesInPerSec + rates.bytesOutPerSec > 0;
}
