/**
 * The live event table, virtualised: a fixed row height, a spacer that gives the scroll height, and a
 * pool of absolutely positioned row elements (enough for one viewport plus overscan) recycled for
 * whichever rows are on screen. The DOM node count depends on the viewport height, never on the
 * number of events.
 *
 * Limitation (noted for the paging issue): the spacer is a real element, and browsers cap element
 * height (~33.5M px in Chromium), so this holds ~1.5M rows; the row store keeps far fewer.
 */
import type { EventRowDto } from '../shared/dto';
import { DisposableStore, toDisposable, type Disposable } from './disposables';
import { codicon, h, listen, setText } from './dom';
import { formatClock, formatElapsed, formatSize } from './format';
import type { FilteredAppend } from './rowFilter';
import { bindPreviewCell, clearPreviewCell, createPreviewCell, type PreviewCell } from './rowPreviewCell';
import type { RowList, RowNesting } from './rowStore';
import { isAtBottom, poolSize, scrollTopToReveal, visibleRange } from './virtualWindow';

/** Row height in px. The single source: also handed to CSS as `--row-height`. */
export const ROW_HEIGHT = 22;
/** Extra rows rendered above and below the viewport. */
const OVERSCAN = 6;

/** How a row came to be selected: the app loads details at once for clicks, after a pause for arrows. */
export type SelectionSource = 'pointer' | 'keyboard' | 'enter';

const DIRECTION_ICON: Record<EventRowDto['direction'], string> = { out: 'arrow-up', in: 'arrow-down', local: 'info' };
const DIRECTION_LABEL: Record<EventRowDto['direction'], string> = { out: 'sent', in: 'received', local: 'local' };

/** One pooled row element and its cells, re-bound as the user scrolls. */
interface PooledRow {
  element: HTMLDivElement;
  time: HTMLSpanElement;
  dirIcon: HTMLSpanElement;
  dirText: HTMLSpanElement;
  layer: HTMLSpanElement;
  type: HTMLSpanElement;
  size: HTMLSpanElement;
  preview: PreviewCell;
  /** The row DTO bound last, so an unchanged row is not touched. */
  bound?: EventRowDto;
  twisty: HTMLElement;
  /** The display index the element is positioned at (-1 when unplaced). */
  index: number;
}

function createPooledRow(poolIndex: number): PooledRow {
  const time = h('span', { class: 'col-time', attrs: { role: 'gridcell' } });
  const dirIcon = codicon('blank');
  const dirText = h('span', { class: 'sr-only' });
  const layer = h('span', { class: 'col-layer', attrs: { role: 'gridcell' } });
  const twisty = h('span', { class: 'row-twisty codicon', attrs: { 'aria-hidden': 'true' } });
  const type = h('span', { class: 'col-type', attrs: { role: 'gridcell' } });
  const size = h('span', { class: 'col-size', attrs: { role: 'gridcell' } });
  const preview = createPreviewCell();
  const element = h('div', { id: `event-row-${poolIndex}`, class: 'event-row', attrs: { role: 'row', 'aria-selected': 'false' } }, [
    time,
    h('span', { class: 'col-dir', attrs: { role: 'gridcell' } }, [dirIcon, dirText]),
    layer,
    h('span', { class: 'col-tree' }, [twisty, type]),
    size,
    preview.element,
  ]);
  return { element, time, dirIcon, dirText, layer, twisty, type, size, preview, index: -1 };
}

function bindRow(row: PooledRow, dto: EventRowDto, nesting: RowNesting | undefined): void {
  const el = row.element;
  // Nesting changes without the row changing (a child arrives, a fold): always refresh it.
  const depth = nesting?.depth ?? 0;
  el.dataset.depth = String(depth);
  row.twisty.className = `row-twisty codicon${nesting?.hasChildren ? ` codicon-chevron-${nesting.collapsed ? 'right' : 'down'}` : ''}`;
  row.twisty.title = nesting?.hasChildren ? (nesting.collapsed ? 'Show the packets inside' : 'Hide the packets inside') : '';
  if (row.bound === dto) return;
  row.bound = dto;
  el.dataset.seq = String(dto.seq);
  el.classList.toggle('dir-in', dto.direction === 'in');
  el.classList.toggle('dir-out', dto.direction === 'out');
  el.classList.toggle('dir-local', dto.direction === 'local');
  el.classList.toggle('is-error', dto.isError);
  el.classList.toggle('is-binary', dto.binary);
  setText(row.time, formatClock(dto.time));
  row.time.title = `${formatElapsed(dto.elapsed)} since the session started · #${dto.seq}`;
  row.dirIcon.className = `codicon codicon-${dto.isError && dto.direction === 'local' ? 'error' : DIRECTION_ICON[dto.direction]}`;
  setText(row.dirText, DIRECTION_LABEL[dto.direction]);
  setText(row.layer, dto.layer);
  setText(row.type, dto.type);
  setText(row.size, formatSize(dto.size));
  row.size.title = `${dto.size} bytes`;
  bindPreviewCell(row.preview, dto);
}

/**
 * Empties a row that leaves the screen, so a hidden pool element never carries an old row's seq or
 * text (a test or a screen reader querying `.event-row` must only find rows that are on screen).
 */
function unbindRow(row: PooledRow): void {
  row.element.hidden = true;
  if (!row.bound) return;
  row.bound = undefined;
  row.index = -1;
  delete row.element.dataset.seq;
  row.element.classList.remove('selected');
  row.element.removeAttribute('aria-rowindex');
  for (const cell of [row.time, row.dirText, row.layer, row.type, row.size]) cell.textContent = '';
  clearPreviewCell(row.preview);
}

/** Callbacks from the table to the app. */
export interface EventTableEvents {
  /** The selection changed (or Enter was pressed on it). */
  onSelect(seq: number, source: SelectionSource): void;
  /** Something in the table needs a render on the next frame. */
  requestRender(): void;
  /** The twisty of a row with children was clicked. */
  onToggleChildren?(seq: number): void;
}

/** The `#event-table` grid. Call `render()` from the app's frame callback. */
export class EventTable implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rowLayer: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly pill: HTMLButtonElement;
  private readonly pillText: HTMLSpanElement;
  private readonly pool: PooledRow[] = [];

  private viewportHeight = 0;
  /** Row count and scrollTop as last drawn: scroll events are judged against what is on screen. */
  private renderedCount = 0;
  private renderedScrollTop = 0;
  /** Following the tail: new rows scroll into view while the user stays at the bottom. */
  private following = true;
  /** Rows appended while not following (the pill's number). */
  private unseen = 0;
  /** Pixels to scroll up on the next render because rows were dropped from the start. */
  private pendingShift = 0;
  private selectedSeq: number | undefined;
  /** Scroll the selection into view on the next render (after a keyboard move or a filter change). */
  private revealSelection = false;
  private emptyText = 'No events yet.';

  constructor(private readonly rows: RowList, private readonly events: EventTableEvents) {
    const head = h('div', { class: 'event-table-head', attrs: { role: 'row' } }, [
      h('span', { class: 'col-time', text: 'Time', attrs: { role: 'columnheader' } }),
      h('span', { class: 'col-dir', attrs: { role: 'columnheader', title: 'Direction' } }, [h('span', { class: 'sr-only', text: 'Direction' })]),
      h('span', { class: 'col-layer', text: 'Layer', attrs: { role: 'columnheader' } }),
      h('span', { class: 'col-type', text: 'Type', attrs: { role: 'columnheader' } }),
      h('span', { class: 'col-size', text: 'Size', attrs: { role: 'columnheader' } }),
      h('span', { class: 'col-preview', text: 'Data', attrs: { role: 'columnheader' } }),
    ]);
    this.rowLayer = h('div', { class: 'event-table-rows', attrs: { role: 'rowgroup' } });
    this.spacer = h('div', { class: 'event-table-spacer' }, [this.rowLayer]);
    // tabindex -1: Chromium makes scrollers keyboard-focusable; the grid itself is the one tab stop.
    this.viewport = h('div', { class: 'event-table-viewport', attrs: { tabindex: '-1' } }, [this.spacer]);
    this.empty = h('div', { class: 'event-table-empty' });
    this.pillText = h('span');
    this.pill = h('button', { id: 'jump-to-latest', class: 'jump-to-latest', attrs: { type: 'button', hidden: true, title: 'Scroll to the newest event and follow' } }, [
      codicon('arrow-down'),
      this.pillText,
    ]);
    this.element = h('div', { id: 'event-table', class: 'event-table', attrs: { role: 'grid', tabindex: '0', 'aria-label': 'Events', 'aria-rowcount': '1' } }, [
      h('div', { attrs: { role: 'rowgroup' } }, [head]),
      this.viewport,
      this.empty,
      this.pill,
    ]);
    // CSSOM, not a style attribute: allowed under the CSP, and keeps the height in one place.
    this.element.style.setProperty('--row-height', `${ROW_HEIGHT}px`);

    this.disposables.add(listen(this.viewport, 'scroll', () => this.onScroll(), { passive: true }));
    this.disposables.add(listen(this.rowLayer, 'click', (e) => this.onRowClick(e)));
    this.disposables.add(listen(this.element, 'keydown', (e) => this.onKeyDown(e)));
    this.disposables.add(listen(this.pill, 'click', () => this.jumpToLatest()));
    const resize = new ResizeObserver(() => {
      this.viewportHeight = this.viewport.clientHeight;
      this.events.requestRender();
    });
    resize.observe(this.viewport);
    this.disposables.add(toDisposable(() => resize.disconnect()));
  }

  /** The selected row's seq, if any. */
  get selection(): number | undefined {
    return this.selectedSeq;
  }

  /** Whether the table follows new rows. */
  get isFollowing(): boolean {
    return this.following;
  }

  /** Rows were appended (and maybe dropped from the start) in the row list. */
  rowsAppended(change: FilteredAppend): void {
    if (!this.following) {
      this.unseen += change.added;
      this.pendingShift += change.removedFromStart * ROW_HEIGHT;
    }
    this.events.requestRender();
  }

  /** The row list was replaced (snapshot) or re-filtered. Keeps the selection in view when it survived. */
  rowsReset(emptyText: string): void {
    this.emptyText = emptyText;
    this.unseen = 0;
    this.pendingShift = 0;
    const index = this.selectedSeq === undefined ? -1 : this.rows.indexOfSeq(this.selectedSeq);
    this.following = index < 0 || index === this.rows.count - 1;
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
    this.following = this.rows.indexOfSeq(seq) === this.rows.count - 1;
    this.events.requestRender();
  }

  /** Moves keyboard focus to the table. */
  focus(): void {
    this.element.focus();
  }

  /** Draws the rows on screen. Reads layout once, then writes: no layout thrash. */
  render(): void {
    const count = this.rows.count;
    const contentHeight = count * ROW_HEIGHT;
    if (this.viewportHeight === 0) this.viewportHeight = this.viewport.clientHeight;
    // Read before the spacer write below, so the frame does not force a second layout.
    const currentScrollTop = this.viewport.scrollTop;
    let scrollTop = currentScrollTop;
    if (this.pendingShift) {
      scrollTop = Math.max(0, scrollTop - this.pendingShift);
      this.pendingShift = 0;
    }
    if (this.revealSelection && this.selectedSeq !== undefined) {
      const index = this.rows.indexOfSeq(this.selectedSeq);
      if (index >= 0) scrollTop = scrollTopToReveal(index, scrollTop, this.viewportHeight, ROW_HEIGHT);
    }
    this.revealSelection = false;
    const maxScrollTop = Math.max(0, contentHeight - this.viewportHeight);
    if (this.following) scrollTop = maxScrollTop;
    scrollTop = Math.min(scrollTop, maxScrollTop);
    // Grow the spacer first: a scrollTop past the old height would be clamped.
    this.spacer.style.height = `${contentHeight}px`;
    if (scrollTop !== currentScrollTop) this.viewport.scrollTop = scrollTop;
    this.renderedCount = count;
    this.renderedScrollTop = scrollTop;

    const range = visibleRange(scrollTop, this.viewportHeight, ROW_HEIGHT, count, OVERSCAN);
    this.growPool(Math.max(range.end - range.first, poolSize(this.viewportHeight, ROW_HEIGHT, OVERSCAN)));
    const activeId = this.placeRows(range.first, range.end);
    if (activeId) this.element.setAttribute('aria-activedescendant', activeId);
    else this.element.removeAttribute('aria-activedescendant');
    this.element.setAttribute('aria-rowcount', String(count + 1));

    this.empty.hidden = count > 0;
    setText(this.empty, this.emptyText);
    if (this.following) this.unseen = 0;
    this.pill.hidden = this.following || count === 0;
    setText(this.pillText, this.unseen > 0 ? `${this.unseen} new` : 'Latest');
  }

  /**
   * Binds rows [first, end) to pool elements, keyed by seq: a row that stays on screen keeps its
   * element (only its offset changes), and only rows that scrolled out are recycled for rows that
   * scrolled in. So an element found by a test, a screen reader or a click handler keeps meaning
   * the same event while the list scrolls. Returns the id of the selected row's element, or ''.
   */
  private placeRows(first: number, end: number): string {
    const wanted = new Map<number, { dto: EventRowDto; index: number }>();
    for (let index = first; index < end; index++) {
      const dto = this.rows.at(index);
      if (dto) wanted.set(dto.seq, { dto, index });
    }
    const free: PooledRow[] = [];
    const kept = new Map<number, PooledRow>();
    for (const pooled of this.pool) {
      const seq = pooled.bound?.seq;
      if (seq !== undefined && wanted.has(seq) && !kept.has(seq)) kept.set(seq, pooled);
      else free.push(pooled);
    }
    let activeId = '';
    for (const [seq, { dto, index }] of wanted) {
      const pooled = kept.get(seq) ?? free.pop()!;
      bindRow(pooled, dto, this.rows.nesting?.(dto));
      pooled.element.hidden = false;
      if (pooled.index !== index) {
        pooled.index = index;
        // CSSOM, not a style attribute: allowed by the CSP (style-src has no 'unsafe-inline').
        pooled.element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
        pooled.element.setAttribute('aria-rowindex', String(index + 2));
      }
      const selected = seq === this.selectedSeq;
      pooled.element.classList.toggle('selected', selected);
      pooled.element.setAttribute('aria-selected', String(selected));
      if (selected) activeId = pooled.element.id;
    }
    for (const pooled of free) if (!pooled.element.hidden || pooled.bound) unbindRow(pooled);
    this.keepDomOrder();
    return activeId;
  }

  /**
   * Recycling leaves elements in arbitrary DOM order; screen readers read DOM order, and so do
   * `querySelector`-style lookups. Re-appends the placed rows in display order when they drifted
   * (a few dozen node moves at most, and only in frames where rows were recycled).
   */
  private keepDomOrder(): void {
    const placed = this.pool.filter((p) => p.bound).sort((a, b) => a.index - b.index);
    let i = 0;
    let inOrder = true;
    for (let child = this.rowLayer.firstElementChild; child && inOrder; child = child.nextElementSibling) {
      if ((child as HTMLElement).hidden) continue;
      inOrder = child === placed[i]?.element;
      i++;
    }
    if (!inOrder) for (const p of placed) this.rowLayer.append(p.element);
  }

  private growPool(size: number): void {
    while (this.pool.length < size) {
      const pooled = createPooledRow(this.pool.length);
      pooled.element.hidden = true;
      this.pool.push(pooled);
      this.rowLayer.append(pooled.element);
    }
  }

  private onScroll(): void {
    const scrollTop = this.viewport.scrollTop;
    if (scrollTop === this.renderedScrollTop) return; // Our own scroll from render(): already drawn.
    // Judged against the rendered height: rows that arrived since are not on screen yet.
    this.following = isAtBottom(scrollTop, this.viewportHeight, this.renderedCount * ROW_HEIGHT, ROW_HEIGHT);
    this.events.requestRender();
  }

  private onRowClick(event: MouseEvent): void {
    const row = (event.target as Element | null)?.closest<HTMLElement>('.event-row');
    const seq = Number(row?.dataset.seq);
    if (!row || !Number.isFinite(seq)) return;
    if ((event.target as Element).closest('.row-twisty.codicon-chevron-down, .row-twisty.codicon-chevron-right')) {
      this.events.onToggleChildren?.(seq);
      return;
    }
    this.setSelection(seq, 'pointer');
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.rows.count;
    if (count === 0) return;
    const current = this.selectedSeq === undefined ? -1 : this.rows.indexOfSeq(this.selectedSeq);
    const page = Math.max(1, Math.floor(this.viewportHeight / ROW_HEIGHT) - 1);
    // With nothing selected (or the selection filtered out), start from the first row on screen.
    const from = current >= 0 ? current : Math.min(count - 1, Math.ceil(this.renderedScrollTop / ROW_HEIGHT));
    let target: number;
    switch (event.key) {
      case 'ArrowDown': target = current < 0 ? from : from + 1; break;
      case 'ArrowUp': target = current < 0 ? from : from - 1; break;
      case 'PageDown': target = from + page; break;
      case 'PageUp': target = from - page; break;
      case 'Home': target = 0; break;
      case 'End': target = count - 1; break;
      case 'Enter':
        if (this.selectedSeq !== undefined) this.events.onSelect(this.selectedSeq, 'enter');
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    target = Math.max(0, Math.min(count - 1, target));
    const dto = this.rows.at(target);
    if (!dto) return;
    // Moving onto the last row resumes following, as End does in a terminal.
    this.following = target === count - 1;
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
    this.following = true;
    this.unseen = 0;
    this.events.requestRender();
    this.element.focus();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
