/**
 * The write side of the record format (recordCodec.ts): any plain value, generically, and the events
 * `storedEvent()` builds by a path that knows their keys (issue #9: a flood appends a million of them, and
 * looking up nine keys per event was a third of the cost of recording one).
 */
import { storedShape, type LogEvent } from '../logEvent';
import type { ByteWriter } from './byteCursor';
import {
  KEY_CODES,
  LENGTH_ROOM,
  LONGEST_WORD,
  MAX_DEPTH,
  SMALL_INT_MAX,
  Tag,
  VALUE_CODES,
  WORD_TAGS,
} from './recordTags';

/**
 * Encodes `event` into `writer`'s scratch buffer and returns the framed record, a view valid until the next
 * call. Never throws on plain data.
 */
export function encodeRecord(writer: ByteWriter, event: LogEvent): Buffer {
  writer.reset(LENGTH_ROOM);
  writeValue(writer, event, 0);
  return frame(writer);
}

/**
 * Encodes an event built by `storedEvent()` (its keys in the order that function gives them) like
 * encodeRecord, without enumerating its keys; any other event goes the generic way.
 */
export function encodeStoredEvent(writer: ByteWriter, event: LogEvent): Buffer {
  writer.reset(LENGTH_ROOM);
  const shape = storedShape(event);
  if (shape === undefined) writeValue(writer, event, 0);
  else writeStoredFields(writer, event, shape === 'with-parent');
  return frame(writer);
}

const code = (key: string): number => (KEY_CODES.get(key) ?? 0) + 1;
const TIME = code('time');
const MONO = code('mono');
const DIRECTION = code('direction');
const LAYER = code('layer');
const TYPE = code('type');
const SIZE = code('size');
const PAYLOAD = code('payload');
const PARENT = code('parent');
const META = code('meta');
const SEQ = code('seq');

/** The fields as writeFields would write them at depth 1: same tags, same order, same bytes. */
function writeStoredFields(w: ByteWriter, e: LogEvent, withParent: boolean): void {
  w.ensure(2);
  w.buffer[w.pos++] = Tag.Object;
  w.buffer[w.pos++] = withParent ? 10 : 9;
  w.uint(TIME);
  writeNumber(w, e.time);
  w.uint(MONO);
  writeNumber(w, e.mono);
  w.uint(DIRECTION);
  writeString(w, e.direction);
  w.uint(LAYER);
  writeString(w, e.layer);
  w.uint(TYPE);
  writeString(w, e.type);
  w.uint(SIZE);
  writeNumber(w, e.size);
  w.uint(PAYLOAD);
  writePayload(w, e.payload);
  if (withParent) {
    w.uint(PARENT);
    writeValue(w, e.parent, 1);
  }
  w.uint(META);
  writeValue(w, e.meta, 1);
  w.uint(SEQ);
  writeNumber(w, e.seq);
}

const KIND = code('kind');
const TEXT = code('text');
const BYTE_LENGTH = code('byteLength');

/**
 * A payload as writeValue writes it at depth 1; a whole text payload (`{ kind, text, byteLength }`, the most
 * common of all) without looking its keys up in the dictionary.
 */
function writePayload(w: ByteWriter, p: LogEvent['payload']): void {
  if (p === undefined || p.kind !== 'text' || Object.isFrozen(p)) return writeValue(w, p, 1);
  const keys = Object.keys(p);
  if (keys.length !== 3 || keys[0] !== 'kind' || keys[1] !== 'text' || keys[2] !== 'byteLength') {
    return writeValue(w, p, 1);
  }
  if (typeof p.text !== 'string' || typeof p.byteLength !== 'number') return writeValue(w, p, 1);
  w.ensure(3);
  w.buffer[w.pos++] = Tag.Object;
  w.buffer[w.pos++] = 3;
  w.uint(KIND);
  writeString(w, p.kind);
  w.uint(TEXT);
  writeString(w, p.text);
  w.uint(BYTE_LENGTH);
  writeNumber(w, p.byteLength);
}

/** Puts the length before the record written from LENGTH_ROOM and returns the framed record. */
function frame(writer: ByteWriter): Buffer {
  const length = writer.pos - LENGTH_ROOM;
  const start = LENGTH_ROOM - varintSize(length);
  const end = writer.pos;
  writer.pos = start;
  writer.uint(length);
  return writer.buffer.subarray(start, end);
}

function writeValue(w: ByteWriter, value: unknown, depth: number): void {
  switch (typeof value) {
    case 'number':
      return writeNumber(w, value);
    case 'string':
      return writeString(w, value);
    case 'boolean':
      return w.byte(value ? Tag.True : Tag.False);
    case 'object':
      if (value === null) return w.byte(Tag.Null);
      if (depth >= MAX_DEPTH) return w.byte(Tag.Undefined);
      return writeObject(w, value, depth + 1);
    default:
      return w.byte(Tag.Undefined);
  }
}

function writeNumber(w: ByteWriter, value: number): void {
  // Integers of 32 bits first (sizes, seqs, codes: most numbers of an event), -0 excluded (it is a float).
  if (value >>> 0 === value && (value !== 0 || 1 / value > 0)) {
    if (value <= SMALL_INT_MAX) return w.byte(Tag.SmallInt + value);
    w.byte(Tag.Uint);
    return w.uint(value);
  }
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
    w.byte(value >= 0 ? Tag.Uint : Tag.NegativeInt);
    return w.uint(Math.abs(value));
  }
  w.byte(Tag.Float);
  w.float(value);
}

function writeString(w: ByteWriter, value: string): void {
  // A payload's text is no dictionary word: not hashed for a lookup that cannot hit.
  const code = value.length <= LONGEST_WORD ? VALUE_CODES.get(value) : undefined;
  if (code !== undefined && code < WORD_TAGS) return w.byte(Tag.FirstWord + code);
  if (code !== undefined) {
    w.byte(Tag.Word);
    return w.uint(code);
  }
  w.byte(Tag.String);
  w.string(value);
}

/**
 * The encoding of frozen objects, by identity and depth (issue #9): events share frozen parts (a flood's
 * message metas, messageFacts.ts) that never change, so their bytes are written once and copied after.
 */
const frozenBytes = new WeakMap<object, FrozenBytes>();
interface FrozenBytes {
  value: object;
  depth: number;
  bytes: Buffer;
}
/** The entry used last (held strongly: one object, kept until another frozen part is written). */
let lastFrozen: FrozenBytes | undefined;

function writeObject(w: ByteWriter, value: object, depth: number): void {
  if (!Object.isFrozen(value) || value instanceof Uint8Array) return writeFields(w, value, depth);
  // The last one first: a flood's messages share one meta, and a WeakMap look-up costs more than the copy.
  const known = lastFrozen?.value === value ? lastFrozen : frozenBytes.get(value);
  if (known?.depth === depth) {
    lastFrozen = known;
    w.ensure(known.bytes.length);
    // TypedArray#set: Buffer#copy validates its arguments and makes views, several times the cost for a few bytes.
    w.buffer.set(known.bytes, w.pos);
    w.pos += known.bytes.length;
    return;
  }
  const start = w.pos;
  writeFields(w, value, depth);
  frozenBytes.set(value, { value, depth, bytes: Buffer.from(w.buffer.subarray(start, w.pos)) });
}

function writeFields(w: ByteWriter, value: object, depth: number): void {
  if (value instanceof Uint8Array) {
    w.byte(Buffer.isBuffer(value) ? Tag.Buffer : Tag.Uint8Array);
    return w.bytes(value);
  }
  if (Array.isArray(value)) {
    w.byte(Tag.Array);
    w.uint(value.length);
    for (let i = 0; i < value.length; i++) writeValue(w, value[i], depth);
    return;
  }
  const keys = Object.keys(value);
  w.byte(Tag.Object);
  w.uint(keys.length);
  for (const key of keys) {
    const code = KEY_CODES.get(key);
    if (code === undefined) {
      w.uint(0);
      w.string(key);
    } else {
      w.uint(code + 1);
    }
    writeValue(w, (value as Record<string, unknown>)[key], depth);
  }
}

function varintSize(value: number): number {
  let size = 1;
  for (let n = value; n >= 0x80; n = Math.floor(n / 0x80)) size++;
  return size;
}
