/**
 * What a query over a session's log says (issue #9), as a plain type with no code behind it, so the
 * panel's protocol (src/core/view/viewModel.ts → src/shared) can name it without pulling in the engine.
 */
import type { Direction, Layer } from '../events/logEvent';

/** What the user asks for. Every field narrows; an empty query matches every event. */
export interface EventQuery {
  /** Case-insensitive substring of the row's summary or the payload's text. */
  text?: string;
  /** A regular expression over the same text (JavaScript syntax; flags from "imsu"). */
  regex?: { source: string; flags?: string };
  directions?: Direction[];
  layers?: Layer[];
  types?: string[];
  /** Socket.IO event name (exact). */
  sioEvent?: string;
  /** Socket.IO namespace (exact). */
  namespace?: string;
  /** Wall-clock range, ms since the epoch, inclusive. */
  timeFrom?: number;
  timeTo?: number;
}
