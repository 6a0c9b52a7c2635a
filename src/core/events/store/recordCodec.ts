/**
 * The binary form of one stored event (issue #9): compact enough to keep a million small events in memory,
 * exact enough to give back the LogEvent that was appended.
 *
 * A record is `varint length` + one value. A value is a tag byte and its body, the same for every level of
 * the event, so every field (and any field added to LogEvent or its meta later) round-trips as it was:
 * key order, keys whose value is `undefined`, -0, NaN, lone surrogates, Uint8Array versus Buffer.
 * Keys and frequent strings from codecDictionary.ts take one byte. Plain data only (the LogEvent contract):
 * functions, symbols and bigints are written as `undefined`, as is anything nested deeper than MAX_DEPTH.
 */
import type { LogEvent } from '../logEvent';
import { ByteReader, ByteWriter, RecordCodecError } from './byteCursor';
import { codesOf, DICTIONARY_KEYS, DICTIONARY_VALUES } from './codecDictionary';

const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  Float = 4,
  Uint = 5,
  NegativeInt = 6,
  String = 7,
  /** A word of DICTIONARY_VALUES beyond the first WORD_TAGS, by its code. */
  Word = 8,
  Array = 9,
  Object = 10,
  Uint8Array = 11,
  Buffer = 12,
  /** Tags from here are the first WORD_TAGS words of DICTIONARY_VALUES themselves (one byte for `in`, `ws`…). */
  FirstWord = 0x10,
  /** Tags from here up are the integers 0 … 255 - SmallInt themselves. */
  SmallInt = 0x50,
}

const WORD_TAGS = Tag.SmallInt - Tag.FirstWord;
const SMALL_INT_MAX = 0xff - Tag.SmallInt;
const MAX_DEPTH = 32;
/** Room left before a record for its length (a varint of at most 5 bytes: records stay below 32 GiB). */
const LENGTH_ROOM = 5;

const KEY_CODES = codesOf(DICTIONARY_KEYS);
const VALUE_CODES = codesOf(DICTIONARY_VALUES);
const LONGEST_WORD = Math.max(...DICTIONARY_VALUES.map((word) => word.length));

/**
 * Encodes `event` into `writer`'s scratch buffer and returns the framed record, a view valid until the next
 * call. Never throws on plain data.
 */
export function encodeRecord(writer: ByteWriter, event: LogEvent): Buffer {
  writer.reset(LENGTH_ROOM);
  writeValue(writer, event, 0);
  const length = writer.pos - LENGTH_ROOM;
  const start = LENGTH_ROOM - varintSize(length);
  const end = writer.pos;
  writer.pos = start;
  writer.uint(length);
  return writer.buffer.subarray(start, end);
}

/** Decodes the record at `offset`; throws RecordCodecError when the bytes are not one of ours. */
export function decodeRecord(buffer: Buffer, offset: number, end = buffer.length): { event: LogEvent; next: number } {
  const header = new ByteReader(buffer, offset, end);
  const length = header.uint();
  if (length > end - header.pos) throw new RecordCodecError('record ends early');
  const reader = new ByteReader(buffer, header.pos, header.pos + length);
  const value = readValue(reader, 0);
  if (reader.pos !== reader.end) throw new RecordCodecError('trailing bytes in record');
  if (!isObject(value) || typeof value.seq !== 'number') throw new RecordCodecError('record is not an event');
  return { event: value as unknown as LogEvent, next: reader.end };
}

/** Offset just past the record at `offset`, without decoding it. */
export function skipRecord(buffer: Buffer, offset: number, end = buffer.length): number {
  const header = new ByteReader(buffer, offset, end);
  const length = header.uint();
  if (length > end - header.pos) throw new RecordCodecError('record ends early');
  return header.pos + length;
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
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
    if (value >= 0 && value <= SMALL_INT_MAX) return w.byte(Tag.SmallInt + value);
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
const frozenBytes = new WeakMap<object, { depth: number; bytes: Buffer }>();

function writeObject(w: ByteWriter, value: object, depth: number): void {
  if (!Object.isFrozen(value) || value instanceof Uint8Array) return writeFields(w, value, depth);
  const known = frozenBytes.get(value);
  if (known?.depth === depth) {
    w.ensure(known.bytes.length);
    w.pos += known.bytes.copy(w.buffer, w.pos);
    return;
  }
  const start = w.pos;
  writeFields(w, value, depth);
  frozenBytes.set(value, { depth, bytes: Buffer.from(w.buffer.subarray(start, w.pos)) });
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

export function readValue(r: ByteReader, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RecordCodecError('record nested too deeply');
  const tag = r.byte();
  if (tag >= Tag.SmallInt) return tag - Tag.SmallInt;
  if (tag >= Tag.FirstWord) return word(DICTIONARY_VALUES, tag - Tag.FirstWord);
  switch (tag) {
    case Tag.Undefined:
      return undefined;
    case Tag.Null:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.Float:
      return r.float();
    case Tag.Uint:
      return r.uint();
    case Tag.NegativeInt:
      return -r.uint();
    case Tag.String:
      return r.string();
    case Tag.Word:
      return word(DICTIONARY_VALUES, r.uint());
    case Tag.Array:
      return readArray(r, depth);
    case Tag.Object:
      return readObject(r, depth);
    case Tag.Uint8Array:
      return r.bytes();
    case Tag.Buffer: {
      const bytes = r.bytes();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    default:
      throw new RecordCodecError(`unknown tag ${tag}`);
  }
}

/** Moves past one value without building it. */
export function skipValue(r: ByteReader, depth: number): void {
  if (depth > MAX_DEPTH) throw new RecordCodecError('record nested too deeply');
  const tag = r.byte();
  if (tag >= Tag.FirstWord || tag <= Tag.True) return;
  if (tag === Tag.Float) return r.skip(8);
  if (tag === Tag.Uint || tag === Tag.NegativeInt || tag === Tag.Word) return void r.uint();
  if (tag === Tag.String) return r.skip(Math.floor(r.uint() / 2));
  if (tag === Tag.Uint8Array || tag === Tag.Buffer) return r.skip(r.uint());
  if (tag === Tag.Array) {
    for (let n = r.uint(); n > 0; n--) skipValue(r, depth + 1);
    return;
  }
  if (tag !== Tag.Object) throw new RecordCodecError(`unknown tag ${tag}`);
  for (let n = r.uint(); n > 0; n--) {
    readKey(r);
    skipValue(r, depth + 1);
  }
}

/** The field count of the object that starts here; undefined (nothing read) when the value is no object. */
export function readObjectCount(r: ByteReader): number | undefined {
  if (r.pos >= r.end || r.buffer[r.pos] !== (Tag.Object as number)) return undefined;
  r.pos++;
  return r.uint();
}

/** The key of an object's next field. */
export function readKey(r: ByteReader): string {
  const code = r.uint();
  return code === 0 ? r.string() : word(DICTIONARY_KEYS, code - 1);
}

function readArray(r: ByteReader, depth: number): unknown[] {
  const length = r.uint();
  // Every element takes at least one byte: a length beyond the record is damage, not a huge allocation.
  if (length > r.end - r.pos) throw new RecordCodecError('array longer than its record');
  const items = new Array<unknown>(length);
  for (let i = 0; i < length; i++) items[i] = readValue(r, depth + 1);
  return items;
}

function readObject(r: ByteReader, depth: number): Record<string, unknown> {
  const count = r.uint();
  const value: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const key = readKey(r);
    const item = readValue(r, depth + 1);
    // An own `__proto__` key stays data: plain assignment would set the prototype instead.
    if (key === '__proto__')
      Object.defineProperty(value, key, { value: item, enumerable: true, writable: true, configurable: true });
    else value[key] = item;
  }
  return value;
}

function word(words: readonly string[], code: number): string {
  const found = words[code];
  if (found === undefined) throw new RecordCodecError(`unknown word ${code}`);
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function varintSize(value: number): number {
  let size = 1;
  for (let n = value; n >= 0x80; n = Math.floor(n / 0x80)) size++;
  return size;
}
