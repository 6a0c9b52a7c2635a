/**
 * Loads the pages the table shows from the host (issue #9): asks `events/getPage` for each missing page
 * of the rows on screen (once, while in flight), starts new views (`events/query`), finds a seq's
 * position (`events/locate`) and says whether the webview follows the tail (`view/follow`).
 */
import {
  PAGE_ROWS,
  type HostToWebview,
  type ViewRangeDto,
  type ViewSpecDto,
  type WebviewToHost,
} from '../shared/protocol';
import type { PagedRows } from './pagedRows';
import type { RpcClient } from './rpc';

type Located = Extract<HostToWebview, { type: 'events/located' }>;

export class PagedView {
  /** Page numbers requested for the current view and not answered yet. */
  private readonly inFlight = new Set<number>();
  private inFlightView = -1;

  constructor(
    readonly rows: PagedRows,
    private readonly rpc: Pick<RpcClient, 'request'>,
    private readonly post: (message: WebviewToHost) => void,
    /** Rows arrived: draw again. */
    private readonly onRows: () => void,
    /**
     * The range moved (from a batch or a reply); `arrived` is false while a filter's first scan is still
     * finding old matches (those rows are not new).
     */
    private readonly onRange: (arrived: boolean) => void = () => undefined,
  ) {}

  /** A new view with its first rows (a snapshot, or a started query). */
  adopt(range: ViewRangeDto, rows: readonly import('../shared/dto').EventRowDto[] = [], rowsFrom = 0): void {
    this.rows.adopt(range);
    this.rows.addRows(range.view, rowsFrom, rows);
    this.inFlight.clear();
    this.inFlightView = range.view;
  }

  /** An `events/appended`: the new range, and the tail rows when following. */
  appended(message: Extract<HostToWebview, { type: 'events/appended' }>): boolean {
    if (!this.applyRange(message.range)) return false;
    if (message.rows) this.rows.addRows(message.range.view, message.rowsFrom ?? 0, message.rows);
    return true;
  }

  /** Asks for the pages of positions [first, end) not held yet. */
  ensure(first: number, end: number): void {
    const view = this.rows.view;
    if (view !== this.inFlightView) {
      this.inFlight.clear();
      this.inFlightView = view;
    }
    const from = Math.max(first, this.rows.start);
    const to = Math.min(end, this.rows.end);
    for (const page of this.rows.cache.missingPages(from, to)) {
      if (this.inFlight.has(page)) continue;
      this.inFlight.add(page);
      void this.load(view, page);
    }
  }

  /** Starts the view `spec` in the host; rejects with the host's words (a bad regular expression). */
  async query(spec: ViewSpecDto): Promise<ViewRangeDto> {
    const reply = await this.rpc.request('events/query', { spec });
    this.adopt(reply.range);
    return reply.range;
  }

  /** Where `seq` is in the current view (-1 and why, when it is not). */
  async locate(seq: number): Promise<Located> {
    const reply = await this.rpc.request('events/locate', { view: this.rows.view, seq });
    // The position may lie past the range the last batch said: take the reply's, or it would be clamped away.
    this.applyRange(reply.range);
    return reply;
  }

  setFollowing(following: boolean): void {
    this.post({ type: 'view/follow', following });
  }

  private applyRange(range: ViewRangeDto): boolean {
    const wasComplete = this.rows.range.complete;
    if (!this.rows.update(range)) return false;
    this.onRange(wasComplete && range.complete);
    return true;
  }

  private async load(view: number, page: number): Promise<void> {
    try {
      const reply = await this.rpc.request('events/getPage', { view, from: page * PAGE_ROWS, limit: PAGE_ROWS });
      if (!this.applyRange(reply.range)) return;
      this.rows.addRows(reply.range.view, reply.from, reply.rows);
      this.onRows();
    } catch {
      // The next frame asks again (a timeout while the host was busy, a panel closing).
    } finally {
      if (view === this.inFlightView) this.inFlight.delete(page);
    }
  }
}
