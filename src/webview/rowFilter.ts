/**
 * The quick filter box: a view over the held rows whose preview, type or layer contains the text
 * (case-insensitive). It filters only what the webview holds; host-side filtering over the whole log
 * comes with paging.
 */
import type { EventRowDto } from '../shared/dto';
import { type AppendResult, type RowList, type RowStore, findSeq } from './rowStore';

/** How an append changed the filtered list, in display indexes. */
export interface FilteredAppend {
  added: number;
  removedFromStart: number;
}

/** True when `row` matches the lower-cased needle. */
export function rowMatches(row: EventRowDto, needle: string): boolean {
  if (!needle) return true;
  return (
    row.preview.toLowerCase().includes(needle) ||
    row.type.toLowerCase().includes(needle) ||
    row.layer.toLowerCase().includes(needle)
  );
}

/** The store as the table sees it: every row, or only the matching ones while a filter is set. */
export class FilteredRows implements RowList {
  private needle = '';
  /** Matching rows while a filter is set; unused (the store is read directly) when it is empty. */
  private matches: EventRowDto[] = [];

  constructor(private readonly store: RowStore) {}

  /** The filter text as typed. */
  get query(): string {
    return this.needle;
  }

  get isFiltered(): boolean {
    return this.needle !== '';
  }

  get count(): number {
    return this.needle ? this.matches.length : this.store.count;
  }

  at(index: number): EventRowDto | undefined {
    return this.needle ? this.matches[index] : this.store.at(index);
  }

  indexOfSeq(seq: number): number {
    return this.needle ? findSeq(this.matches, seq) : this.store.indexOfSeq(seq);
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
    this.matches = [];
    if (!this.needle) return;
    for (let i = 0; i < this.store.count; i++) {
      const row = this.store.at(i);
      if (row && rowMatches(row, this.needle)) this.matches.push(row);
    }
  }

  /** Follows a store append; returns what changed in display terms. */
  noteAppended(result: AppendResult): FilteredAppend {
    if (!this.needle) return { added: result.added.length, removedFromStart: result.evicted };
    let removedFromStart = 0;
    if (result.evicted > 0) {
      const oldest = this.store.at(0)?.seq ?? Infinity;
      while (removedFromStart < this.matches.length && this.matches[removedFromStart].seq < oldest) removedFromStart++;
      this.matches.splice(0, removedFromStart);
    }
    let added = 0;
    for (const row of result.added) {
      if (rowMatches(row, this.needle)) {
        this.matches.push(row);
        added++;
      }
    }
    return { added, removedFromStart };
  }
}
