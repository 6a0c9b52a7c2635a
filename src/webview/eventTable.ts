/**
 * The live event table, virtualised: a fixed row height, a spacer that gives the scroll height, and a
 * pool of recycled row elements (eventRowPool.ts) for whichever rows are on screen. It composes the
 * pool, tail-follow (tailFollow.ts) and keyboard navigation (rowNavigation.ts), and owns the DOM,
 * the selection and the one render pass per frame.
 *
 * Limitation (noted for the paging issue): the spacer is a real element, and browsers cap element
 * height (~33.5M px in Chromium), so this holds ~1.5M rows; the row store keeps far fewer.
 */
import { DisposableStore, toDisposable, type Disposable } from './disposables';
import { codicon, h, listen, setText } from './dom';
import { EventRowPool } from './eventRowPool';
import type { FilteredAppend } from './rowFilter';
import { pageRows, rowKeyAction } from './rowNavigation';
import type { RowList } from './rowStore';
import { followsAfterScroll, followsAtIndex, frameScrollTop, pillLabel, TailFollow } from './tailFollow';
import { poolSize, visibleRange } from './virtualWindow';

/** Row height in px. The single source: also handed to CSS as `--row-height`. */
export const ROW_HEIGHT = 22;
/** Extra rows rendered above and below the viewport. */
const OVERSCAN = 6;

/** How a row came to be selected: the app loads details at once for clicks, after a pause for arrows. */
export type SelectionSource = 'pointer' | 'keyboard' | 'enter';

/** Callbacks from the table to the app. */
export interface EventTableEvents {
  /** The selection changed (or Enter was pressed on it). */
  onSelect(seq: number, source: SelectionSource): void;
  /** Something in the table needs a render on the next frame. */
  requestRender(): void;
  /** The twisty of a row with children was clicked. */
  onToggleChildren?(seq: number): void;
}

/** The column headers, in the order of the row cells. */
function tableHead(): HTMLElement {
  const header = (columnClass: string, text: string): HTMLSpanElement =>
    h('span', { class: columnClass, text, attrs: { role: 'columnheader' } });
  const direction = h('span', { class: 'col-dir', attrs: { role: 'columnheader', title: 'Direction' } }, [
    h('span', { class: 'sr-only', text: 'Direction' }),
  ]);
  return h('div', { class: 'event-table-head', attrs: { role: 'row' } }, [
    header('col-time', 'Time'),
    direction,
    header('col-layer', 'Layer'),
    header('col-type', 'Type'),
    header('col-size', 'Size'),
    header('col-preview', 'Data'),
  ]);
}

/** The `#jump-to-latest` pill shown while not following, and its text. */
function jumpToLatestPill(): { button: HTMLButtonElement; label: HTMLSpanElement } {
  const label = h('span');
  const attrs = { type: 'button', hidden: true, title: 'Scroll to the newest event and follow' };
  const button = h('button', { id: 'jump-to-latest', class: 'jump-to-latest', attrs }, [codicon('arrow-down'), label]);
  return { button, label };
}

/** The `#event-table` grid. Call `render()` from the app's frame callback. */
export class EventTable implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rowLayer: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly pill = jumpToLatestPill();
  private readonly pool: EventRowPool;
  private readonly tail = new TailFollow(ROW_HEIGHT);

  private viewportHeight = 0;
  /** Row count and scrollTop as last drawn: scroll events are judged against what is on screen. */
  private renderedCount = 0;
  private renderedScrollTop = 0;
  private selectedSeq: number | undefined;
  /** Scroll the selection into view on the next render (after a keyboard move or a filter change). */
  private revealSelection = false;
  private emptyText = 'No events yet.';

  constructor(
    private readonly rows: RowList,
    private readonly events: EventTableEvents,
  ) {
    this.rowLayer = h('div', { class: 'event-table-rows', attrs: { role: 'rowgroup' } });
    this.spacer = h('div', { class: 'event-table-spacer' }, [this.rowLayer]);
    // tabindex -1: Chromium makes scrollers keyboard-focusable; the grid itself is the one tab stop.
    this.viewport = h('div', { class: 'event-table-viewport', attrs: { tabindex: '-1' } }, [this.spacer]);
    this.empty = h('div', { class: 'event-table-empty' });
    const gridAttrs = { role: 'grid', tabindex: '0', 'aria-label': 'Events', 'aria-rowcount': '1' };
    this.element = h('div', { id: 'event-table', class: 'event-table', attrs: gridAttrs }, [
      h('div', { attrs: { role: 'rowgroup' } }, [tableHead()]),
      this.viewport,
      this.empty,
      this.pill.button,
    ]);
    // CSSOM, not a style attribute: allowed under the CSP, and keeps the height in one place.
    this.element.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
    this.pool = new EventRowPool(this.rowLayer, ROW_HEIGHT);
    this.addListeners();
  }

  /** The selected row's seq, if any. */
  get selection(): number | undefined {
    return this.selectedSeq;
  }

  /** Whether the table follows new rows. */
  get isFollowing(): boolean {
    return this.tail.following;
  }

  /** Rows were appended (and maybe dropped from the start) in the row list. */
  rowsAppended(change: FilteredAppend): void {
    this.tail.noteAppended(change.added, change.removedFromStart);
    this.events.requestRender();
  }

  /** The row list was replaced (snapshot) or re-filtered. Keeps the selection in view when it survived. */
  rowsReset(emptyText: string): void {
    this.emptyText = emptyText;
    const index = this.selectedSeq === undefined ? -1 : this.rows.indexOfSeq(this.selectedSeq);
    this.tail.reset(index < 0 || followsAtIndex(index, this.rows.count));
    this.revealSelection = index >= 0;
    this.events.requestRender();
  }

  /** Selects `seq` (or nothing) without telling the app: for selections that come from the app. */
  select(seq: number | undefined): void {
    this.selectedSeq = seq;
    this.events.requestRender();
  }

  /** Selects `seq` and scrolls it into view on the next render (a click in the timeline). */
  reveal(seq: number): void {
    this.selectedSeq = seq;
    this.revealSelection = true;
    // Looking at an earlier row: stop following the tail, or the next batch would scroll it away.
    this.tail.setFollowing(followsAtIndex(this.rows.indexOfSeq(seq), this.rows.count));
    this.events.requestRender();
  }

  /** Moves keyboard focus to the table. */
  focus(): void {
    this.element.focus();
  }

  /** Draws the rows on screen. Reads layout once, then writes: no layout thrash. */
  render(): void {
    const count = this.rows.count;
    const scrollTop = this.scrollForFrame(count);
    const range = visibleRange(scrollTop, this.viewportHeight, ROW_HEIGHT, count, OVERSCAN);
    this.pool.grow(Math.max(range.end - range.first, poolSize(this.viewportHeight, ROW_HEIGHT, OVERSCAN)));
    const activeId = this.pool.place(this.rows, range.first, range.end, this.selectedSeq);
    if (activeId) this.element.setAttribute('aria-activedescendant', activeId);
    else this.element.removeAttribute('aria-activedescendant');
    this.element.setAttribute('aria-rowcount', String(count + 1));
    this.empty.hidden = count > 0;
    setText(this.empty, this.emptyText);
    this.tail.rendered();
    this.pill.button.hidden = this.tail.following || count === 0;
    setText(this.pill.label, pillLabel(this.tail.unseen));
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private addListeners(): void {
    this.disposables.add(listen(this.viewport, 'scroll', () => this.onScroll(), { passive: true }));
    this.disposables.add(listen(this.rowLayer, 'click', (e) => this.onRowClick(e)));
    this.disposables.add(listen(this.element, 'keydown', (e) => this.onKeyDown(e)));
    this.disposables.add(listen(this.pill.button, 'click', () => this.jumpToLatest()));
    const resize = new ResizeObserver(() => {
      this.viewportHeight = this.viewport.clientHeight;
      this.events.requestRender();
    });
    resize.observe(this.viewport);
    this.disposables.add(toDisposable(() => resize.disconnect()));
  }

  /** Decides this frame's scrollTop, sizes the spacer and applies it; returns the scrollTop drawn. */
  private scrollForFrame(count: number): number {
    if (this.viewportHeight === 0) this.viewportHeight = this.viewport.clientHeight;
    // Read before the spacer write below, so the frame does not force a second layout.
    const currentScrollTop = this.viewport.scrollTop;
    const revealIndex =
      this.revealSelection && this.selectedSeq !== undefined ? this.rows.indexOfSeq(this.selectedSeq) : -1;
    this.revealSelection = false;
    const scrollTop = frameScrollTop({
      scrollTop: currentScrollTop,
      shift: this.tail.takeShift(),
      revealIndex,
      following: this.tail.following,
      rowCount: count,
      viewportHeight: this.viewportHeight,
      rowHeight: ROW_HEIGHT,
    });
    // Grow the spacer first: a scrollTop past the old height would be clamped.
    this.spacer.style.height = `${count * ROW_HEIGHT}px`;
    if (scrollTop !== currentScrollTop) this.viewport.scrollTop = scrollTop;
    this.renderedCount = count;
    this.renderedScrollTop = scrollTop;
    return scrollTop;
  }

  private onScroll(): void {
    const scrollTop = this.viewport.scrollTop;
    if (scrollTop === this.renderedScrollTop) return; // Our own scroll from render(): already drawn.
    this.tail.setFollowing(followsAfterScroll(scrollTop, this.viewportHeight, this.renderedCount, ROW_HEIGHT));
    this.events.requestRender();
  }

  private onRowClick(event: MouseEvent): void {
    const row = (event.target as Element | null)?.closest<HTMLElement>('.event-row');
    const seq = Number(row?.dataset.seq);
    if (!row || !Number.isFinite(seq)) return;
    const twisty = '.row-twisty.codicon-chevron-down, .row-twisty.codicon-chevron-right';
    if ((event.target as Element).closest(twisty)) {
      this.events.onToggleChildren?.(seq);
      return;
    }
    this.setSelection(seq, 'pointer');
  }

  private onKeyDown(event: KeyboardEvent): void {
    const count = this.rows.count;
    const action = rowKeyAction(event, {
      current: this.selectedSeq === undefined ? -1 : this.rows.indexOfSeq(this.selectedSeq),
      count,
      firstOnScreen: Math.ceil(this.renderedScrollTop / ROW_HEIGHT),
      pageRows: pageRows(this.viewportHeight, ROW_HEIGHT),
    });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'open') {
      if (this.selectedSeq !== undefined) this.events.onSelect(this.selectedSeq, 'enter');
      return;
    }
    const dto = this.rows.at(action.index);
    if (!dto) return;
    // Moving onto the last row resumes following, as End does in a terminal.
    this.tail.setFollowing(followsAtIndex(action.index, count));
    this.revealSelection = true;
    this.setSelection(dto.seq, 'keyboard');
  }

  private setSelection(seq: number, source: SelectionSource): void {
    const changed = seq !== this.selectedSeq;
    this.selectedSeq = seq;
    this.events.requestRender();
    if (changed || source === 'enter') this.events.onSelect(seq, source);
  }

  private jumpToLatest(): void {
    this.tail.jumpToLatest();
    this.events.requestRender();
    this.element.focus();
  }
}
