/**
 * How deep Socket.IO data may nest. JSON.stringify, String() and any recursive walk overflow the
 * stack on data a few thousand levels deep, and a hostile server can send that in a few kilobytes
 * (issue #7). Every decoder refuses such data with a decode error, so later code can rely on the bound.
 */

/**
 * The deepest nesting of arrays and objects accepted in a packet's data: far beyond real payloads, far
 * below any stack limit.
 */
export const MAX_DATA_DEPTH = 200;

/**
 * True when `value` nests arrays or objects more than `max` levels deep (a scalar is level 0, `[]`
 * level 1). Iterative, so it is safe on any depth; bytes count as scalars.
 */
export function exceedsDataDepth(value: unknown, max: number = MAX_DATA_DEPTH): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const v = next.value;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    if (next.depth >= max) return true;
    for (const child of Object.values(v)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** The words for data over the limit: `what` names it ("The EVENT packet's data", "The arguments"). */
export function tooDeepMessage(what: string, consequence = 'it is not decoded'): string {
  return `${what} is nested deeper than ${MAX_DATA_DEPTH} levels; ${consequence}.`;
}
