/**
 * The live event table (`#event-table`), paged and virtualised (issue #9): it shows whole rows from a
 * row position `top`, reads them from the few pages the webview holds (asking the app to load what is
 * missing), and scrolls with the wheel, the keys and its own scrollbar — no element is ever taller than
 * the viewport, so a million rows scroll as smoothly as ten. It composes the row pool, tail-follow and
 * keyboard navigation, and owns the DOM, the selection and the one render pass per frame.
 */
import { DisposableStore, toDisposable, type Disposable } from './disposables';
import { h, listen, setText } from './dom';
import { EventRowPool } from './eventRowPool';
import {
  jumpToLatestPill,
  ROW_HEIGHT,
  tableHead,
  type EventTableEvents,
  type PositionedRows,
  type SelectionSource,
} from './eventTableParts';
import { foldKeyAction, rowKeyAction } from './rowNavigation';
import { maxTop, wheelRows } from './scrollbarMap';
import { TableScrollbar } from './tableScrollbar';
import { followsAtIndex, frameTop, isAtEnd, pillLabel, TailFollow } from './tailFollow';

export class EventTable implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly viewport: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly rowLayer: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private readonly pill = jumpToLatestPill();
  private readonly pool: EventRowPool;
  private readonly scrollbar: TableScrollbar;
  private readonly tail = new TailFollow();

  private viewportHeight = 0;
  /** Position of the first row on screen, as last drawn or as the user just scrolled. */
  private top = 0;
  private wheelCarry = 0;
  private selectedSeq: number | undefined;
  /** Where the selection was last seen, for keys pressed while its page is not held. */
  private selectedPosition: number | undefined;
  /** A key moved the selection onto a row not loaded yet: selected when it arrives. */
  private pendingPosition: number | undefined;
  /** Bring this position into view on the next render. */
  private revealPosition = -1;
  private emptyText = 'No events yet.';

  constructor(
    private readonly rows: PositionedRows,
    private readonly events: EventTableEvents,
  ) {
    this.rowLayer = h('div', { class: 'event-table-rows', attrs: { role: 'rowgroup' } });
    this.viewport = h('div', { class: 'event-table-viewport' }, [this.rowLayer]);
    this.scrollbar = this.disposables.add(new TableScrollbar((top) => this.userScroll(top)));
    this.empty = h('div', { class: 'event-table-empty' });
    this.live = h('div', { id: 'event-table-status', class: 'sr-only', attrs: { 'aria-live': 'polite' } });
    this.body = h('div', { class: 'event-table-body' }, [this.viewport, this.scrollbar.element]);
    const gridAttrs = { role: 'treegrid', tabindex: '0', 'aria-label': 'Events', 'aria-rowcount': '1' };
    this.element = h('div', { id: 'event-table', class: 'event-table', attrs: gridAttrs }, [
      h('div', { attrs: { role: 'rowgroup' } }, [tableHead()]),
      this.body,
      this.empty,
      this.pill.button,
      this.live,
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

  get isFollowing(): boolean {
    return this.tail.following;
  }

  /** The seq of the first row on screen, when it is loaded (the scroll anchor kept across reloads). */
  get anchorSeq(): number | undefined {
    return this.rows.at(this.top - this.rows.start)?.seq;
  }

  /** Another view (snapshot, filter, folds): positions start over; the selection is found again by the app. */
  viewReset(following: boolean, emptyText: string): void {
    this.emptyText = emptyText;
    this.tail.reset(following, this.rows.end);
    this.selectedPosition = undefined;
    this.pendingPosition = undefined;
    this.events.requestRender();
  }

  /** The view's range changed (rows appended or let go). */
  rangeChanged(arrived = true): void {
    this.tail.noteEnd(this.rows.end, arrived);
    this.events.requestRender();
  }

  /** Selects `seq` (or nothing) without telling the app; `position` when the app knows it. */
  select(seq: number | undefined, position?: number): void {
    this.selectedSeq = seq;
    this.selectedPosition = position;
    this.pendingPosition = undefined;
    this.events.requestRender();
  }

  /** Selects `seq` at `position` and scrolls it into view (a link, the timeline, a restored selection). */
  reveal(seq: number, position: number): void {
    this.select(seq, position);
    this.revealPosition = position;
    this.changeFollowing(followsAtIndex(position - this.rows.start, this.rows.count));
  }

  /** Shows `position` as the first row on screen, not following (a restored scroll anchor). */
  scrollToPosition(position: number): void {
    this.top = position;
    this.changeFollowing(false);
    this.events.requestRender();
  }

  /** Says `text` to screen readers. */
  announce(text: string): void {
    setText(this.live, text);
  }

  focus(): void {
    this.element.focus();
  }

  /** Draws the rows on screen (reads layout once, then writes). */
  render(): void {
    if (this.viewportHeight === 0) this.viewportHeight = this.viewport.clientHeight;
    const { start, end, count } = this.rows;
    const visibleRows = this.visibleRows();
    this.top = frameTop({
      top: this.top,
      revealPosition: this.revealPosition,
      following: this.tail.following,
      start,
      end,
      visibleRows,
    });
    this.revealPosition = -1;
    const last = Math.min(end, this.top + visibleRows);
    this.events.onVisible(this.top, last);
    this.selectPending();
    this.pool.grow(visibleRows);
    const activeId = this.pool.place(this.rows, this.top - start, last - start, this.selectedSeq);
    if (activeId) this.element.setAttribute('aria-activedescendant', activeId);
    else this.element.removeAttribute('aria-activedescendant');
    this.element.setAttribute('aria-rowcount', String(count + 1));
    this.scrollbar.update({ start, end, visibleRows }, this.top, this.viewportHeight);
    this.empty.hidden = count > 0;
    setText(this.empty, this.emptyText);
    this.pill.button.hidden = this.tail.following || count === 0;
    setText(this.pill.label, pillLabel(this.tail.unseen));
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private visibleRows = (): number => Math.max(1, Math.floor(this.viewportHeight / ROW_HEIGHT));

  private addListeners(): void {
    const disposables = this.disposables;
    disposables.add(listen(this.body, 'wheel', (e) => this.onWheel(e), { passive: false }));
    // Nothing overflows the viewport, but focus or find-in-page could still scroll it: undo that.
    disposables.add(listen(this.viewport, 'scroll', () => (this.viewport.scrollTop = 0), { passive: true }));
    disposables.add(listen(this.rowLayer, 'click', (e) => this.onRowClick(e)));
    disposables.add(listen(this.element, 'keydown', (e) => this.onKeyDown(e)));
    disposables.add(listen(this.pill.button, 'click', () => this.jumpToLatest()));
    const resize = new ResizeObserver(() => {
      this.viewportHeight = this.viewport.clientHeight;
      this.events.requestRender();
    });
    resize.observe(this.viewport);
    disposables.add(toDisposable(() => resize.disconnect()));
  }

  /** The user moved the view to `top`: following pauses, or resumes at the last row. */
  private userScroll(top: number): void {
    const { start, end } = this.rows;
    this.top = Math.max(start, Math.min(top, maxTop({ start, end, visibleRows: this.visibleRows() })));
    this.changeFollowing(isAtEnd(this.top, this.visibleRows(), end));
    this.events.requestRender();
  }

  private changeFollowing(following: boolean): void {
    if (this.tail.setFollowing(following)) this.events.onFollowChange(following);
    this.events.requestRender();
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const move = wheelRows(event.deltaY, event.deltaMode, ROW_HEIGHT, this.visibleRows(), this.wheelCarry);
    this.wheelCarry = move.carry;
    if (move.rows !== 0) this.userScroll(this.top + move.rows);
  }

  private onRowClick(event: MouseEvent): void {
    const row = (event.target as Element | null)?.closest<HTMLElement>('.event-row');
    const seq = Number(row?.dataset.seq);
    if (!row || !Number.isFinite(seq)) return;
    const twisty = '.row-twisty.codicon-chevron-down, .row-twisty.codicon-chevron-right';
    if ((event.target as Element).closest(twisty)) {
      this.events.onToggleChildren(seq);
      return;
    }
    this.selectedPosition = this.rows.start + Number(row.getAttribute('aria-rowindex')) - 2;
    this.setSelection(seq, 'pointer');
  }

  /** Display index of the selection (or of the row a key is waiting for), or -1. */
  private currentIndex(): number {
    if (this.pendingPosition !== undefined) return this.pendingPosition - this.rows.start;
    if (this.selectedSeq === undefined) return -1;
    const held = this.rows.indexOfSeq(this.selectedSeq);
    if (held >= 0) return held;
    const position = this.selectedPosition ?? -1;
    return position >= this.rows.start && position < this.rows.end ? position - this.rows.start : -1;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.onFoldKey(event)) return;
    const count = this.rows.count;
    const action = rowKeyAction(event, {
      current: this.currentIndex(),
      count,
      firstOnScreen: this.top - this.rows.start,
      pageRows: Math.max(1, this.visibleRows() - 1),
    });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'open') {
      if (this.selectedSeq !== undefined) this.events.onSelect(this.selectedSeq, 'enter');
      return;
    }
    this.moveTo(action.index);
  }

  /** Left/Right on the selected row: fold, unfold, or step to the parent or first child. */
  private onFoldKey(event: KeyboardEvent): boolean {
    const index = this.currentIndex();
    const row = index >= 0 ? this.rows.at(index) : undefined;
    const action = foldKeyAction(event, row, row ? this.rows.nesting?.(row).collapsed === true : false);
    if (!action) return false;
    event.preventDefault();
    if (action.kind === 'child') this.moveTo(index + 1);
    else if (action.kind === 'parent') this.events.onGoToSeq(action.seq);
    else this.events.onToggleChildren(action.seq);
    return true;
  }

  /** Moves the selection to display index `index`, across pages: a row not loaded is selected on arrival. */
  private moveTo(index: number): void {
    const count = this.rows.count;
    if (index < 0 || index >= count) return;
    const position = this.rows.start + index;
    this.revealPosition = position;
    // Moving onto the last row resumes following, as End does in a terminal.
    this.changeFollowing(followsAtIndex(index, count));
    const dto = this.rows.at(index);
    if (dto) {
      this.selectedPosition = position;
      this.pendingPosition = undefined;
      this.setSelection(dto.seq, 'keyboard');
    } else {
      this.pendingPosition = position;
      this.events.requestRender();
    }
  }

  /** The row a key waited for has arrived: select it now. */
  private selectPending(): void {
    if (this.pendingPosition === undefined) return;
    const dto = this.rows.at(this.pendingPosition - this.rows.start);
    if (!dto) return;
    this.selectedPosition = this.pendingPosition;
    this.pendingPosition = undefined;
    this.setSelection(dto.seq, 'keyboard');
  }

  private setSelection(seq: number, source: SelectionSource): void {
    const changed = seq !== this.selectedSeq;
    this.selectedSeq = seq;
    this.events.requestRender();
    if (changed || source === 'enter') this.events.onSelect(seq, source);
  }

  private jumpToLatest(): void {
    this.changeFollowing(true);
    this.element.focus();
  }
}
