/**
 * The words of the toolbar's event count (`#event-count`): how many rows are shown, held and in the
 * host's log, and how many the log dropped. Pure (no DOM), so it is unit-tested.
 */
import { formatCount } from './format';

/** The numbers behind the count. */
export interface EventCounts {
  /** Rows in the table (after the filter). */
  shown: number;
  /** Rows the webview holds. */
  held: number;
  /** Events in the host's log. */
  hostTotal: number;
  /** Oldest events the host dropped to stay within the log's memory limits (issue #7). */
  notKept: number;
  /** A filter (text, layers, folds) is set. */
  filtered: boolean;
}

/** The count line, and the title that carries all of it when the toolbar cuts the line short ('' for none). */
export function eventCountText(counts: EventCounts): { text: string; title: string } {
  const { shown, held, hostTotal, notKept } = counts;
  let text = counts.filtered ? `${formatCount(shown)} of ${formatCount(held)}` : `${formatCount(held)} events`;
  if (hostTotal > held) text += ` · newest ${formatCount(held)} of ${formatCount(hostTotal)} shown`;
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
