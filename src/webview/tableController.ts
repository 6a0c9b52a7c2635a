/**
 * The event table and its toolbar, driven by the host's paged views (issue #9): the filter and folds
 * become a view spec the host runs; snapshots, batches and pages fill the few pages the webview holds;
 * the place (filter, folds, selection, scroll anchor, following) is restored after a reload; and a link
 * to a row the filter or a fold hides undoes that, then selects and scrolls to the row.
 */
import type { EventRowDto } from '../shared/dto';
import type { HostToWebview, ViewSpecDto, WebviewToHost } from '../shared/protocol';
import { DisposableStore, type Disposable } from './disposables';
import { EventTable } from './eventTable';
import type { SelectionSource } from './eventTableParts';
import { foldAnnouncement, FoldState, revealPlan } from './foldState';
import { PagedRows } from './pagedRows';
import { PagedView } from './pagedView';
import type { PanelState } from './panelState';
import { EMPTY_FILTER, isFilterSet, queryOf, type FilterState } from './rowFilter';
import type { RpcClient } from './rpc';
import { TableToolbar } from './tableToolbar';

type Message<K extends HostToWebview['type']> = Extract<HostToWebview, { type: K }>;

export interface TableControllerDeps {
  rpc: Pick<RpcClient, 'request'>;
  post(message: WebviewToHost): void;
  onSelect(seq: number, source: SelectionSource): void;
  requestRender(): void;
  /** A link named an event the log no longer has. */
  onGone(seq: number): void;
  errorText(error: unknown): string;
}

export class TableController implements Disposable {
  readonly table: EventTable;
  readonly toolbar: TableToolbar;
  private readonly disposables = new DisposableStore();
  private readonly folds: FoldState;
  private readonly rows: PagedRows;
  private readonly paged: PagedView;
  private filter: FilterState;
  /** Filter typed since the last frame: one query per frame however fast the user types. */
  private pendingFilter: FilterState | undefined;
  /** The saved place, applied once the first snapshot is in. */
  private restoring: PanelState | undefined;
  private queryToken = 0;
  private onDisk: number | undefined;

  constructor(
    saved: PanelState,
    private readonly deps: TableControllerDeps,
  ) {
    this.filter = saved.filter;
    this.folds = new FoldState(saved.collapsed);
    this.restoring = saved;
    this.rows = new PagedRows(this.folds);
    this.paged = new PagedView(
      this.rows,
      deps.rpc,
      deps.post,
      () => deps.requestRender(),
      (arrived) => this.table.rangeChanged(arrived),
    );
    this.table = this.disposables.add(
      new EventTable(this.rows, {
        onSelect: (seq, source) => deps.onSelect(seq, source),
        requestRender: () => deps.requestRender(),
        onToggleChildren: (seq) => this.toggleFold(seq),
        onFollowChange: (following) => this.paged.setFollowing(following),
        onVisible: (first, end) => this.paged.ensure(first, end),
        onGoToSeq: (seq) => void this.revealSeq(seq, false),
      }),
    );
    this.toolbar = this.disposables.add(
      new TableToolbar({
        onFilter: (filter) => {
          this.pendingFilter = filter;
          deps.requestRender();
        },
        onLeaveToTable: () => this.table.focus(),
      }),
    );
    this.toolbar.setFilter(saved.filter);
  }

  /** What `webview/ready` asks for: the saved view. */
  readyMessage(): Extract<WebviewToHost, { type: 'webview/ready' }> {
    return { type: 'webview/ready', spec: this.spec(), following: this.restoring?.following ?? true };
  }

  /** The place to save: filter, folds, selection, anchor, following. */
  state(): Omit<PanelState, 'composer'> {
    const following = this.table.isFollowing;
    const state: Omit<PanelState, 'composer'> = { filter: this.filter, collapsed: this.folds.list(), following };
    const selected = this.table.selection;
    if (selected !== undefined) state.selectedSeq = selected;
    const anchor = following ? undefined : this.table.anchorSeq;
    if (anchor !== undefined) state.anchorSeq = anchor;
    return state;
  }

  /** The row of `seq` when a page holding it is in the cache. */
  rowBySeq(seq: number): EventRowDto | undefined {
    const index = this.rows.indexOfSeq(seq);
    return index >= 0 ? this.rows.at(index) : undefined;
  }

  onSnapshot(message: Message<'session/snapshot'>, sameSession: boolean): void {
    this.onDisk = message.session.eventsOnDisk;
    this.paged.adopt(message.range, message.rows, message.rowsFrom);
    const restoring = this.restoring;
    this.restoring = undefined;
    if (!sameSession && !restoring) this.table.select(undefined);
    this.table.viewReset(restoring ? restoring.following : this.table.isFollowing, this.emptyText());
    if (restoring) void this.restore(restoring);
  }

  onAppended(message: Message<'events/appended'>): void {
    this.paged.appended(message);
  }

  onQueryFailed(message: Message<'events/queryFailed'>): void {
    if (message.view === this.rows.view) this.toolbar.showError(message.error.message);
  }

  onSessionChanged(onDisk: number | undefined): void {
    this.onDisk = onDisk;
  }

  /** Selects `seq` and scrolls to it; when the filter or a fold hides it (a link), undoes that first. */
  async revealSeq(seq: number, undoHiding = true): Promise<void> {
    let located = await this.paged.locate(seq);
    if (located.position < 0 && undoHiding) {
      const plan = revealPlan(located.hiddenBy, this.filter);
      if (plan.gone) return this.deps.onGone(seq);
      const unfolded = this.folds.unfold(plan.unfold);
      if (plan.clearFilter) {
        this.filter = EMPTY_FILTER;
        this.toolbar.setFilter(EMPTY_FILTER);
      }
      if (!unfolded && !plan.clearFilter) return;
      if (!(await this.queryView())) return;
      located = await this.paged.locate(seq);
    }
    if (located.position < 0) return;
    this.table.reveal(seq, located.position);
    this.deps.onSelect(seq, 'pointer');
  }

  /** The per-frame pass: the filter typed since the last frame, then the table and the count. */
  render(): void {
    if (this.pendingFilter) {
      this.filter = this.pendingFilter;
      this.pendingFilter = undefined;
      void this.queryView();
    }
    this.table.render();
    const range = this.rows.range;
    this.toolbar.showCount({
      shown: this.rows.count,
      kept: range.logTotal - range.dropped,
      complete: range.complete,
      filtered: this.isFiltered(),
      notKept: range.dropped,
      onDisk: this.onDisk,
    });
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private spec(): ViewSpecDto {
    return { query: queryOf(this.filter), collapsed: this.folds.list() };
  }

  private isFiltered(): boolean {
    return isFilterSet(this.filter) || this.folds.size > 0;
  }

  private emptyText(): string {
    return this.isFiltered() ? 'No events match the filter.' : 'No events yet.';
  }

  private toggleFold(seq: number): void {
    const folded = this.folds.toggle(seq);
    this.table.announce(foldAnnouncement(seq, folded));
    void this.queryView();
  }

  /** Asks the host for the view of the current filter and folds; keeps the place. False on failure. */
  private async queryView(): Promise<boolean> {
    const token = ++this.queryToken;
    const anchor = this.table.isFollowing ? undefined : this.table.anchorSeq;
    try {
      await this.paged.query(this.spec());
    } catch (error) {
      if (token === this.queryToken) this.toolbar.showError(this.deps.errorText(error));
      return false;
    }
    if (token !== this.queryToken) return false;
    this.toolbar.showError(undefined);
    this.table.viewReset(this.table.isFollowing, this.emptyText());
    await this.findPlace(anchor, this.table.selection, token);
    return true;
  }

  /** After a view change: scroll back to the anchor row, and find the selection (revealing it if the anchor went). */
  private async findPlace(anchor: number | undefined, selected: number | undefined, token: number): Promise<void> {
    let anchored = false;
    if (anchor !== undefined) {
      const located = await this.paged.locate(anchor);
      if (token !== this.queryToken) return;
      if (located.position >= 0) {
        this.table.scrollToPosition(located.position);
        anchored = true;
      }
    }
    if (selected === undefined) return;
    const located = await this.paged.locate(selected);
    if (token !== this.queryToken || located.position < 0) return;
    if (anchored || this.table.isFollowing) this.table.select(selected, located.position);
    else this.table.reveal(selected, located.position);
  }

  /** The first snapshot after a reload: back to the saved anchor and selection. */
  private async restore(saved: PanelState): Promise<void> {
    const token = this.queryToken;
    try {
      await this.findPlace(saved.following ? undefined : saved.anchorSeq, saved.selectedSeq, token);
      if (saved.selectedSeq !== undefined && this.table.selection === saved.selectedSeq)
        this.deps.onSelect(saved.selectedSeq, 'pointer');
    } catch {
      // The host did not answer: the table simply starts at the tail.
    }
  }
}
