/**
 * The JSON tree of the details pane (`#payload-tree-view`, role=tree, issue #9): one row per visible node
 * (aria-level, aria-expanded), keys and values coloured by type, big containers in chunks with a
 * "show more" row, a roving tabindex and the tree keys of jsonTree.ts. Rows are rebuilt on each change;
 * a chunk keeps that to a few hundred nodes.
 */
import { DisposableStore, type Disposable } from './disposables';
import { clearChildren, codicon, h, listen } from './dom';
import { containerSummary, JsonTreeModel, TREE_CHUNK, treeKey, type TreeRow } from './jsonTree';
import type { VisibleTextOptions } from './visibleText';
import { appendVisibleText } from './visibleTextDom';

const KEY_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 200 };
const VALUE_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 2000 };

/** The tree widget over one parsed JSON value at a time. */
export class JsonTreeView implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private model: JsonTreeModel | undefined;
  private rows: TreeRow[] = [];
  private focusId: string | undefined;

  constructor() {
    this.element = h('div', {
      id: 'payload-tree-view',
      class: 'json-tree',
      attrs: { role: 'tree', 'aria-label': 'JSON tree' },
    });
    this.disposables.add(listen(this.element, 'keydown', (e) => this.onKey(e)));
    this.disposables.add(listen(this.element, 'click', (e) => this.onClick(e)));
  }

  /** Shows `json` (text) as a tree; false when it does not parse (the tree stays empty). */
  show(json: string | undefined): boolean {
    this.model = undefined;
    this.focusId = undefined;
    if (json !== undefined) {
      try {
        this.model = new JsonTreeModel(JSON.parse(json));
      } catch {
        this.model = undefined;
      }
    }
    this.render(false);
    return this.model !== undefined;
  }

  /** Empties the tree (and lets go of the parsed value). */
  clear(): void {
    this.model = undefined;
    this.render(false);
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private render(keepFocus: boolean): void {
    const hadFocus = keepFocus && this.element.contains(document.activeElement);
    clearChildren(this.element);
    this.rows = this.model?.rows() ?? [];
    if (!this.rows.some((r) => r.id === this.focusId)) this.focusId = this.rows[0]?.id;
    for (const row of this.rows) this.element.append(this.rowElement(row));
    if (hadFocus) this.focusedElement()?.focus();
  }

  private rowElement(row: TreeRow): HTMLElement {
    const container = row.kind === 'object' || row.kind === 'array';
    const attrs: Record<string, string | number | boolean | undefined> = {
      role: 'treeitem',
      'aria-level': row.depth + 1,
      'aria-selected': String(row.id === this.focusId),
      'aria-expanded': container && row.childCount > 0 ? String(row.expanded) : undefined,
      tabindex: row.id === this.focusId ? 0 : -1,
      'data-id': row.id,
    };
    const el = h('div', { class: `json-row json-row-${row.kind}`, attrs });
    el.style.setProperty('--json-depth', String(row.depth));
    if (row.kind === 'more') {
      const left = row.childCount.toLocaleString('en-US');
      const text = `Show ${Math.min(row.childCount, TREE_CHUNK)} more (${left} not shown)`;
      el.append(h('span', { class: 'json-twisty' }), h('span', { class: 'json-more', text }));
      return el;
    }
    const twisty = h('span', { class: 'json-twisty', attrs: { 'aria-hidden': 'true' } });
    if (container && row.childCount > 0) twisty.append(codicon(row.expanded ? 'chevron-down' : 'chevron-right'));
    el.append(twisty);
    if (row.label !== undefined) {
      const key = h('span', { class: row.inArray ? 'json-index' : 'json-key' });
      appendVisibleText(key, row.label, KEY_TEXT);
      el.append(key, h('span', { class: 'json-colon', text: ': ' }));
    }
    const value = h('span', { class: `json-value json-${row.kind}` });
    if (container) value.textContent = containerSummary(row);
    else appendVisibleText(value, row.kind === 'string' ? JSON.stringify(row.value) : String(row.value), VALUE_TEXT);
    el.append(value);
    return el;
  }

  private focusedElement(): HTMLElement | undefined {
    const index = this.rows.findIndex((r) => r.id === this.focusId);
    return index >= 0 ? (this.element.children[index] as HTMLElement) : undefined;
  }

  private onKey(event: KeyboardEvent): void {
    const index = this.rows.findIndex((r) => r.id === this.focusId);
    const outcome = treeKey(this.rows, index, event.key);
    if (!outcome || !this.model) return;
    event.preventDefault();
    this.focusId = this.rows[outcome.focus]?.id;
    this.apply(outcome.action);
    this.render(true);
  }

  private onClick(event: MouseEvent): void {
    const rowEl = (event.target as Element | null)?.closest<HTMLElement>('[role="treeitem"]');
    const row = this.rows.find((r) => r.id === rowEl?.getAttribute('data-id'));
    if (!row || !this.model) return;
    this.focusId = row.id;
    const onTwisty = (event.target as Element).closest('.json-twisty, .json-more') !== null;
    if (row.kind === 'more') this.apply({ kind: 'more', id: row.parentId! });
    else if (onTwisty) this.model.toggle(row.id);
    this.render(false);
    this.focusedElement()?.focus();
  }

  private apply(action: { kind: 'expand' | 'collapse' | 'more'; id: string } | undefined): void {
    if (!action || !this.model) return;
    if (action.kind === 'expand') this.model.expand(action.id);
    else if (action.kind === 'collapse') this.model.collapse(action.id);
    // The first newly shown child takes the focus from the "more" row, which moved down.
    else this.focusId = this.model.showMore(action.id) ?? this.focusId;
  }
}
