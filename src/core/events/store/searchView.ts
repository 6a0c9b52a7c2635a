/**
 * What a query reads of a record (issue #9): every field of the event as stored, except its meta, which is
 * skipped over and read only as far as the query asks. A search over a million events builds a few small
 * objects per record instead of the whole event with its headers and facts.
 */
import type { LogEvent } from '../logEvent';
import { ByteReader, RecordCodecError } from './byteCursor';
import { readKey, readObjectCount, readValue, skipValue } from './recordCodec';

/**
 * Whether a search needs the whole meta of `event` (its other fields decoded); when not, the view's meta holds
 * only `sio` (the Socket.IO event name and namespace), if the event has one.
 */
export type NeedsFullMeta = (event: LogEvent) => boolean;

/** Decodes the record at `offset` as a search view; throws RecordCodecError when the bytes are not one of ours. */
export function decodeSearchView(
  buffer: Buffer,
  offset: number,
  end: number,
  needsFullMeta: NeedsFullMeta,
): { event: LogEvent; next: number } {
  const header = new ByteReader(buffer, offset, end);
  const length = header.uint();
  if (length > end - header.pos) throw new RecordCodecError('record ends early');
  const r = new ByteReader(buffer, header.pos, header.pos + length);
  const count = readObjectCount(r);
  if (count === undefined) throw new RecordCodecError('record is not an event');
  // One shape for every view (fast to build and to read); fields a search does not read are skipped.
  const event: SearchView = {
    seq: undefined,
    time: undefined,
    direction: undefined,
    layer: undefined,
    type: undefined,
  };
  let metaAt = -1;
  for (let i = 0; i < count; i++) {
    const key = readKey(r);
    if (key === 'meta') {
      metaAt = r.pos;
      skipValue(r, 1);
    } else if (key === 'payload') event.payload = readPayload(r);
    else if (key in event) event[key as keyof SearchView] = readValue(r, 1);
    else skipValue(r, 1);
  }
  if (r.pos !== r.end) throw new RecordCodecError('trailing bytes in record');
  if (typeof event.seq !== 'number') throw new RecordCodecError('record is not an event');
  if (metaAt >= 0) {
    const meta = new ByteReader(buffer, metaAt, r.end);
    event.meta = needsFullMeta(event as unknown as LogEvent) ? readValue(meta, 1) : sioOnly(meta);
  }
  return { event: event as unknown as LogEvent, next: r.end };
}

/** The fields of a view, as decoded (checked by their readers, as a page's events are). */
interface SearchView {
  seq: unknown;
  time: unknown;
  direction: unknown;
  layer: unknown;
  type: unknown;
  payload?: unknown;
  meta?: unknown;
}

const PAYLOAD_FIELDS = new Set(['kind', 'text', 'bytes', 'byteLength', 'truncated']);

/** A payload's fields a search reads (its kind, text or bytes), in one shape. */
function readPayload(r: ByteReader): unknown {
  const count = readObjectCount(r);
  if (count === undefined) return readValue(r, 1);
  const payload: Record<string, unknown> = {
    kind: undefined,
    text: undefined,
    bytes: undefined,
    byteLength: undefined,
  };
  for (let i = 0; i < count; i++) {
    const key = readKey(r);
    if (PAYLOAD_FIELDS.has(key)) payload[key] = readValue(r, 2);
    else skipValue(r, 2);
  }
  return payload;
}

/** The meta's `sio` field alone. */
function sioOnly(r: ByteReader): unknown {
  const count = readObjectCount(r);
  if (count === undefined) return readValue(r, 1);
  for (let i = 0; i < count; i++) {
    if (readKey(r) === 'sio') return { sio: readValue(r, 2) };
    skipValue(r, 2);
  }
  return {};
}
