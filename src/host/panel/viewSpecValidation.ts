/**
 * The allowlist for the view the webview asks for (issue #9): an EventQuery (core's parseEventQuery) and a
 * bounded list of folded rows. Like webviewMessages.ts, valid input is rebuilt from its known fields, so
 * nothing else reaches the query engine. Pure (no vscode), never throws on structured-clone input.
 */
import { parseEventQuery } from '../../core/query/queryValidation';
import { fail, isInteger, isObject, ok, type ParseResult } from '../../core/session/sendRequestValidation';
import { MAX_COLLAPSED_ROWS, type ViewSpecDto } from '../../shared/protocol';

/** Validates the view spec: a query and at most MAX_COLLAPSED_ROWS distinct seqs ≥ 1. */
export function parseViewSpec(input: unknown): ParseResult<ViewSpecDto> {
  if (!isObject(input)) return fail('"spec" must be an object.');
  // The query's rules live in core, once (parseEventQuery); this adds only the folds.
  const query = parseEventQuery(input.query);
  if (!query.ok) return query;
  const collapsed = input.collapsed;
  if (!Array.isArray(collapsed) || collapsed.length > MAX_COLLAPSED_ROWS)
    return fail(`"spec.collapsed" must be a list of at most ${MAX_COLLAPSED_ROWS} seqs.`);
  if (!collapsed.every((seq) => isInteger(seq) && seq >= 1)) return fail('"spec.collapsed" must hold seqs ≥ 1.');
  return ok({ query: query.value, collapsed: [...new Set(collapsed as number[])] });
}
