/**
 * The rows the webview holds. Behind an interface because the host owns the log: today the host
 * pushes every row and we keep a bounded window of the newest; a later issue replaces this store
 * with one that fetches pages (`events/getPage`) for the part of the list on screen.
 */
import type { EventRowDto } from '../shared/dto';

/** Read access by display index: what the table needs to draw a window of rows. */
export interface RowList {
  readonly count: number;
  /** The row at display index `index`, or undefined when out of range (or not loaded yet). */
  at(index: number): EventRowDto | undefined;
  /** Display index of `seq`, or -1 when it is not in the list. */
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

/** What an append changed: the rows actually added and how many old rows were dropped from the start. */
export interface AppendResult {
  added: EventRowDto[];
  evicted: number;
}

/** The webview's row cache. */
export interface RowStore extends RowList {
  /** Events in the host's log (may exceed `count`: the host sends only the newest in a snapshot). */
  readonly hostTotal: number;
  /** Replaces everything (a `session/snapshot`). */
  reset(rows: readonly EventRowDto[], hostTotal: number): void;
  /** Adds a batch in seq order (an `events/appended`); rows not newer than the last one are ignored. */
  append(rows: readonly EventRowDto[], hostTotal: number): AppendResult;
  getBySeq(seq: number): EventRowDto | undefined;
}

/** Rows kept in memory by default: a busy session scrolls for hours without growing the webview. */
export const DEFAULT_MAX_ROWS = 50_000;

/** Binary search for `seq` in rows sorted by seq; returns the index or -1. */
export function findSeq(rows: readonly EventRowDto[], seq: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const midSeq = rows[mid].seq;
    if (midSeq === seq) return mid;
    if (midSeq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A bounded, seq-ordered array of the newest rows. */
export class MemoryRowStore implements RowStore {
  private rows: EventRowDto[] = [];
  private total = 0;

  /**
   * @param maxRows most rows kept; past it the oldest are dropped in chunks of a tenth, so the
   *   (linear) splice and the table's scroll correction happen rarely rather than on every batch.
   */
  constructor(private readonly maxRows = DEFAULT_MAX_ROWS) {}

  get count(): number {
    return this.rows.length;
  }

  get hostTotal(): number {
    return this.total;
  }

  at(index: number): EventRowDto | undefined {
    return this.rows[index];
  }

  indexOfSeq(seq: number): number {
    return findSeq(this.rows, seq);
  }

  getBySeq(seq: number): EventRowDto | undefined {
    const index = findSeq(this.rows, seq);
    return index < 0 ? undefined : this.rows[index];
  }

  reset(rows: readonly EventRowDto[], hostTotal: number): void {
    this.rows = [];
    this.total = hostTotal;
    this.append(rows, hostTotal);
  }

  append(rows: readonly EventRowDto[], hostTotal: number): AppendResult {
    this.total = Math.max(hostTotal, this.total);
    const added: EventRowDto[] = [];
    let lastSeq = this.rows.length ? this.rows[this.rows.length - 1].seq : -Infinity;
    for (const row of rows) {
      // A batch can overlap the snapshot that preceded it; seq is monotonic, so "newer" is enough.
      if (row.seq <= lastSeq) continue;
      this.rows.push(row);
      added.push(row);
      lastSeq = row.seq;
    }
    let evicted = 0;
    if (this.rows.length > this.maxRows) {
      evicted = this.rows.length - this.maxRows + Math.floor(this.maxRows / 10);
      this.rows.splice(0, evicted);
    }
    return { added, evicted };
  }
}
