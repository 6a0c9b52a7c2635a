/**
 * The cursor after an answer (issue 11): read with the rule's path from a 2xx body, kept as it was when the
 * answer is empty or the path finds nothing usable — then with a warning on the row that says why. Pure.
 */
import type { ResolvedPollCursor } from '../connection/pollOptions';
import { cursorText, readCursor, type CursorValue } from './cursorPath';
import type { ExchangeResponse } from './pollExchange';
import { isEmptyAnswer } from './pollRows';

export interface CursorUpdate {
  value: CursorValue | undefined;
  warning?: string;
}

export function nextCursor(
  rule: ResolvedPollCursor,
  response: ExchangeResponse,
  current: CursorValue | undefined,
): CursorUpdate {
  // An empty answer (a long-poll that timed out on the server) carries no cursor: the next request resumes.
  if (isEmptyAnswer(response.status, response.body)) return { value: current };
  const lookup = readCursor(Buffer.from(response.body).toString('utf8'), rule.path);
  if (lookup.found) return { value: lookup.value };
  const kept = current === undefined ? 'no cursor' : `the cursor ${cursorText(current).slice(0, 80)}`;
  return { value: current, warning: `Cursor ${rule.from}: ${lookup.reason}; the next request keeps ${kept}.` };
}
