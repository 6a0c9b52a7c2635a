/**
 * The rates a panel's header shows (issue 9): sampled when a header is sent, and while they move one more header
 * is booked for when they have settled, so the header does not freeze on the last non-zero rate.
 */
import type { TrafficRatesDto } from '../../shared/dto';
import { APPEND_FLUSH_MS } from '../../shared/protocol';
import type { BatchTimer } from './rowBatcher';
import { isMoving, RATE_WINDOW_MS, TrafficRates, type TrafficCounters } from './trafficRates';

export class HeaderRates {
  private readonly rates = new TrafficRates();
  private settleTimer: unknown;

  constructor(
    private readonly timer: BatchTimer,
    private readonly now: () => number,
    /** Called once the rates had time to settle after a header that showed them moving. */
    private readonly onSettled: () => void,
  ) {}

  /** The counters changed. */
  note(counters: TrafficCounters): void {
    this.rates.note(this.now(), counters);
  }

  /** The rates now; while they move, one more header is booked for when they settle. */
  sample(counters: TrafficCounters): TrafficRatesDto {
    const rates = this.rates.sample(this.now(), counters);
    if (isMoving(rates) && this.settleTimer === undefined) {
      this.settleTimer = this.timer.setTimeout(() => {
        this.settleTimer = undefined;
        this.onSettled();
      }, RATE_WINDOW_MS + APPEND_FLUSH_MS);
    }
    return rates;
  }

  dispose(): void {
    this.timer.clearTimeout(this.settleTimer);
  }
}
