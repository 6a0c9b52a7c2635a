/**
 * One row element of the event table: its cells, how an EventRowDto is written into them, and how a
 * row that leaves the screen is emptied. The pool (eventRowPool.ts) decides which row goes where.
 */
import type { EventRowDto } from '../shared/dto';
import { codicon, h, setText } from './dom';
import { formatClock, formatElapsed, formatSize } from './format';
import { bindPreviewCell, clearPreviewCell, createPreviewCell, type PreviewCell } from './rowPreviewCell';
import type { RowNesting } from './rowStore';

const DIRECTION_ICON: Record<EventRowDto['direction'], string> = {
  out: 'arrow-up',
  in: 'arrow-down',
  local: 'info',
};
const DIRECTION_LABEL: Record<EventRowDto['direction'], string> = {
  out: 'sent',
  in: 'received',
  local: 'local',
};

/** One pooled row element and its cells, re-bound as the user scrolls. */
export interface PooledRow {
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
  /** Its offset from the top of the row layer, px. */
  offset?: number;
}

/** A `gridcell` span with the column's class. */
function gridCell(columnClass: string): HTMLSpanElement {
  return h('span', { class: columnClass, attrs: { role: 'gridcell' } });
}

/** Creates the hidden-to-be row element `#event-row-<poolIndex>` with empty cells. */
export function createPooledRow(poolIndex: number): PooledRow {
  const time = gridCell('col-time');
  const dirIcon = codicon('blank');
  const dirText = h('span', { class: 'sr-only' });
  const layer = gridCell('col-layer');
  const twisty = h('span', { class: 'row-twisty codicon', attrs: { 'aria-hidden': 'true' } });
  const type = gridCell('col-type');
  const size = gridCell('col-size');
  const preview = createPreviewCell();
  const rowAttrs = { role: 'row', 'aria-selected': 'false' };
  const element = h('div', { id: `event-row-${poolIndex}`, class: 'event-row', attrs: rowAttrs }, [
    time,
    h('span', { class: 'col-dir', attrs: { role: 'gridcell' } }, [dirIcon, dirText]),
    layer,
    h('span', { class: 'col-tree' }, [twisty, type]),
    size,
    preview.element,
  ]);
  return { element, time, dirIcon, dirText, layer, twisty, type, size, preview, index: -1 };
}

/** Indent and fold chevron. Nesting changes without the row changing (a child arrives, a fold). */
function bindNesting(row: PooledRow, nesting: RowNesting | undefined): void {
  row.element.dataset.depth = String(nesting?.depth ?? 0);
  // A treegrid row: its level, and whether its children show (read out by screen readers).
  row.element.setAttribute('aria-level', String((nesting?.depth ?? 0) + 1));
  if (nesting?.hasChildren) row.element.setAttribute('aria-expanded', String(!nesting.collapsed));
  else row.element.removeAttribute('aria-expanded');
  const chevron = nesting?.hasChildren ? ` codicon-chevron-${nesting.collapsed ? 'right' : 'down'}` : '';
  row.twisty.className = `row-twisty codicon${chevron}`;
  const foldTitle = nesting?.collapsed ? 'Show the packets inside' : 'Hide the packets inside';
  row.twisty.title = nesting?.hasChildren ? foldTitle : '';
}

/** Writes `dto` into the row's cells; a row already showing `dto` only gets its nesting refreshed. */
export function bindRow(row: PooledRow, dto: EventRowDto, nesting: RowNesting | undefined): void {
  bindNesting(row, nesting);
  if (row.bound === dto) return;
  row.bound = dto;
  const el = row.element;
  el.dataset.seq = String(dto.seq);
  el.classList.toggle('dir-in', dto.direction === 'in');
  el.classList.toggle('dir-out', dto.direction === 'out');
  el.classList.toggle('dir-local', dto.direction === 'local');
  el.classList.toggle('is-error', dto.isError);
  el.classList.toggle('is-binary', dto.binary);
  setText(row.time, formatClock(dto.time));
  row.time.title = `${formatElapsed(dto.elapsed)} since the session started · #${dto.seq}`;
  const icon = dto.isError && dto.direction === 'local' ? 'error' : DIRECTION_ICON[dto.direction];
  row.dirIcon.className = `codicon codicon-${icon}`;
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
export function unbindRow(row: PooledRow): void {
  row.element.hidden = true;
  if (!row.bound) return;
  row.bound = undefined;
  row.index = -1;
  delete row.element.dataset.seq;
  row.element.classList.remove('selected');
  row.element.removeAttribute('aria-rowindex');
  row.element.removeAttribute('aria-expanded');
  row.offset = undefined;
  for (const cell of [row.time, row.dirText, row.layer, row.type, row.size]) cell.textContent = '';
  clearPreviewCell(row.preview);
}
