/**
 * Validation of a query that comes from the webview (issue #9). The webview renders hostile data, so what it
 * sends is checked against an allowlist before the host runs it: known fields only, bounded strings and
 * lists, known directions and layers, flags from "imsu", finite times, a regular expression that compiles.
 * Anything else is a reason in plain words; nothing here throws.
 */
import type { Direction, Layer } from '../events/logEvent';
import { compileQuery, type EventQuery } from './eventQuery';
import type { QueryPageRequest } from './queryRunner';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Longest text to search for, and longest regular expression. */
export const QUERY_TEXT_MAX_CHARS = 1000;
/** Longest event type, Socket.IO event name or namespace. */
export const QUERY_NAME_MAX_CHARS = 256;
/** Most event types in one query. */
export const QUERY_TYPES_MAX = 64;
/** Most matches one page may ask for. */
export const QUERY_PAGE_MAX_LIMIT = 5000;

/** Every direction and layer, by name: adding one to logEvent.ts without adding it here fails to compile. */
const DIRECTIONS: Record<Direction, true> = { in: true, out: true, local: true };
const LAYERS: Record<Layer, true> = {
  tcp: true,
  tls: true,
  http: true,
  ws: true,
  eio: true,
  sio: true,
  sse: true,
  poll: true,
};
const REGEX_FLAGS = 'imsu';
const QUERY_FIELDS = new Set(['text', 'regex', 'directions', 'layers', 'types', 'sioEvent', 'namespace']);
const TIME_FIELDS = ['timeFrom', 'timeTo'] as const;

/** Thrown inside this module only, caught by the parse functions: the first thing wrong, in plain words. */
class Invalid extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The query in `input`, or why it is not one. Absent, null and empty-text fields mean "no condition". */
export function parseEventQuery(input: unknown): Parsed<EventQuery> {
  try {
    const fields = plainObject(input, 'The query', [...QUERY_FIELDS, ...TIME_FIELDS]);
    const query: EventQuery = {};
    const text = optionalString(fields.text, 'text', QUERY_TEXT_MAX_CHARS);
    if (text) query.text = text;
    const regex = parseRegex(fields.regex);
    if (regex) query.regex = regex;
    const directions = optionalList(fields.directions, 'directions', 3, (v) => known(v, DIRECTIONS, 'direction'));
    if (directions) query.directions = directions;
    const layers = optionalList(fields.layers, 'layers', 8, (v) => known(v, LAYERS, 'layer'));
    if (layers) query.layers = layers;
    const types = optionalList(fields.types, 'types', QUERY_TYPES_MAX, (v) => name(v, 'types'));
    if (types) query.types = types;
    const sioEvent = optionalString(fields.sioEvent, 'sioEvent', QUERY_NAME_MAX_CHARS);
    if (sioEvent !== undefined) query.sioEvent = sioEvent;
    const namespace = optionalString(fields.namespace, 'namespace', QUERY_NAME_MAX_CHARS);
    if (namespace !== undefined) query.namespace = namespace;
    for (const field of TIME_FIELDS) {
      const time = optionalTime(fields[field], field);
      if (time !== undefined) query[field] = time;
    }
    if (query.timeFrom !== undefined && query.timeTo !== undefined && query.timeFrom > query.timeTo) {
      throw new Invalid('timeFrom is after timeTo.');
    }
    return { ok: true, value: query };
  } catch (error) {
    return { ok: false, reason: error instanceof Invalid ? error.reason : 'The query could not be read.' };
  }
}

/** A page request from the webview: a whole start seq ≥ 0, a direction, a limit from 1 to QUERY_PAGE_MAX_LIMIT. */
export function parseQueryPageRequest(input: unknown): Parsed<QueryPageRequest> {
  try {
    const fields = plainObject(input, 'The page request', ['fromSeq', 'direction', 'limit']);
    const { fromSeq, direction, limit } = fields;
    if (typeof fromSeq !== 'number' || !Number.isSafeInteger(fromSeq) || fromSeq < 0) {
      throw new Invalid('fromSeq must be a whole number, 0 or more.');
    }
    if (direction !== 'forward' && direction !== 'backward') {
      throw new Invalid('direction must be "forward" or "backward".');
    }
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > QUERY_PAGE_MAX_LIMIT) {
      throw new Invalid(`limit must be a whole number from 1 to ${QUERY_PAGE_MAX_LIMIT}.`);
    }
    return { ok: true, value: { fromSeq, direction, limit } };
  } catch (error) {
    return { ok: false, reason: error instanceof Invalid ? error.reason : 'The page request could not be read.' };
  }
}

/** `input` as a plain object (not an array, not a class instance) with no field outside `allowed`. */
function plainObject(input: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Invalid(`${what} is not an object.`);
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) throw new Invalid(`${what} is not a plain object.`);
  const keys = Reflect.ownKeys(input);
  if (keys.length > allowed.length) throw new Invalid(`${what} has more fields than it can have.`);
  for (const key of keys) {
    if (typeof key !== 'string' || !allowed.includes(key)) throw new Invalid(`${what} has an unknown field.`);
  }
  return input as Record<string, unknown>;
}

function optionalString(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Invalid(`${field} must be text.`);
  if (value.length > max) throw new Invalid(`${field} is longer than ${max} characters.`);
  return value;
}

function optionalTime(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Invalid(`${field} must be a finite time (ms).`);
  return value;
}

function optionalList<T>(value: unknown, field: string, max: number, item: (v: unknown) => T): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Invalid(`${field} must be a list.`);
  if (value.length > max) throw new Invalid(`${field} has more than ${max} entries.`);
  const items: T[] = [];
  for (let i = 0; i < value.length; i++) {
    const parsed = item(value[i]);
    if (!items.includes(parsed)) items.push(parsed);
  }
  return items.length > 0 ? items : undefined;
}

function known<K extends string>(value: unknown, names: Record<K, true>, what: string): K {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(names, value)) return value as K;
  throw new Invalid(`Unknown ${what}; expected one of ${Object.keys(names).join(', ')}.`);
}

function name(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > QUERY_NAME_MAX_CHARS) {
    throw new Invalid(`${field} must hold names of 1 to ${QUERY_NAME_MAX_CHARS} characters.`);
  }
  return value;
}

/** `{ source, flags? }`: bounded, flags from "imsu" without repeats, and a pattern that compiles. */
function parseRegex(value: unknown): EventQuery['regex'] {
  if (value === undefined || value === null) return undefined;
  const fields = plainObject(value, 'regex', ['source', 'flags']);
  const source = optionalString(fields.source, 'regex.source', QUERY_TEXT_MAX_CHARS);
  const flags = optionalString(fields.flags, 'regex.flags', REGEX_FLAGS.length) ?? '';
  if ([...flags].some((flag, i) => !REGEX_FLAGS.includes(flag) || flags.indexOf(flag) !== i)) {
    throw new Invalid(`regex.flags may hold each of "${REGEX_FLAGS}" once.`);
  }
  if (!source) return undefined;
  const regex = flags ? { source, flags } : { source };
  const compiled = compileQuery({ regex });
  if (!compiled.ok) throw new Invalid(compiled.message);
  return regex;
}
