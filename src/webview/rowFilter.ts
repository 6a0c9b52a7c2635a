/**
 * The quick filter: a view over the held rows whose preview, type, layer or warning contains the text
 * (case-insensitive), in the layers the user shows (HTTP / WS / Engine.IO / Socket.IO). It filters
 * only what the webview holds; host-side filtering over the whole log comes with paging.
 */
import type { EventRowDto } from '../shared/dto';
import { type AppendResult, type RowList, type RowNesting, type RowStore, findSeq } from './rowStore';

/** Deeper chains than this are drawn at this depth (the protocols nest three levels). */
const MAX_DEPTH = 4;

/** How an append changed the filtered list, in display indexes. */
export interface FilteredAppend {
  added: number;
  removedFromStart: number;
}

/** The layer toggles: each row belongs to one group (TCP and TLS facts go with HTTP). */
export const LAYER_GROUPS = ['http', 'ws', 'eio', 'sio'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

export function layerGroup(layer: string): string {
  return layer === 'tcp' || layer === 'tls' || layer === 'poll' ? 'http' : layer;
}

/** True when `row`'s preview, type, layer or warning contains the lower-cased needle. */
export function rowMatches(row: EventRowDto, needle: string): boolean {
  if (!needle) return true;
  return (
    row.preview.toLowerCase().includes(needle) ||
    row.type.toLowerCase().includes(needle) ||
    row.layer.toLowerCase().includes(needle) ||
    (row.warning !== undefined && row.warning.toLowerCase().includes(needle))
  );
}

/** The store as the table sees it: every row, or only the matching ones while a filter is set. */
export class FilteredRows implements RowList {
  private needle = '';
  private hiddenGroups: ReadonlySet<string> = new Set();
  /** Rows whose children are folded away. */
  private readonly collapsed = new Set<number>();
  /** Seqs that some held row names as its parent. */
  private readonly parents = new Set<number>();
  /** Matching rows while a filter is set; unused (the store is read directly) when it is empty. */
  private matches: EventRowDto[] = [];

  constructor(private readonly store: RowStore) {}

  /** The filter text as typed. */
  get query(): string {
    return this.needle;
  }

  get isFiltered(): boolean {
    return this.needle !== '' || this.hiddenGroups.size > 0 || this.collapsed.size > 0;
  }

  nesting(row: EventRowDto): RowNesting {
    let depth = 0;
    for (let p = row.parent; p !== undefined && depth < MAX_DEPTH; p = this.store.getBySeq(p)?.parent) depth++;
    return { depth, hasChildren: this.parents.has(row.seq), collapsed: this.collapsed.has(row.seq) };
  }

  /** Folds or unfolds the children of `seq`. */
  toggleCollapsed(seq: number): void {
    if (!this.collapsed.delete(seq)) this.collapsed.add(seq);
    this.rebuild();
  }

  get count(): number {
    return this.isFiltered ? this.matches.length : this.store.count;
  }

  at(index: number): EventRowDto | undefined {
    return this.isFiltered ? this.matches[index] : this.store.at(index);
  }

  indexOfSeq(seq: number): number {
    return this.isFiltered ? findSeq(this.matches, seq) : this.store.indexOfSeq(seq);
  }

  /** Hides the rows of these layer groups (see LAYER_GROUPS). */
  setHiddenLayers(groups: ReadonlySet<string>): void {
    this.hiddenGroups = new Set(groups);
    this.rebuild();
  }

  private accepts(row: EventRowDto): boolean {
    return !this.hiddenGroups.has(layerGroup(row.layer)) && rowMatches(row, this.needle) && !this.insideCollapsed(row);
  }

  private insideCollapsed(row: EventRowDto): boolean {
    if (this.collapsed.size === 0) return false;
    let depth = 0;
    for (let p = row.parent; p !== undefined && depth < MAX_DEPTH; p = this.store.getBySeq(p)?.parent, depth++) {
      if (this.collapsed.has(p)) return true;
    }
    return false;
  }

  /** Sets the filter text and recomputes the matches. */
  setQuery(query: string): void {
    const needle = query.trim().toLowerCase();
    if (needle === this.needle) return;
    this.needle = needle;
    this.rebuild();
  }

  /** Recomputes after the store was reset. */
  rebuild(): void {
    this.parents.clear();
    for (let i = 0; i < this.store.count; i++) {
      const parent = this.store.at(i)?.parent;
      if (parent !== undefined) this.parents.add(parent);
    }
    this.matches = [];
    if (!this.isFiltered) return;
    for (let i = 0; i < this.store.count; i++) {
      const row = this.store.at(i);
      if (row && this.accepts(row)) this.matches.push(row);
    }
  }

  /** Follows a store append; returns what changed in display terms. */
  noteAppended(result: AppendResult): FilteredAppend {
    for (const row of result.added) if (row.parent !== undefined) this.parents.add(row.parent);
    if (!this.isFiltered) return { added: result.added.length, removedFromStart: result.evicted };
    let removedFromStart = 0;
    if (result.evicted > 0) {
      const oldest = this.store.at(0)?.seq ?? Infinity;
      while (removedFromStart < this.matches.length && this.matches[removedFromStart].seq < oldest) removedFromStart++;
      this.matches.splice(0, removedFromStart);
    }
    let added = 0;
    for (const row of result.added) {
      if (this.accepts(row)) {
        this.matches.push(row);
        added++;
      }
    }
    return { added, removedFromStart };
  }
}
