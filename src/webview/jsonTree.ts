/**
 * The model of the payload's JSON tree (issue #9): which nodes are unfolded, how many children each
 * shows (chunks of TREE_CHUNK, then a "show more" row), the rows that makes, and what a key does. Pure:
 * no DOM, so it is tested in Node; jsonTreeView.ts draws the rows.
 */

/** Children shown per unfolded node before a "show more" row: never thousands of DOM nodes at once. */
export const TREE_CHUNK = 100;

/** The JSON type of a value, as the tree colours it. */
export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** One visible row: a value (with its key or index), or the "show more" row of an unfolded node. */
export interface TreeRow {
  /** Stable id: the path of keys from the root (`$`), or `<parent>#more`. */
  id: string;
  depth: number;
  /** The parent's id (undefined for the root). */
  parentId?: string;
  /** Key in its object, index in its array; undefined for the root and "more" rows. */
  label?: string;
  kind: JsonKind | 'more';
  /** The value (scalars); containers are described by childCount. */
  value?: unknown;
  /** Children of an object or array (0 for scalars); for "more" rows, the children not shown yet. */
  childCount: number;
  /** Whether an object or array is unfolded (false for everything else). */
  expanded: boolean;
  /** The label is an index in an array (not an object's key). */
  inArray?: boolean;
}

/** What a key asks of the tree: the row to focus, and at most one change. */
export interface KeyOutcome {
  focus: number;
  action?: { kind: 'expand' | 'collapse' | 'more'; id: string };
}

const ROOT = '$';

/** The JSON type of a parsed value. */
export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/** Folding state over one parsed JSON value; `rows()` lists what is visible. */
export class JsonTreeModel {
  private readonly expanded = new Set<string>([ROOT]);
  /** Children shown per unfolded node, when more than one chunk. */
  private readonly shown = new Map<string, number>();
  /** Children per container, computed once each (objects: their entries). */
  private readonly childrenCache = new Map<string, Array<[string, unknown]>>();
  private readonly values = new Map<string, unknown>();

  constructor(
    readonly root: unknown,
    private readonly chunk = TREE_CHUNK,
  ) {
    this.values.set(ROOT, root);
  }

  /** The visible rows, top to bottom. */
  rows(): TreeRow[] {
    const out: TreeRow[] = [];
    this.push(out, { id: ROOT, value: this.root, depth: 0 });
    return out;
  }

  isExpanded(id: string): boolean {
    return this.expanded.has(id);
  }

  expand(id: string): void {
    if (this.isContainer(id)) this.expanded.add(id);
  }

  collapse(id: string): void {
    this.expanded.delete(id);
  }

  toggle(id: string): void {
    if (this.expanded.has(id)) this.collapse(id);
    else this.expand(id);
  }

  /** Shows the next chunk of `id`'s children; returns the id of the first one newly shown. */
  showMore(id: string): string | undefined {
    const children = this.children(id);
    const before = Math.min(children.length, this.shown.get(id) ?? this.chunk);
    this.shown.set(id, Math.min(children.length, before + this.chunk));
    const first = children[before];
    return first ? childIdOf(id, first[0]) : undefined;
  }

  private isContainer(id: string): boolean {
    const value = this.values.get(id);
    return value !== null && typeof value === 'object';
  }

  private children(id: string): Array<[string, unknown]> {
    let list = this.childrenCache.get(id);
    if (!list) {
      const value = this.values.get(id);
      list = Array.isArray(value)
        ? value.map((item, i): [string, unknown] => [String(i), item])
        : Object.entries(value as object);
      this.childrenCache.set(id, list);
    }
    return list;
  }

  private push(out: TreeRow[], node: NodeAt): void {
    const { id, value } = node;
    const kind = kindOf(value);
    const container = kind === 'object' || kind === 'array';
    const children = container ? this.children(id) : [];
    const expanded = container && this.expanded.has(id);
    const row: TreeRow = { id, depth: node.depth, kind, childCount: children.length, expanded };
    if (node.parentId !== undefined) row.parentId = node.parentId;
    if (node.label !== undefined) row.label = node.label;
    if (node.inArray) row.inArray = true;
    if (!container) row.value = value;
    out.push(row);
    if (!expanded) return;
    const limit = Math.min(children.length, this.shown.get(id) ?? this.chunk);
    const depth = node.depth + 1;
    for (let i = 0; i < limit; i++) {
      const [label, child] = children[i];
      const childId = childIdOf(id, label);
      this.values.set(childId, child);
      this.push(out, { id: childId, value: child, depth, parentId: id, label, inArray: kind === 'array' });
    }
    if (limit < children.length) {
      const remaining = children.length - limit;
      out.push({ id: `${id}#more`, depth, parentId: id, kind: 'more', childCount: remaining, expanded: false });
    }
  }
}

/** Where a node sits, as `push` walks the tree. */
interface NodeAt {
  id: string;
  value: unknown;
  depth: number;
  parentId?: string;
  label?: string;
  inArray?: boolean;
}

/** The id of child `key` of node `parentId` (keys encoded: `/` and `#` cannot clash with the separators). */
function childIdOf(parentId: string, key: string): string {
  return `${parentId}/${encodeURIComponent(key)}`;
}

/**
 * The WAI-ARIA tree keys: Up/Down move, Home/End jump, Right unfolds (or enters an unfolded node),
 * Left folds (or goes to the parent), Enter/Space fold/unfold or show more. Undefined: not a tree key.
 */
export function treeKey(rows: readonly TreeRow[], index: number, key: string): KeyOutcome | undefined {
  const row = rows[index];
  if (!row) return rows.length > 0 && isTreeKey(key) ? { focus: 0 } : undefined;
  const container = row.kind === 'object' || row.kind === 'array';
  switch (key) {
    case 'ArrowDown':
      return { focus: Math.min(rows.length - 1, index + 1) };
    case 'ArrowUp':
      return { focus: Math.max(0, index - 1) };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: rows.length - 1 };
    case 'ArrowRight':
      if (row.kind === 'more') return { focus: index, action: { kind: 'more', id: row.parentId! } };
      if (!container || row.childCount === 0) return { focus: index };
      return row.expanded ? { focus: index + 1 } : { focus: index, action: { kind: 'expand', id: row.id } };
    case 'ArrowLeft': {
      if (container && row.expanded) return { focus: index, action: { kind: 'collapse', id: row.id } };
      const parent = rows.findIndex((r) => r.id === row.parentId);
      return { focus: parent >= 0 ? parent : index };
    }
    case 'Enter':
    case ' ':
      if (row.kind === 'more') return { focus: index, action: { kind: 'more', id: row.parentId! } };
      if (!container) return { focus: index };
      return { focus: index, action: { kind: row.expanded ? 'collapse' : 'expand', id: row.id } };
    default:
      return undefined;
  }
}

function isTreeKey(key: string): boolean {
  return ['ArrowDown', 'ArrowUp', 'Home', 'End', 'ArrowRight', 'ArrowLeft', 'Enter', ' '].includes(key);
}

/** What a container row says after its key: `{…} 3 keys`, `[…] 120 items` (or `{}` / `[]`). */
export function containerSummary(row: TreeRow): string {
  const [open, close, noun] = row.kind === 'array' ? ['[', ']', 'item'] : ['{', '}', 'key'];
  if (row.childCount === 0) return `${open}${close}`;
  const count = `${row.childCount.toLocaleString('en-US')} ${noun}${row.childCount === 1 ? '' : 's'}`;
  return row.expanded ? `${open} ${count}` : `${open}…${close} ${count}`;
}
