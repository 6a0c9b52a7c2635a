/**
 * Reads a log page by page between two seqs, giving the event loop a turn between pages and stopping when the
 * signal fires: an export never holds more than one page of events, never blocks the extension host for long,
 * and sees a fixed range even while a live session goes on appending.
 */
import type { EventLog } from '../events/eventLog';
import type { LogEvent } from '../events/logEvent';
import { throwIfCancelled, type ExchangeError } from './exchangeErrors';

export const DEFAULT_PAGE_SIZE = 512;

export interface PageRange {
  /** First seq read (events before the log's first held one are skipped). */
  from: number;
  /** Last seq read, inclusive. */
  to: number;
  pageSize?: number;
  signal?: AbortSignal;
  /** The error thrown on cancellation. */
  cancelled: () => ExchangeError;
}

/** The events of `range`, one page at a time. */
export async function* logPages(log: EventLog, range: PageRange): AsyncGenerator<LogEvent[]> {
  const size = Math.max(1, Math.floor(range.pageSize ?? 0) || DEFAULT_PAGE_SIZE);
  let next = Math.max(range.from, log.dropped + 1);
  while (next <= range.to) {
    throwIfCancelled(range.signal, range.cancelled);
    const page = log.page(next, Math.min(size, range.to - next + 1));
    if (page.length === 0) return;
    yield page;
    next = page[page.length - 1].seq + 1;
    await yieldToLoop();
    // Events let go while we waited (a live log over its limit) are gone: go on from the first one held.
    next = Math.max(next, log.dropped + 1);
  }
}

/** One event at a time, read by page. */
export async function* logEvents(log: EventLog, range: PageRange): AsyncGenerator<LogEvent> {
  for await (const page of logPages(log, range)) yield* page;
}

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
