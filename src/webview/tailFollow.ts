/**
 * Tail-follow for the event table: while the user sits at the bottom, new rows scroll into view (as
 * `tail -f` does); scrolling up, or looking at an earlier row, pauses it, and the "N new" pill counts
 * what arrived meanwhile. The table scrolls by row position (issue #9: its own scrollbar), so all of
 * this is whole rows. Pure (no DOM): the table keeps the position, this decides.
 */

/** What the table knows at the start of a frame, for `frameTop`. */
export interface FrameScroll {
  /** Position of the first row on screen, as last drawn (or as the user just scrolled it). */
  top: number;
  /** Position to bring into view, or -1. */
  revealPosition: number;
  following: boolean;
  /** The view's rows are at positions [start, end). */
  start: number;
  end: number;
  /** Whole rows the viewport shows. */
  visibleRows: number;
}

/**
 * The first row to draw this frame: moved to reveal a row, pinned to the bottom while following, and
 * never before the first row or past the last screenful (rows the log let go just fall off the top).
 */
export function frameTop(frame: FrameScroll): number {
  const visible = Math.max(1, frame.visibleRows);
  let top = frame.top;
  if (frame.revealPosition >= 0) {
    if (frame.revealPosition < top) top = frame.revealPosition;
    else if (frame.revealPosition >= top + visible) top = frame.revealPosition - visible + 1;
  }
  const last = Math.max(frame.start, frame.end - visible);
  if (frame.following) top = last;
  return Math.max(frame.start, Math.min(top, last));
}

/** Whether the screen shows the last row: a user scroll that ends there follows again. */
export function isAtEnd(top: number, visibleRows: number, end: number): boolean {
  return top + Math.max(1, visibleRows) >= end;
}

/** Selecting the row at `index` follows only on the last row, as End does in a terminal. */
export function followsAtIndex(index: number, count: number): boolean {
  return index === count - 1;
}

/** The pill's words: how many rows arrived while not following, or just "Latest". */
export function pillLabel(unseen: number): string {
  return unseen > 0 ? `${unseen} new` : 'Latest';
}

/** The follow state between frames: following or not, and rows unseen since it paused. */
export class TailFollow {
  private followingTail = true;
  private unseenRows = 0;
  private lastEnd: number | undefined;

  /** True while new rows scroll into view. */
  get following(): boolean {
    return this.followingTail;
  }

  /** Rows appended while not following (the pill's number). */
  get unseen(): number {
    return this.unseenRows;
  }

  /** Starts or stops following (a user scroll, a selection). Returns true when it changed. */
  setFollowing(following: boolean): boolean {
    if (following === this.followingTail) return false;
    this.followingTail = following;
    if (following) this.unseenRows = 0;
    return true;
  }

  /**
   * The view now ends at `end`: rows past the last known end are unseen while paused. `arrived` is false
   * while a filter's first scan is still finding old matches: those are not new.
   */
  noteEnd(end: number, arrived = true): void {
    const grew = this.lastEnd !== undefined && end > this.lastEnd;
    if (!this.followingTail && arrived && grew) this.unseenRows += end - this.lastEnd!;
    this.lastEnd = end;
  }

  /** Another view (a new filter, a snapshot): nothing is unseen in it yet. */
  reset(following: boolean, end: number): void {
    this.followingTail = following;
    this.unseenRows = 0;
    this.lastEnd = end;
  }
}
