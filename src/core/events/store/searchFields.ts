/**
 * The fields a regular-expression search reads of a record, read in place (issue #9): seq, time, direction,
 * layer and type as values, and the payload's text as the range of its stored bytes — not decoded, so a search
 * over a million records copies their text bytes to the query worker instead of building a million strings
 * on the host's thread. Keys are compared by their dictionary codes; nothing else is built.
 */
import type { LogEvent } from '../logEvent';
import { ByteReader, RecordCodecError } from './byteCursor';
import { readObjectCount, readValue, skipValue } from './recordCodec';
import { DICTIONARY_VALUES } from './codecDictionary';
import { KEY_CODES, Tag } from './recordTags';

/** What readSearchFields found; one object reused for every record of a scan. */
export interface StoredSearchFields {
  seq: number;
  time: number;
  direction: string;
  layer: string;
  type: string;
  /** Whether the payload is text stored as a string: then its bytes are [textStart, textEnd). */
  hasText: boolean;
  textStart: number;
  textEnd: number;
  /** The text's bytes are UTF-16LE (a string with a lone surrogate), otherwise UTF-8. */
  textUtf16: boolean;
  /** Offset just past the record. */
  next: number;
}

export function emptySearchFields(): StoredSearchFields {
  const text = { hasText: false, textStart: 0, textEnd: 0, textUtf16: false };
  return { seq: 0, time: 0, direction: '', layer: '', type: '', ...text, next: 0 };
}

/**
 * Visits records for a search: each record whose payload is text is offered as its stored fields first; the
 * visitor takes it as it is (true) or asks for its search view (false). The scan stops once `full` is true.
 */
export interface SearchScanVisitor {
  /** Forget what was visited: the scan starts again (a block could not be read back and was let go). */
  restart(): void;
  stored(fields: Readonly<StoredSearchFields>, bytes: Buffer): boolean;
  view(event: LogEvent): void;
  readonly full: boolean;
  /** Whether `stored` reads the time (a time range): otherwise it is 0 there. */
  readonly needsTime: boolean;
}

const code = (key: string): number => (KEY_CODES.get(key) ?? -2) + 1;
const SEQ = code('seq');
const TIME = code('time');
const DIRECTION = code('direction');
const LAYER = code('layer');
const TYPE = code('type');
const PAYLOAD = code('payload');
const KIND = code('kind');
const TEXT = code('text');

/**
 * Reads the search fields of the record of `seq` at `offset` into `out`. `out.hasText` is false when the payload is
 * not text, or a field is not what an event's field is (the caller then decodes the record the full way, which
 * says what is wrong). Reading stops once the fields a search needs are read: the meta and the seq that an event
 * from storedEvent() keeps after its payload are not walked (the seq is the record's place in its block; a seq
 * met on the way must be `seq`). Without `withTime` the time is skipped (0): a wall time is a float V8 allocates,
 * and a search without a time range never reads it. Throws RecordCodecError when the bytes are not a record.
 */
export function readSearchFields(
  buffer: Buffer,
  offset: number,
  end: number,
  seq: number,
  out: StoredSearchFields,
  r: ByteReader = new ByteReader(buffer, offset, end),
  withTime = true,
): void {
  r.reset(buffer, offset, end);
  const length = r.uint();
  if (length > end - r.pos) throw new RecordCodecError('record ends early');
  r.end = r.pos + length;
  out.next = r.end;
  out.hasText = false;
  const count = readObjectCount(r);
  if (count === undefined) throw new RecordCodecError('record is not an event');
  let time: unknown = withTime ? undefined : 0;
  let direction: unknown, layer: unknown, type: unknown;
  let payload = false;
  for (let i = 0; i < count; i++) {
    if (payload && time !== undefined && direction !== undefined && layer !== undefined && type !== undefined) break;
    const key = r.uint();
    // A key spelled out (code 0) is never one of the dictionary's: its value is skipped.
    if (key === 0) r.skip(Math.floor(r.uint() / 2));
    if (key === SEQ && readValue(r, 1) !== seq) throw new RecordCodecError(`record of another seq at ${seq}`);
    else if (key === TIME) time = withTime ? readValue(r, 1) : (skipValue(r, 1), 0);
    else if (key === DIRECTION) direction = wordOrValue(r);
    else if (key === LAYER) layer = wordOrValue(r);
    else if (key === TYPE) type = wordOrValue(r);
    else if (key === PAYLOAD) payload = (readPayloadText(r, out), true);
    else if (key !== SEQ) skipValue(r, 1);
  }
  if (typeof time !== 'number') out.hasText = false;
  else if (typeof direction !== 'string' || typeof layer !== 'string' || typeof type !== 'string') out.hasText = false;
  else {
    out.seq = seq;
    out.time = time;
    out.direction = direction;
    out.layer = layer;
    out.type = type;
  }
}

/** A value that is mostly a dictionary word (direction, layer, type): the word without the general reader. */
function wordOrValue(r: ByteReader): unknown {
  const tag = r.pos < r.end ? r.buffer[r.pos] : -1;
  if (tag < Tag.FirstWord || tag >= Tag.SmallInt) return readValue(r, 1);
  r.pos++;
  return DICTIONARY_VALUES[tag - Tag.FirstWord];
}

/** The payload's kind and the byte range of its text, without decoding the text. */
function readPayloadText(r: ByteReader, out: StoredSearchFields): void {
  const count = readObjectCount(r);
  if (count === undefined) return skipValue(r, 1);
  let kind: unknown;
  let text = false;
  for (let i = 0; i < count; i++) {
    const key = r.uint();
    if (key === 0) r.skip(Math.floor(r.uint() / 2));
    if (key === KIND) kind = readValue(r, 2);
    else if (key === TEXT && r.pos < r.end && r.buffer[r.pos] === (Tag.String as number)) {
      r.pos++;
      const stringHeader = r.uint();
      out.textUtf16 = stringHeader % 2 === 1;
      out.textStart = r.pos;
      r.skip(Math.floor(stringHeader / 2));
      out.textEnd = r.pos;
      text = true;
    } else skipValue(r, 2);
  }
  out.hasText = text && kind === 'text';
}
