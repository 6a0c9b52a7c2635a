/**
 * The messages between the host and the query worker (issue #9). Plain data: a CompiledQuery crosses as is,
 * since a RegExp survives the structured clone (source and flags; `lastIndex` is reset by matchesQuery).
 */
import type { CompiledQuery, SearchRecord } from './eventQuery';

/** Host → worker: which of these records match? */
export interface WorkerBatch {
  id: number;
  compiled: CompiledQuery;
  records: PackedRecords;
}

/**
 * SearchRecords as a few columns (issue #9): the structured clone copies one string and a few typed arrays
 * instead of walking a thousand objects, which cost more than the matching itself.
 */
export interface PackedRecords {
  seqs: Float64Array;
  times: Float64Array;
  /**
   * Every record's text, one after the other, as UTF-16LE (any string round-trips; the structured clone of a
   * long string cost several times more than of its bytes). Record i's ends at code unit textEnds[i].
   */
  text: Uint8Array;
  textEnds: Uint32Array;
  /** Distinct strings of the fields below. */
  labels: string[];
  /** LABEL_FIELDS per record: index into labels, -1 for a field not set. */
  labelIds: Int32Array;
}

const LABEL_FIELDS = ['direction', 'layer', 'type', 'sioEvent', 'namespace'] as const;

export function packRecords(records: readonly SearchRecord[]): PackedRecords {
  const n = records.length;
  const packed: PackedRecords = {
    seqs: new Float64Array(n),
    times: new Float64Array(n),
    text: Buffer.from(records.map((record) => record.text).join(''), 'utf16le'),
    textEnds: new Uint32Array(n),
    labels: [],
    labelIds: new Int32Array(n * LABEL_FIELDS.length),
  };
  const ids = new Map<string, number>();
  let end = 0;
  for (let i = 0; i < n; i++) {
    const record = records[i];
    packed.seqs[i] = record.seq;
    packed.times[i] = record.time;
    packed.textEnds[i] = end += record.text.length;
    for (let f = 0; f < LABEL_FIELDS.length; f++) {
      const value = record[LABEL_FIELDS[f]];
      let id = value === undefined ? -1 : ids.get(value);
      if (id === undefined) ids.set(value as string, (id = packed.labels.push(value as string) - 1));
      packed.labelIds[i * LABEL_FIELDS.length + f] = id;
    }
  }
  return packed;
}

/** The records of `packed`, as they were packed (fields not set stay absent). */
export function unpackRecords(packed: PackedRecords): SearchRecord[] {
  const bytes = packed.text;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
  const records: SearchRecord[] = [];
  for (let i = 0; i < packed.seqs.length; i++) {
    const at = i * LABEL_FIELDS.length;
    const record: SearchRecord = {
      seq: packed.seqs[i],
      time: packed.times[i],
      direction: labelOf(packed, at) as SearchRecord['direction'],
      layer: labelOf(packed, at + 1) as SearchRecord['layer'],
      type: labelOf(packed, at + 2) as string,
      text: text.slice(i === 0 ? 0 : packed.textEnds[i - 1], packed.textEnds[i]),
    };
    const sioEvent = labelOf(packed, at + 3);
    if (sioEvent !== undefined) record.sioEvent = sioEvent;
    const namespace = labelOf(packed, at + 4);
    if (namespace !== undefined) record.namespace = namespace;
    records.push(record);
  }
  return records;
}

function labelOf(packed: PackedRecords, index: number): string | undefined {
  const id = packed.labelIds[index];
  return id < 0 ? undefined : packed.labels[id];
}

/** Worker → host. */
export type WorkerReply =
  /** Sent once, when the worker has loaded: the time budget of a batch starts only after it. */
  | { type: 'ready' }
  /** The seqs of the matching records, in the order they were sent. */
  | { type: 'matches'; id: number; seqs: number[] }
  /** The batch could not be evaluated (an exception in the worker, not a slow pattern). */
  | { type: 'failed'; id: number; message: string };

/** What the host hands the worker at start: where it writes how far it got. */
export interface WorkerStartData {
  /** A BigInt64Array of PROGRESS_SLOTS elements, read by the host when a batch runs past its budget. */
  progress: SharedArrayBuffer;
}

/** Progress slot: the seq of the record being matched (the event a too-slow message names). */
export const PROGRESS_SEQ = 0;
/**
 * Progress slot: the id of the last batch answered. A host thread that was busy past the budget sees its
 * watchdog fire before the answer that is already queued; this slot tells the two apart.
 */
export const PROGRESS_DONE = 1;
export const PROGRESS_SLOTS = 2;
