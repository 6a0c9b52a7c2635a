/**
 * Keyboard navigation of the event table, as pure arithmetic: which row a key moves the selection to
 * (arrows, Page Up/Down, Home, End) and when Enter opens the selected row. The table turns the
 * answer into a selection; nothing here touches the DOM.
 */

/** Where the selection stands when a key is pressed. */
export interface NavigationContext {
  /** Display index of the selected row, or -1 (nothing selected, or the selection filtered out). */
  current: number;
  /** Rows in the list. */
  count: number;
  /** Display index of the first row on screen: where a move starts from when nothing is selected. */
  firstOnScreen: number;
  /** Rows one Page Up/Down moves. */
  pageRows: number;
}

/** What a key does in the table: move the selection to `index`, open the selected row, or nothing. */
export type RowKeyAction = { kind: 'move'; index: number } | { kind: 'open' } | undefined;

/** The key and modifiers of a keydown, as `rowKeyAction` needs them (a KeyboardEvent fits). */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Rows a page key moves: one viewport less one row of context, at least one. */
export function pageRows(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}

/**
 * The display index `key` moves the selection to, clamped to the list, or undefined for keys that do
 * not move it. With nothing selected, an arrow selects the first row on screen rather than moving.
 */
export function nextRowIndex(key: string, context: NavigationContext): number | undefined {
  const { current, count, pageRows: page } = context;
  if (count === 0) return undefined;
  const from = current >= 0 ? current : Math.min(count - 1, context.firstOnScreen);
  let target: number;
  switch (key) {
    case 'ArrowDown':
      target = current < 0 ? from : from + 1;
      break;
    case 'ArrowUp':
      target = current < 0 ? from : from - 1;
      break;
    case 'PageDown':
      target = from + page;
      break;
    case 'PageUp':
      target = from - page;
      break;
    case 'Home':
      target = 0;
      break;
    case 'End':
      target = count - 1;
      break;
    default:
      return undefined;
  }
  return Math.max(0, Math.min(count - 1, target));
}

/** What a keydown does: modified keys belong to VS Code, Enter opens, navigation keys move. */
export function rowKeyAction(press: KeyPress, context: NavigationContext): RowKeyAction {
  if (press.altKey || press.ctrlKey || press.metaKey) return undefined;
  if (context.count === 0) return undefined;
  if (press.key === 'Enter') return { kind: 'open' };
  const index = nextRowIndex(press.key, context);
  return index === undefined ? undefined : { kind: 'move', index };
}

/** What the row needs to say for Left/Right: its seq, parent, and whether it has children. */
export interface FoldableRow {
  seq: number;
  parent?: number;
  hasChildren?: boolean;
}

/**
 * What Left/Right do on the selected row, as in a tree: Right unfolds a folded row, or steps onto the
 * first child of an open one; Left folds an open row, or steps up to the parent. Undefined: nothing.
 */
export type FoldKeyAction = { kind: 'expand' | 'collapse' | 'parent'; seq: number } | { kind: 'child' } | undefined;

export function foldKeyAction(press: KeyPress, row: FoldableRow | undefined, collapsed: boolean): FoldKeyAction {
  if (!row || press.altKey || press.ctrlKey || press.metaKey) return undefined;
  if (press.key === 'ArrowRight') {
    if (!row.hasChildren) return undefined;
    return collapsed ? { kind: 'expand', seq: row.seq } : { kind: 'child' };
  }
  if (press.key === 'ArrowLeft') {
    if (row.hasChildren && !collapsed) return { kind: 'collapse', seq: row.seq };
    return row.parent !== undefined ? { kind: 'parent', seq: row.parent } : undefined;
  }
  return undefined;
}
