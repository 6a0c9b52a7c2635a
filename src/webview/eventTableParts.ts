/**
 * The event table's contract with the app (the rows it reads, the callbacks it makes) and its fixed
 * parts: the column headers and the `#jump-to-latest` pill.
 */
import { codicon, h } from './dom';
import type { RowList } from './rowStore';

/** Row height in px. The single source: also handed to CSS as `--row-height`. */
export const ROW_HEIGHT = 22;

/** How a row came to be selected: the app loads details at once for clicks, after a pause for arrows. */
export type SelectionSource = 'pointer' | 'keyboard' | 'enter';

/** The rows of a view, by display index, and the positions [start, end) they stand for. */
export interface PositionedRows extends RowList {
  readonly start: number;
  readonly end: number;
}

/** Callbacks from the table to the app. */
export interface EventTableEvents {
  /** The selection changed (or Enter was pressed on it). */
  onSelect(seq: number, source: SelectionSource): void;
  /** Something in the table needs a render on the next frame. */
  requestRender(): void;
  /** A row's children are to be folded or unfolded (its twisty, or Left/Right). */
  onToggleChildren(seq: number): void;
  /** The user started or stopped following the tail. */
  onFollowChange(following: boolean): void;
  /** Positions [first, end) are on screen: load the rows not held. */
  onVisible(first: number, end: number): void;
  /** Left on a child row: select its parent, wherever it is. */
  onGoToSeq(seq: number): void;
}

/** The column headers, in the order of the row cells. */
export function tableHead(): HTMLElement {
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
export function jumpToLatestPill(): { button: HTMLButtonElement; label: HTMLSpanElement } {
  const label = h('span');
  const attrs = { type: 'button', hidden: true, title: 'Scroll to the newest event and follow' };
  const button = h('button', { id: 'jump-to-latest', class: 'jump-to-latest', attrs }, [codicon('arrow-down'), label]);
  return { button, label };
}
