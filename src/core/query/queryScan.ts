/**
 * The scan behind a query (issue #9): reads the log in slices, keeps on the host's thread what the fields and
 * the plain text rule out (bounded work, then a turn of the event loop), and hands what is left to the
 * regular-expression evaluator (the worker) one slice at a time.
 */
import { systemClock, yieldToLoop } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { LogEvent } from '../events/logEvent';
import { matchesQuery, searchNeedsMeta, searchRecordOf, type CompiledQuery, type SearchRecord } from './eventQuery';
import { packRecords, type PackedRecords } from './queryWorkerProtocol';
import type { BatchOutcome } from './regexWorkerClient';
import { canScanStored, readStoredSlice, storedScanFits } from './storedSlice';

/** Events read from the log per slice; the host's thread yields between slices. */
export const QUERY_SLICE_EVENTS = 1000;
/** Text searched per slice (one worker batch at most): a slice of 64 KiB payloads stops at 16 events. */
export const QUERY_SLICE_CHARS = 1024 * 1024;

/** Where a scan starts, which way it goes, how many matches it wants. */
export interface ScanRequest {
  fromSeq: number;
  direction: 'forward' | 'backward';
  limit: number;
}

/** Matches the regular expression over records that passed every other condition (packed for the worker). */
export type RegexEvaluator = (compiled: CompiledQuery, records: PackedRecords) => Promise<BatchOutcome>;

/** What a scan found. */
export type ScanResult =
  | {
      ok: true;
      seqs: number[];
      /** The next seq to examine in the scan's direction (defined even past either end). */
      resumeSeq: number;
      /** Whether resumeSeq is still within the log: the last seq when the scan began, or the oldest held. */
      more: boolean;
    }
  | { ok: false; outcome: Exclude<BatchOutcome, { ok: true }> };

/** One slice: the records that passed the fields and the text, and the last seq examined. */
interface Slice {
  /** The records left for the regular expression, as records or already packed for the worker. */
  candidates: SearchRecord[] | PackedRecords;
  lastSeq: number;
}

/** Scans `log` for `compiled`; the end of a forward scan is the last seq when it began. Never throws. */
export async function scanLog(
  log: EventLog,
  compiled: CompiledQuery,
  request: ScanRequest,
  evaluate: RegexEvaluator,
): Promise<ScanResult> {
  const forward = request.direction === 'forward';
  const end = log.count;
  const inRange = (seq: number): boolean => (forward ? seq <= end : seq > log.dropped);
  const step = forward ? 1 : -1;
  // The fields and the text run here; only the regular expression needs the worker.
  const onThread: CompiledQuery = { query: compiled.query, textLower: compiled.textLower };
  const seqs: number[] = [];
  let seq = forward ? Math.max(log.dropped + 1, request.fromSeq) : Math.min(end, request.fromSeq);
  const stored = forward && canScanStored(log) && storedScanFits(compiled) ? log : undefined;
  const read = (from: number): Slice | undefined => {
    const count = Math.min(QUERY_SLICE_EVENTS, end - from + 1);
    // Read from stored bytes, a slice costs a quarter as much: four times the events per turn of the loop.
    const storedCount = Math.min(QUERY_SLICE_EVENTS * 4, end - from + 1);
    if (stored) return toSlice(readStoredSlice(stored, from, storedCount, onThread, QUERY_SLICE_CHARS));
    if (forward) return readSlice(pageForSearch(log, from, count), from, onThread);
    return readSlice(pageBefore(log, from).reverse(), from, onThread);
  };
  let slice = seqs.length < request.limit && inRange(seq) ? read(seq) : undefined;
  while (slice) {
    const { candidates } = slice;
    const matching = compiled.pattern
      ? evaluate(compiled, Array.isArray(candidates) ? packRecords(candidates) : candidates)
      : Promise.resolve({ ok: true as const, seqs: Array.from(candidates as SearchRecord[], (record) => record.seq) });
    seq = slice.lastSeq + step;
    // A turn of the event loop between slices, in which the batch reaches the worker; the next slice is read while
    // the worker matches this one (and dropped if this one reaches the limit).
    await yieldToLoop(systemClock);
    const next = compiled.pattern && inRange(seq) ? read(seq) : undefined;
    const outcome = await matching;
    if (!outcome.ok) return { ok: false, outcome };
    for (const match of outcome.seqs) {
      seqs.push(match);
      if (seqs.length < request.limit) continue;
      seq = match + step;
      break;
    }
    if (seqs.length >= request.limit || !inRange(seq)) break;
    slice = next ?? read(seq);
  }
  return { ok: true, seqs, resumeSeq: seq, more: inRange(seq) };
}

/**
 * The records of `events` (in scan order) that pass `onThread`, stopping early past QUERY_SLICE_CHARS of text;
 * undefined when there are no events (none held there any more).
 */
function readSlice(events: LogEvent[], seq: number, onThread: CompiledQuery): Slice | undefined {
  if (events.length === 0) return undefined;
  const candidates: SearchRecord[] = [];
  let chars = 0;
  let lastSeq = seq;
  for (let i = 0; i < events.length && chars < QUERY_SLICE_CHARS; i++) {
    const record = searchRecordOf(events[i]);
    chars += record.text.length;
    lastSeq = record.seq;
    if (matchesQuery(record, onThread)) candidates.push(record);
  }
  return { candidates, lastSeq };
}

function toSlice(read: { batch: PackedRecords; lastSeq: number } | undefined): Slice | undefined {
  return read && { candidates: read.batch, lastSeq: read.lastSeq };
}

/** Up to QUERY_SLICE_EVENTS held events with seq ≤ `seq`, in seq order. */
function pageBefore(log: EventLog, seq: number): LogEvent[] {
  const from = Math.max(log.dropped + 1, seq - QUERY_SLICE_EVENTS + 1);
  if (from > seq) return [];
  return pageForSearch(log, from, seq - from + 1).filter((event) => event.seq <= seq);
}

/** The log's page for a search: what searchRecordOf reads of each event, from the records' bytes when it can. */
function pageForSearch(log: EventLog, fromSeq: number, limit: number): LogEvent[] {
  return log.pageForSearch ? log.pageForSearch(fromSeq, limit, searchNeedsMeta) : log.page(fromSeq, limit);
}
