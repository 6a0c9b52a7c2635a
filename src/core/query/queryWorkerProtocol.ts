/**
 * The messages between the host and the query worker (issue #9). Plain data: a CompiledQuery crosses as is,
 * since a RegExp survives the structured clone (source and flags; `lastIndex` is reset by matchesQuery).
 */
import { SEARCH_TEXT_MAX_CHARS, type CompiledQuery, type SearchRecord } from './eventQuery';
import { LABEL_FIELDS, SearchBatchBuilder, type PackedRecords } from './searchBatch';

/** Host → worker: which of these records match? */
export interface WorkerBatch {
  id: number;
  compiled: CompiledQuery;
  records: PackedRecords;
}

export { LABEL_FIELDS, type PackedRecords } from './searchBatch';

/** The records as columns (searchBatch.ts builds them one by one). */
export function packRecords(records: readonly SearchRecord[]): PackedRecords {
  const batch = new SearchBatchBuilder();
  for (const record of records) batch.addRecord(record);
  return batch.build();
}

/** The records of `packed`, as they were packed (fields not set stay absent; texts cut at SEARCH_TEXT_MAX_CHARS). */
export function unpackRecords(packed: PackedRecords): SearchRecord[] {
  const bytes = packed.text;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: SearchRecord[] = [];
  for (let i = 0; i < packed.seqs.length; i++) {
    const at = i * LABEL_FIELDS.length;
    const encoding = packed.textUtf16[i] === 1 ? 'utf16le' : 'utf8';
    const text = buffer.toString(encoding, packed.textStarts[i], packed.textEnds[i]);
    const record: SearchRecord = {
      seq: packed.seqs[i],
      time: packed.times[i],
      direction: labelOf(packed, at) as SearchRecord['direction'],
      layer: labelOf(packed, at + 1) as SearchRecord['layer'],
      type: labelOf(packed, at + 2) as string,
      text: text.length > SEARCH_TEXT_MAX_CHARS ? text.slice(0, SEARCH_TEXT_MAX_CHARS) : text,
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
  /** An Int32Array of PROGRESS_SLOTS elements, read by the host when a batch runs past its budget. */
  progress: SharedArrayBuffer;
}

/**
 * Progress slot: the index in its batch of the record being matched (the event a too-slow message names; the
 * host has the batch's seqs). An index, not the seq: a 32-bit store per record, where a BigInt seq allocated.
 */
export const PROGRESS_INDEX = 0;
/**
 * Progress slot: the id of the last batch answered. A host thread that was busy past the budget sees its
 * watchdog fire before the answer that is already queued; this slot tells the two apart.
 */
export const PROGRESS_DONE = 1;
export const PROGRESS_SLOTS = 2;
