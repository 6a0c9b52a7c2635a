/**
 * The words of the toolbar's event count (`#event-count`): how many rows the view has (a filtered view
 * may still be scanning: "N+ so far"), how many events the log keeps, and how many it let go or keeps
 * on disk. Pure (no DOM), so it is unit-tested.
 */
import { formatCount } from './format';

/** The numbers behind the count. */
export interface EventCounts {
  /** Rows in the view (after the filter and folds). */
  shown: number;
  /** Events the log still has (all of them, unfiltered). */
  kept: number;
  /** False while the host is still scanning the log for matches. */
  complete: boolean;
  /** A filter (text, layers, folds) is set. */
  filtered: boolean;
  /** Oldest events the host dropped to stay within the log's limits (issue #7). */
  notKept: number;
  /** Events the log keeps on disk, when it says so. */
  onDisk?: number;
}

/** The count line, and the title that carries all of it when the toolbar cuts the line short ('' for none). */
export function eventCountText(counts: EventCounts): { text: string; title: string } {
  const { shown, kept, notKept } = counts;
  const matches = counts.complete ? formatCount(shown) : `${formatCount(shown)}+ so far`;
  let text = counts.filtered ? `${matches} of ${formatCount(kept)}` : `${formatCount(kept)} events`;
  if (counts.onDisk) text += ` · ${formatCount(counts.onDisk)} on disk`;
  // Dropped by the host: say so, or they just vanish.
  if (notKept > 0) {
    text += ` · ${formatCount(notKept)} oldest ${notKept === 1 ? 'event' : 'events'} not kept (log limit)`;
  }
  const title =
    notKept > 0
      ? `${text}. The log keeps a limited number of events and payload bytes in memory; older events were dropped.`
      : '';
  return { text, title };
}
