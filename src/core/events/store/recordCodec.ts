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
import { ByteReader, RecordCodecError } from './byteCursor';
import { DICTIONARY_KEYS, DICTIONARY_VALUES } from './codecDictionary';
import { MAX_DEPTH, Tag } from './recordTags';

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
