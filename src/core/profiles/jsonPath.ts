/**
 * JSON paths as people read them (`profiles[2].connection.headers[0]`) and as code walks them
 * (`['profiles', 2, 'connection', 'headers', 0]`), plus the few walks over plain JSON values the profile
 * code shares. Pure; never throws.
 */

export type JsonSegment = string | number;
export type JsonSegments = readonly JsonSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Deeper than this, a value is not walked (a hostile file cannot overflow the stack). */
export const MAX_WALK_DEPTH = 32;

/** `['profiles', 2, 'connection', 'url']` → `profiles[2].connection.url`; odd keys as `["my key"]`. */
export function formatJsonPath(segments: JsonSegments): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The segments of a path written by formatJsonPath or by a validator (`namespaces[0].auth`); [] for ''. */
export function parseJsonPath(path: string): JsonSegment[] {
  const segments: JsonSegment[] = [];
  const pattern = /([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|(\.)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path)) !== null) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

/** Joins a relative path onto a base: `profiles[1]` + `connection.url`. */
export function joinJsonPath(base: JsonSegments, relative: JsonSegments): string {
  return formatJsonPath([...base, ...relative]);
}

/** The value at `segments` inside `value`, or undefined. */
export function valueAt(value: unknown, segments: JsonSegments): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Calls `visit` for every string inside `value` (object keys excluded), with its path. */
export function forEachString(
  value: unknown,
  visit: (text: string, segments: JsonSegment[]) => void,
  segments: JsonSegment[] = [],
): void {
  if (typeof value === 'string') visit(value, segments);
  else if (segments.length >= MAX_WALK_DEPTH || typeof value !== 'object' || value === null) return;
  else if (Array.isArray(value)) value.forEach((item, i) => forEachString(item, visit, [...segments, i]));
  else for (const [key, item] of Object.entries(value)) forEachString(item, visit, [...segments, key]);
}

/** A deep copy of a JSON value with every string passed through `map` (object keys kept). */
export function mapStrings(
  value: unknown,
  map: (text: string, segments: JsonSegment[]) => string,
  segments: JsonSegment[] = [],
): unknown {
  if (typeof value === 'string') return map(value, segments);
  if (segments.length >= MAX_WALK_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, map, [...segments, i]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, map, [...segments, key]);
  return out;
}

/** Whether any string inside `value` passes `test`. */
export function someString(value: unknown, test: (text: string) => boolean): boolean {
  let found = false;
  forEachString(value, (text) => {
    found ||= test(text);
  });
  return found;
}

/** Whether two JSON values are equal (deep, key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Whether `value` is a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
