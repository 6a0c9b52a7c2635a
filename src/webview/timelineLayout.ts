/**
 * Where the upgrade timeline's parts go, in pixels, for a given width: the Client and Server
 * lifelines, one row per arrow, labels cut to the room between the lanes. Pure (no DOM), so the
 * drawing code only creates elements at these positions.
 */
import type { TimelineArrowDto, TimelineStepDto } from '../shared/dto';

/** Height of the lane titles above the first arrow. */
export const HEAD_HEIGHT = 26;
/** Height of one arrow row. */
export const ROW_HEIGHT = 24;
/** Average advance of one character of the 11px monospace labels. */
const CHAR_WIDTH = 6.7;
/** The time column left of the client lane. */
const TIME_COLUMN = 64;
/** Room right of the server lane for the step name and the delta. */
const RIGHT_COLUMN = 150;
/** The lanes never come closer than this. */
const MIN_LANE_GAP = 160;

export interface TimelineGeometry {
  width: number;
  height: number;
  clientX: number;
  serverX: number;
  /** x of the step names (left edge) and of the deltas (right edge). */
  stepNameX: number;
  deltaX: number;
}

export interface ArrowPlacement {
  arrow: TimelineArrowDto;
  /** Top of the row. */
  y: number;
  /** The label, cut with "…" to fit; the full text goes in a tooltip. */
  label: string;
}

export interface StepPlacement {
  step: TimelineStepDto;
  y: number;
  height: number;
  arrows: ArrowPlacement[];
}

export interface TimelineLayout {
  geometry: TimelineGeometry;
  steps: StepPlacement[];
}

/** Lays out `steps` for a drawing `width` px wide. */
export function layoutTimeline(steps: readonly TimelineStepDto[], width: number): TimelineLayout {
  const clientX = TIME_COLUMN + 48;
  const serverX = Math.max(clientX + MIN_LANE_GAP, width - RIGHT_COLUMN);
  const drawingWidth = Math.max(width, serverX + RIGHT_COLUMN);
  const between = Math.floor((serverX - clientX - 16) / CHAR_WIDTH);
  const beside = Math.floor((serverX - clientX - 14) / CHAR_WIDTH);
  let y = HEAD_HEIGHT;
  const placed = steps.map((step): StepPlacement => {
    const top = y;
    const arrows = step.arrows.map((arrow): ArrowPlacement => {
      const row = { arrow, y, label: cut(arrow.label, arrow.from === 'local' ? beside : between) };
      y += ROW_HEIGHT;
      return row;
    });
    return { step, y: top, height: y - top, arrows };
  });
  return {
    geometry: {
      width: drawingWidth,
      height: y + 6,
      clientX,
      serverX,
      stepNameX: serverX + 12,
      deltaX: drawingWidth - 6,
    },
    steps: placed,
  };
}

/** `text` cut to `max` characters with a trailing "…". */
export function cut(text: string, max: number): string {
  if (max < 2) return '…';
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
