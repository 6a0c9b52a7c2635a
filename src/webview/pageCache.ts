/**
 * The rows the webview holds (issue #9): a few pages of one view, by position, least recently used
 * first out. The host owns the log; this holds what is on screen plus a small margin, so scrolling back
 * a little costs no round trip and a million-row session costs the webview a few hundred rows. Pure.
 */
import type { EventRowDto } from '../shared/dto';
import { PAGE_ROWS } from '../shared/protocol';

/** Pages kept by default: what the table shows plus a few pages either side. */
export const DEFAULT_MAX_PAGES = 8;

export class PageCache {
  /** Page number → its rows (holes where rows are not loaded yet); Map order is least recent first. */
  private readonly pages = new Map<number, (EventRowDto | undefined)[]>();

  constructor(
    readonly pageRows = PAGE_ROWS,
    private readonly maxPages = DEFAULT_MAX_PAGES,
  ) {}

  /** Rows held (at most maxPages × pageRows, plus pinned pages beyond it). */
  get size(): number {
    let rows = 0;
    for (const page of this.pages.values()) for (const row of page) if (row) rows++;
    return rows;
  }

  /** Page numbers held, least recently used first. */
  get pageNumbers(): number[] {
    return [...this.pages.keys()];
  }

  pageOf(position: number): number {
    return Math.floor(position / this.pageRows);
  }

  /** The row at `position`, if held. Does not count as a use (rendering calls it every frame). */
  get(position: number): EventRowDto | undefined {
    return this.pages.get(this.pageOf(position))?.[position % this.pageRows];
  }

  /** Stores rows from `from` on (they may span pages), then evicts the least recent pages beyond the limit. */
  put(from: number, rows: readonly EventRowDto[], pinned?: { first: number; end: number }): void {
    rows.forEach((row, i) => {
      const position = from + i;
      const number = this.pageOf(position);
      let page = this.pages.get(number);
      if (!page) {
        page = [];
        this.pages.set(number, page);
      }
      page[position % this.pageRows] = row;
    });
    this.evict(pinned);
  }

  /** Marks the pages of [first, end) as just used, so eviction keeps them. */
  touch(first: number, end: number): void {
    if (end <= first) return;
    for (let number = this.pageOf(first); number <= this.pageOf(end - 1); number++) {
      const page = this.pages.get(number);
      if (!page) continue;
      this.pages.delete(number);
      this.pages.set(number, page);
    }
  }

  /** Page numbers with a row missing in [first, end): the pages to ask the host for. */
  missingPages(first: number, end: number): number[] {
    const missing: number[] = [];
    for (let position = Math.max(0, first); position < end; position++) {
      if (this.get(position)) continue;
      const number = this.pageOf(position);
      missing.push(number);
      position = (number + 1) * this.pageRows - 1;
    }
    return missing;
  }

  /** The position of a held row with this seq, or -1. */
  positionOfSeq(seq: number): number {
    for (const [number, page] of this.pages) {
      const i = page.findIndex((row) => row?.seq === seq);
      if (i >= 0) return number * this.pageRows + i;
    }
    return -1;
  }

  /** A child of `parentSeq` arrived: a held parent row now has children (its fold chevron shows). */
  noteChild(parentSeq: number): void {
    const position = this.positionOfSeq(parentSeq);
    const row = position >= 0 ? this.get(position) : undefined;
    if (row && !row.hasChildren)
      this.pages.get(this.pageOf(position))![position % this.pageRows] = { ...row, hasChildren: true };
  }

  /** Drops what lies before `start` (the log let those rows go). */
  trimBefore(start: number): void {
    for (const [number, page] of this.pages) {
      if ((number + 1) * this.pageRows <= start) this.pages.delete(number);
      else if (number * this.pageRows < start) page.fill(undefined, 0, start - number * this.pageRows);
    }
  }

  clear(): void {
    this.pages.clear();
  }

  private evict(pinned?: { first: number; end: number }): void {
    const keepFrom = pinned && pinned.end > pinned.first ? this.pageOf(pinned.first) : Infinity;
    const keepTo = pinned && pinned.end > pinned.first ? this.pageOf(pinned.end - 1) : -Infinity;
    for (const number of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      if (number < keepFrom || number > keepTo) this.pages.delete(number);
    }
  }
}
