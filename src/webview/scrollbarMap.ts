/**
 * The event table's own scrollbar, as arithmetic (issue #9): a browser cannot scroll an element taller
 * than ~33.5M px (about 1.5M rows of 22 px), so the table is scrolled by row position and the thumb maps
 * to positions instead of pixels. At a million rows one pixel of thumb is a few thousand rows; the wheel
 * and the keys still move row by row. Pure.
 */

/** The thumb never gets smaller than this, however many rows (px). */
export const MIN_THUMB_PX = 20;

/** What the scrollbar maps: positions [start, end), a window of `visibleRows`, a track of `trackPx`. */
export interface ScrollGeometry {
  start: number;
  end: number;
  visibleRows: number;
  trackPx: number;
}

/** The highest first-row position: the last row sits at the bottom. */
export function maxTop(g: Pick<ScrollGeometry, 'start' | 'end' | 'visibleRows'>): number {
  return Math.max(g.start, g.end - g.visibleRows);
}

/** Thumb length: the share of rows on screen, at least MIN_THUMB_PX, at most the track. */
export function thumbSize(g: ScrollGeometry): number {
  const rows = Math.max(1, g.end - g.start);
  const share = Math.min(1, g.visibleRows / rows);
  return Math.min(g.trackPx, Math.max(MIN_THUMB_PX, Math.round(g.trackPx * share)));
}

/** Thumb offset from the track's top for the first row on screen being `top`. */
export function thumbOffset(top: number, g: ScrollGeometry): number {
  const range = maxTop(g) - g.start;
  const travel = g.trackPx - thumbSize(g);
  if (range <= 0 || travel <= 0) return 0;
  const fraction = Math.min(1, Math.max(0, (top - g.start) / range));
  return fraction * travel;
}

/** The first row on screen for a thumb dragged to `offset` px: whole rows, within [start, maxTop]. */
export function topForThumb(offset: number, g: ScrollGeometry): number {
  const range = maxTop(g) - g.start;
  const travel = g.trackPx - thumbSize(g);
  if (range <= 0 || travel <= 0) return g.start;
  const fraction = Math.min(1, Math.max(0, offset / travel));
  return g.start + Math.round(fraction * range);
}

/**
 * A click on the track outside the thumb pages toward the click, as native scrollbars do: one screen
 * less a row of context up or down.
 */
export function topForTrackClick(y: number, top: number, g: ScrollGeometry): number {
  const offset = thumbOffset(top, g);
  const page = Math.max(1, g.visibleRows - 1);
  if (y < offset) return Math.max(g.start, top - page);
  if (y > offset + thumbSize(g)) return Math.min(maxTop(g), top + page);
  return top;
}

/**
 * Rows a wheel event moves, with the fraction carried over (trackpads send many small deltas):
 * deltaMode 0 is pixels, 1 lines (a row each), 2 pages.
 */
export function wheelRows(
  deltaY: number,
  deltaMode: number,
  rowHeight: number,
  visibleRows: number,
  carry: number,
): { rows: number; carry: number } {
  const perUnit = deltaMode === 1 ? 1 : deltaMode === 2 ? Math.max(1, visibleRows - 1) : 1 / rowHeight;
  const exact = carry + deltaY * perUnit;
  const rows = Math.trunc(exact);
  return { rows, carry: exact - rows };
}
