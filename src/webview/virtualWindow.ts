/**
 * Arithmetic of the virtualised table, kept apart from the DOM so it is unit-tested:
 * which rows are on screen, whether the view sits at the bottom, where to scroll to reveal a row.
 */

/** Half-open range of display indexes [first, end). */
export interface IndexRange {
  first: number;
  end: number;
}

/** Rows intersecting the viewport, plus `overscan` rows on each side (so fast scrolling shows no gaps). */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): IndexRange {
  if (count <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan);
  return { first: Math.min(first, end), end };
}

/** Row elements needed to cover a viewport of this height: the pool size, independent of the row count. */
export function poolSize(viewportHeight: number, rowHeight: number, overscan: number): number {
  return Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1 + 2 * overscan;
}

/**
 * True when the viewport shows the last row. Half a row of slack: zoomed displays report fractional
 * scrollTop, and a user who is "at the bottom" must keep following the tail.
 */
export function isAtBottom(
  scrollTop: number,
  viewportHeight: number,
  contentHeight: number,
  rowHeight: number,
): boolean {
  return scrollTop + viewportHeight >= contentHeight - rowHeight / 2;
}

/** The scrollTop that brings row `index` fully into view with the least movement (unchanged if visible). */
export function scrollTopToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}
