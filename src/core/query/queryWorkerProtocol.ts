/**
 * The messages between the host and the query worker (issue #9). Plain data: a CompiledQuery crosses as is,
 * since a RegExp survives the structured clone (source and flags; `lastIndex` is reset by matchesQuery).
 */
import type { CompiledQuery, SearchRecord } from './eventQuery';

/** Host → worker: which of these records match? */
export interface WorkerBatch {
  id: number;
  compiled: CompiledQuery;
  records: SearchRecord[];
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
