/**
 * Folded rows (issue #9): which rows have their children hidden, what a link to a hidden row must undo
 * to show it, and the words a screen reader hears when a fold changes. The host applies the folds to
 * the view; this only keeps the set. Pure.
 */
import { MAX_COLLAPSED_ROWS, type HiddenByDto } from '../shared/protocol';
import type { FilterState } from './rowFilter';

export class FoldState {
  /** Insertion order: the oldest fold goes first when the list is full. */
  private readonly folded = new Set<number>();

  constructor(initial: readonly number[] = []) {
    for (const seq of initial.slice(-MAX_COLLAPSED_ROWS)) this.folded.add(seq);
  }

  has(seq: number): boolean {
    return this.folded.has(seq);
  }

  get size(): number {
    return this.folded.size;
  }

  /** Folds or unfolds `seq`; returns true when it is now folded. */
  toggle(seq: number): boolean {
    if (this.folded.delete(seq)) return false;
    this.folded.add(seq);
    for (const oldest of this.folded) {
      if (this.folded.size <= MAX_COLLAPSED_ROWS) break;
      this.folded.delete(oldest);
    }
    return true;
  }

  /** Unfolds these rows; returns true when any was folded. */
  unfold(seqs: readonly number[]): boolean {
    let changed = false;
    for (const seq of seqs) changed = this.folded.delete(seq) || changed;
    return changed;
  }

  /** The folded seqs, for the host's view spec and the saved state. */
  list(): number[] {
    return [...this.folded];
  }
}

/** What revealing a hidden row changes: the folds to open, and whether the filter must go. */
export interface RevealPlan {
  unfold: number[];
  clearFilter: boolean;
  /** The row is not in the log any more: nothing to reveal. */
  gone: boolean;
}

/** From the host's answer to `events/locate`, what to undo so the row shows. */
export function revealPlan(hiddenBy: HiddenByDto | undefined, filter: FilterState): RevealPlan {
  // No reason given: the answer was about an older view; nothing to undo.
  if (!hiddenBy) return { unfold: [], clearFilter: false, gone: false };
  if (hiddenBy.gone) return { unfold: [], clearFilter: false, gone: true };
  const filtered = filter.text.trim() !== '' || filter.hiddenLayers.length > 0;
  return { unfold: [...hiddenBy.folds], clearFilter: hiddenBy.query && filtered, gone: false };
}

/** What a screen reader hears after a fold changes. */
export function foldAnnouncement(seq: number, folded: boolean): string {
  return folded ? `Event ${seq} collapsed: its packets are hidden.` : `Event ${seq} expanded: its packets are shown.`;
}
