/**
 * Checks that a value read from a file is a LogEvent the panel can show: the fields every event has, a payload
 * of either kind (bytes as `{"$base64": …}`), and the typed meta facts of logEvent.ts with the types the view
 * relies on. A hostile or hand-edited file gets a message naming the field; unknown fields are kept as data.
 */
import type { Layer, LogEvent, Payload } from '../events/logEvent';
import { BASE64_KEY } from './jsonlFormat';

const DIRECTIONS = new Set(['in', 'out', 'local']);
const LAYERS = new Set<Layer>(['tcp', 'tls', 'http', 'ws', 'eio', 'sio', 'sse', 'poll']);

type Check = 'string' | 'number' | 'boolean' | 'headers' | 'numbers' | 'strings' | 'object';

const HTTP: Record<string, Check> = {
  method: 'string',
  url: 'string',
  httpVersion: 'string',
  status: 'number',
  statusText: 'string',
  headers: 'headers',
};

/** The typed meta facts (logEvent.ts), by meta key: a type, or the checks of a nested object's fields. */
const META: Record<string, Check | Record<string, Check>> = {
  request: HTTP,
  response: HTTP,
  subprotocol: 'string',
  extensions: 'string',
  durationMs: 'number',
  close: { wireCode: 'number', wireReason: 'string', sentCode: 'number', sentReason: 'string', localCode: 'number' },
  error: { code: 'string', message: 'string', hint: 'string', detail: 'string', peer: 'string' },
  frame: { opcode: 'number', compressed: 'boolean', frames: 'number', wireBytes: 'number' },
  send: 'object',
  warning: 'string',
  note: 'string',
  requestSeq: 'number',
  eio: { packetType: 'string', sid: 'string', upgrades: 'strings', carries: 'numbers', repeat: 'number' },
  sio: { packetType: 'string', namespace: 'string', ackId: 'number', event: 'string', attachmentSeqs: 'numbers' },
  poll: { holdMs: 'number', gapMs: 'number', empty: 'boolean', requestBytes: 'number', responseBytes: 'number' },
  sse: { id: 'string', event: 'string', retryMs: 'number', comment: 'string', chunks: 'number', bytes: 'number' },
};

/** The event, with its payload's bytes decoded; or the name of the first field that is wrong. */
export function checkEvent(value: unknown): { ok: true; event: LogEvent } | { ok: false; problem: string } {
  if (!isRecord(value)) return fail('the line is not a JSON object');
  const v = value;
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return fail('"seq" must be a whole number from 1');
  for (const key of ['time', 'mono', 'size'] as const)
    if (typeof v[key] !== 'number' || !Number.isFinite(v[key])) return fail(`"${key}" must be a number`);
  if (!DIRECTIONS.has(v.direction as string)) return fail('"direction" must be "in", "out" or "local"');
  if (!LAYERS.has(v.layer as Layer)) return fail(`"layer" must be one of ${[...LAYERS].join(', ')}`);
  if (typeof v.type !== 'string' || v.type === '') return fail('"type" must be a non-empty string');
  if (v.parent !== undefined && !Number.isSafeInteger(v.parent)) return fail('"parent" must be a whole number');
  const meta = v.meta === undefined ? undefined : checkMeta(v.meta);
  if (typeof meta === 'string') return fail(meta);
  const payload = v.payload === undefined ? undefined : readPayload(v.payload);
  if (typeof payload === 'string') return fail(payload);
  return { ok: true, event: { ...(v as unknown as LogEvent), payload } };
}

function checkMeta(meta: unknown): string | undefined {
  if (!isRecord(meta)) return '"meta" must be an object';
  for (const [key, check] of Object.entries(META)) {
    const value = meta[key];
    if (value === undefined) continue;
    if (typeof check === 'string') {
      const problem = checkValue(value, check);
      if (problem) return `"meta.${key}" ${problem}`;
      continue;
    }
    if (!isRecord(value)) return `"meta.${key}" must be an object`;
    for (const [field, fieldCheck] of Object.entries(check)) {
      const problem = value[field] === undefined ? undefined : checkValue(value[field], fieldCheck);
      if (problem) return `"meta.${key}.${field}" ${problem}`;
    }
  }
  return undefined;
}

function checkValue(value: unknown, check: Check): string | undefined {
  const ok =
    check === 'headers'
      ? Array.isArray(value) && value.every((h) => Array.isArray(h) && h.length === 2 && h.every(isString))
      : check === 'numbers'
        ? Array.isArray(value) && value.every((n) => typeof n === 'number')
        : check === 'strings'
          ? Array.isArray(value) && value.every(isString)
          : check === 'object'
            ? isRecord(value)
            : typeof value === check && (check !== 'number' || Number.isFinite(value));
  return ok ? undefined : `must be ${check === 'headers' ? 'a list of [name, value] pairs' : `of type ${check}`}`;
}

/** A payload with its bytes decoded, or what is wrong with it. */
function readPayload(value: unknown): Payload | string {
  if (!isRecord(value)) return '"payload" must be an object';
  if (typeof value.byteLength !== 'number' || !Number.isFinite(value.byteLength))
    return '"payload.byteLength" must be a number';
  const cut = value.truncated;
  if (cut !== undefined && !(isRecord(cut) && typeof cut.keptBytes === 'number' && typeof cut.sha256 === 'string'))
    return '"payload.truncated" must hold keptBytes and sha256';
  if (value.kind === 'text')
    return typeof value.text === 'string' ? (value as unknown as Payload) : '"payload.text" must be a string';
  if (value.kind !== 'binary') return '"payload.kind" must be "text" or "binary"';
  const encoded = isRecord(value.bytes) ? value.bytes[BASE64_KEY] : undefined;
  if (typeof encoded !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded))
    return `"payload.bytes" must be {"${BASE64_KEY}": "<base64>"}`;
  return { ...(value as unknown as Payload), bytes: new Uint8Array(Buffer.from(encoded, 'base64')) } as Payload;
}

function fail(problem: string): { ok: false; problem: string } {
  return { ok: false, problem };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isString(value: unknown): boolean {
  return typeof value === 'string';
}
