/**
 * What the table reads: rows by display index. The host owns the log (issue #9); the list behind this
 * interface holds a few pages of the view (pagedRows.ts), and a row not loaded yet reads as undefined.
 */
import type { EventRowDto } from '../shared/dto';

/** Read access by display index: what the table needs to draw a window of rows. */
export interface RowList {
  readonly count: number;
  /** The row at display index `index`, or undefined when out of range (or not loaded yet). */
  at(index: number): EventRowDto | undefined;
  /** Display index of `seq`, or -1 when it is not held. */
  indexOfSeq(seq: number): number;
  /** Where the row sits in the parent → child tree (a poll response → its packets → their Socket.IO packets). */
  nesting?(row: EventRowDto): RowNesting;
}

export interface RowNesting {
  /** 0 for top-level rows. */
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
}
