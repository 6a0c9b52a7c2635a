/**
 * The table's rows for one view of the host's log (issue #9): the view's range (positions
 * [start, end), growing as events arrive, losing the oldest as the log lets them go) and the few pages
 * of it the webview holds. Display index = position − start. Pure: the loader (pagedView.ts) fills it.
 */
import type { EventRowDto } from '../shared/dto';
import type { ViewRangeDto } from '../shared/protocol';
import type { FoldState } from './foldState';
import { PageCache } from './pageCache';
import type { RowList, RowNesting } from './rowStore';

export const EMPTY_RANGE: ViewRangeDto = { view: 0, start: 0, end: 0, complete: true, logTotal: 0, dropped: 0 };

export class PagedRows implements RowList {
  private current: ViewRangeDto = EMPTY_RANGE;
  /** Positions on screen, kept through eviction. */
  private pinned = { first: 0, end: 0 };

  constructor(
    private readonly folds: FoldState,
    readonly cache = new PageCache(),
  ) {}

  get range(): ViewRangeDto {
    return this.current;
  }

  get view(): number {
    return this.current.view;
  }

  get start(): number {
    return this.current.start;
  }

  get end(): number {
    return this.current.end;
  }

  get count(): number {
    return this.current.end - this.current.start;
  }

  at(index: number): EventRowDto | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.cache.get(this.current.start + index);
  }

  indexOfSeq(seq: number): number {
    const position = this.cache.positionOfSeq(seq);
    return position >= this.current.start && position < this.current.end ? position - this.current.start : -1;
  }

  nesting(row: EventRowDto): RowNesting {
    return { depth: row.depth ?? 0, hasChildren: row.hasChildren === true, collapsed: this.folds.has(row.seq) };
  }

  /** Another view: forget every page of the old one. */
  adopt(range: ViewRangeDto): void {
    this.cache.clear();
    this.current = range;
  }

  /** A newer range of the same view; false (and ignored) when it belongs to another view. */
  update(range: ViewRangeDto): boolean {
    if (range.view !== this.current.view) return false;
    if (range.start > this.current.start) this.cache.trimBefore(range.start);
    this.current = range;
    return true;
  }

  /** Rows of view `view` from position `from`; ignored for another view. */
  addRows(view: number, from: number, rows: readonly EventRowDto[]): void {
    if (view !== this.current.view || rows.length === 0) return;
    this.cache.put(from, rows, this.pinned);
    for (const row of rows) if (row.parent !== undefined) this.cache.noteChild(row.parent);
  }

  /** The positions now on screen: their pages stay, and count as used. */
  pin(first: number, end: number): void {
    this.pinned = { first, end };
    this.cache.touch(first, end);
  }
}
