/**
 * The cursor rule's path into a JSON response body (issue 11: "a JSON path into the response that feeds the
 * next request"). A deliberately small subset of JSONPath, enough for how chat and notification APIs page:
 *
 *   path  = "$" step*
 *   step  = "." name            a member: `$.cursor`, `$.meta.next_id`
 *         | "[" index "]"       an array element; negative counts from the end: `$.messages[-1]`
 *         | "[" string "]"      a member whose name is not a plain name: `$["next-token"]` (JSON string syntax)
 *   name  = [A-Za-z_$][A-Za-z0-9_$]*
 *
 * Examples: `$.cursor`, `$.messages[-1].id`, `$.data["page-info"].end`. No wildcards, filters or slices: a
 * cursor is one value. Parsing and evaluation are pure, bounded and never throw.
 */

/** One step of a parsed path. */
export type CursorStep = { member: string } | { index: number };

/** What a path found: a cursor is a string, a finite number or a boolean, kept with its JSON type. */
export type CursorValue = string | number | boolean;

export type CursorLookup = { found: true; value: CursorValue } | { found: false; reason: string };

/** Longest path accepted (characters) and most steps. */
export const MAX_CURSOR_PATH_CHARS = 256;
export const MAX_CURSOR_PATH_STEPS = 32;
/** Longest cursor value taken from a response: a server cannot make the next URL or body grow without end. */
export const MAX_CURSOR_CHARS = 2048;

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const INDEX = /^-?\d{1,10}(?=\])/;
const QUOTED = /^"(?:[^"\\]|\\.)*"(?=\])/;

/** Parses `text` as a cursor path, or says what is wrong and where. */
export function parseCursorPath(text: string): { ok: true; steps: CursorStep[] } | { ok: false; error: string } {
  if (text.length > MAX_CURSOR_PATH_CHARS)
    return { ok: false, error: `Longer than ${MAX_CURSOR_PATH_CHARS} characters.` };
  if (!text.startsWith('$')) return { ok: false, error: 'A cursor path starts with "$" (the response body).' };
  const steps: CursorStep[] = [];
  let rest = text.slice(1);
  while (rest !== '') {
    const position = text.length - rest.length;
    const step = parseStep(rest);
    if (!step) return { ok: false, error: `Unexpected "${rest.slice(0, 12)}" at character ${position + 1}.` + SYNTAX };
    steps.push(step.step);
    if (steps.length > MAX_CURSOR_PATH_STEPS) return { ok: false, error: `More than ${MAX_CURSOR_PATH_STEPS} steps.` };
    rest = rest.slice(step.length);
  }
  return { ok: true, steps };
}

const SYNTAX = ' Use .name, [index] (negative from the end) or ["name"], e.g. $.messages[-1].id.';

function parseStep(rest: string): { step: CursorStep; length: number } | undefined {
  if (rest.startsWith('.')) {
    const name = NAME.exec(rest.slice(1))?.[0];
    return name ? { step: { member: name }, length: 1 + name.length } : undefined;
  }
  if (!rest.startsWith('[')) return undefined;
  const inner = rest.slice(1);
  const index = INDEX.exec(inner)?.[0];
  if (index !== undefined) return { step: { index: Number(index) }, length: index.length + 2 };
  const quoted = QUOTED.exec(inner)?.[0];
  if (quoted === undefined) return undefined;
  try {
    // JSON string syntax: a control character or a bad escape is a syntax error, reported like any other.
    return { step: { member: JSON.parse(quoted) as string }, length: quoted.length + 2 };
  } catch {
    return undefined;
  }
}

/** Follows `steps` through a parsed JSON value. Own members only: `$.constructor` finds nothing. */
export function evaluateCursorPath(root: unknown, steps: readonly CursorStep[]): CursorLookup {
  let value = root;
  for (const step of steps) {
    const next = stepInto(value, step);
    if (!next.found) return { found: false, reason: `${describeStep(step)} ${next.reason}` };
    value = next.value;
  }
  return cursorValue(value);
}

/** Parses a response body as JSON and follows the path; what went wrong is a reason, never a throw. */
export function readCursor(bodyText: string, steps: readonly CursorStep[]): CursorLookup {
  let root: unknown;
  try {
    root = JSON.parse(bodyText);
  } catch {
    return { found: false, reason: 'the response body is not JSON' };
  }
  return evaluateCursorPath(root, steps);
}

/** The cursor as the next request's query parameter or as the note shows it. */
export function cursorText(value: CursorValue): string {
  return typeof value === 'string' ? value : String(value);
}

function stepInto(
  value: unknown,
  step: CursorStep,
): { found: true; value: unknown } | { found: false; reason: string } {
  if ('index' in step) {
    if (!Array.isArray(value)) return { found: false, reason: `is not possible: ${kindOf(value)} is not an array` };
    const at = step.index < 0 ? value.length + step.index : step.index;
    if (at < 0 || at >= value.length) return { found: false, reason: `is past the end of an array of ${value.length}` };
    return { found: true, value: value[at] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { found: false, reason: `is not possible: ${kindOf(value)} is not an object` };
  if (!Object.prototype.hasOwnProperty.call(value, step.member)) return { found: false, reason: 'is missing' };
  return { found: true, value: (value as Record<string, unknown>)[step.member] };
}

function cursorValue(value: unknown): CursorLookup {
  if (typeof value === 'string') {
    if (value.length > MAX_CURSOR_CHARS)
      return { found: false, reason: `the value is longer than ${MAX_CURSOR_CHARS} characters` };
    return { found: true, value };
  }
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
    return { found: true, value };
  return { found: false, reason: `the value is ${kindOf(value)}, not a string or a number` };
}

function describeStep(step: CursorStep): string {
  return 'index' in step ? `[${step.index}]` : `"${step.member.slice(0, 40)}"`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
