/**
 * Counts a session's traffic as its rows are appended (the log may let old rows go, so nothing is read back):
 * bytes each way and HTTP requests for the whole session, and the same for the exchange phase alone. It also
 * knows which polling POSTs still wait for their answer, so that the exchange (and the close) can end once they
 * are back.
 */
import type { LogEvent } from '../events/logEvent';
import { rowTraffic } from './wireBytes';

/** Bytes each way and HTTP requests. */
export interface TrafficTotals {
  up: number;
  down: number;
  httpRequests: number;
}

/** POSTs remembered at most (one is in flight at a time; a POST that failed without an answer stays here). */
const MAX_TRACKED_POSTS = 16;

export class TrafficMeter {
  /** Everything the session sent and received. */
  readonly session: TrafficTotals = { up: 0, down: 0, httpRequests: 0 };
  /** What was sent and received between `startExchange` and `endExchange`. */
  readonly exchange: TrafficTotals = { up: 0, down: 0, httpRequests: 0 };
  private counting = false;
  /** Seqs of the polling POSTs whose response has not been logged yet. */
  private readonly openPosts = new Set<number>();

  /** The rows from now on belong to the exchange. */
  startExchange(): void {
    this.counting = true;
  }

  endExchange(): void {
    this.counting = false;
  }

  /** Polling POSTs still waiting for their response. */
  get postsInFlight(): number {
    return this.openPosts.size;
  }

  /** Counts one appended row. */
  observe(event: LogEvent): void {
    const traffic = rowTraffic(event);
    if (!traffic) return;
    add(this.session, traffic.up, traffic.down, traffic.httpRequest);
    if (this.counting) add(this.exchange, traffic.up, traffic.down, traffic.httpRequest);
    if (event.type === 'poll-request' && event.meta?.request?.method === 'POST') {
      if (this.openPosts.size >= MAX_TRACKED_POSTS) this.openPosts.clear();
      this.openPosts.add(event.seq);
    } else if (event.type === 'poll-response' && event.meta?.requestSeq !== undefined) {
      this.openPosts.delete(event.meta.requestSeq);
    }
  }
}

function add(totals: TrafficTotals, up: number, down: number, httpRequest: boolean): void {
  totals.up += up;
  totals.down += down;
  if (httpRequest) totals.httpRequests++;
}
