/**
 * Tail-follow for the event table: while the user sits at the bottom, new rows scroll into view (as
 * `tail -f` does); scrolling up, or looking at an earlier row, stops it, and the "N new" pill counts
 * what arrived meanwhile. Pure (no DOM): the table reads and writes scrollTop, this decides.
 */
import { isAtBottom, scrollTopToReveal } from './virtualWindow';

/** What the table knows at the start of a frame, for `frameScrollTop`. */
export interface FrameScroll {
  /** The viewport's scrollTop as read this frame. */
  scrollTop: number;
  /** Pixels to scroll up because rows were dropped from the start since the last frame. */
  shift: number;
  /** Display index to bring into view, or -1. */
  revealIndex: number;
  following: boolean;
  rowCount: number;
  viewportHeight: number;
  rowHeight: number;
}

/**
 * The scrollTop to draw this frame: compensated for rows dropped from the start, moved to reveal a
 * row, pinned to the bottom while following, and never past the end of the content.
 */
export function frameScrollTop(frame: FrameScroll): number {
  let scrollTop = frame.shift ? Math.max(0, frame.scrollTop - frame.shift) : frame.scrollTop;
  if (frame.revealIndex >= 0) {
    scrollTop = scrollTopToReveal(frame.revealIndex, scrollTop, frame.viewportHeight, frame.rowHeight);
  }
  const maxScrollTop = Math.max(0, frame.rowCount * frame.rowHeight - frame.viewportHeight);
  if (frame.following) scrollTop = maxScrollTop;
  return Math.min(scrollTop, maxScrollTop);
}

/**
 * Whether a scroll by the user leaves the table following. Judged against the rows as rendered:
 * rows that arrived since are not on screen yet, so they must not count against "at the bottom".
 */
export function followsAfterScroll(
  scrollTop: number,
  viewportHeight: number,
  renderedCount: number,
  rowHeight: number,
): boolean {
  return isAtBottom(scrollTop, viewportHeight, renderedCount * rowHeight, rowHeight);
}

/** Selecting the row at `index` follows only on the last row, as End does in a terminal. */
export function followsAtIndex(index: number, count: number): boolean {
  return index === count - 1;
}

/** The pill's words: how many rows arrived while not following, or just "Latest". */
export function pillLabel(unseen: number): string {
  return unseen > 0 ? `${unseen} new` : 'Latest';
}

/** The follow state between frames: following or not, rows unseen, and the pending scroll shift. */
export class TailFollow {
  private followingTail = true;
  private unseenRows = 0;
  private shiftPx = 0;

  constructor(private readonly rowHeight: number) {}

  /** True while new rows scroll into view. */
  get following(): boolean {
    return this.followingTail;
  }

  /** Rows appended while not following (the pill's number). */
  get unseen(): number {
    return this.unseenRows;
  }

  /** Starts or stops following (a user scroll, a selection, Jump to latest). */
  setFollowing(following: boolean): void {
    this.followingTail = following;
  }

  /** Rows were appended and maybe dropped from the start: counts them while not following. */
  noteAppended(added: number, removedFromStart: number): void {
    if (this.followingTail) return;
    this.unseenRows += added;
    this.shiftPx += removedFromStart * this.rowHeight;
  }

  /** The list was replaced: nothing is unseen any more, nothing to shift. */
  reset(following: boolean): void {
    this.followingTail = following;
    this.unseenRows = 0;
    this.shiftPx = 0;
  }

  /** Jump to latest: follow again, and the pill's count starts over. */
  jumpToLatest(): void {
    this.followingTail = true;
    this.unseenRows = 0;
  }

  /** The pixels to scroll up this frame; cleared, as the frame applies them. */
  takeShift(): number {
    const shift = this.shiftPx;
    this.shiftPx = 0;
    return shift;
  }

  /** After a frame: a following table has shown everything. */
  rendered(): void {
    if (this.followingTail) this.unseenRows = 0;
  }
}
