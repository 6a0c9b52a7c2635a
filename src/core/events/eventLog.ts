/**
 * The per-session event log: append-only, `seq` from 1 without gaps, read by page.
 * An interface so the scalable log (byte budget, spill to disk, filters) can replace the
 * in-memory one without touching engines or the panel.
 */
import type { Disposable } from '../disposable';
import type { LogEvent, NewLogEvent } from './logEvent';

export interface EventLog {
  /** Number of events appended so far (= the last seq). */
  readonly count: number;
  /** Oldest events no longer held (seq 1 … dropped), let go to stay within the log's limits. */
  readonly dropped: number;
  /** Stores the event, assigns its seq, notifies listeners, and returns it. */
  append(event: NewLogEvent): LogEvent;
  /** The event with this seq, if still held. */
  get(seq: number): LogEvent | undefined;
  /** Up to `limit` events with seq ≥ fromSeq, in seq order. */
  page(fromSeq: number, limit: number): LogEvent[];
  /**
   * A page for a query (optional, issue #9): the same events, but a meta that `needsFullMeta` does not ask for
   * holds only its `sio` field. A log without it is searched by `page`.
   */
  pageForSearch?(fromSeq: number, limit: number, needsFullMeta: (event: LogEvent) => boolean): LogEvent[];
  /** What the log holds and where, for the session header (optional: a wrapper may not know). */
  stats?(): EventLogStats;
  /** Called synchronously after each append. */
  onAppend(listener: (event: LogEvent) => void): Disposable;
  dispose(): void;
}

/** Counts and costs of a log, for the session header (issue #9). */
export interface EventLogStats {
  /** Events appended (= count, the last seq). */
  events: number;
  /** Events held in memory. */
  inMemory: number;
  /** Events held in segment files on disk. */
  onDisk: number;
  /** Events let go (seq 1 … dropped): events = inMemory + onDisk + dropped. */
  dropped: number;
  /** Memory the held events take (records and index; for MemoryEventLog an estimate). */
  memoryBytes: number;
  /** Bytes in the log's files. */
  diskBytes: number;
  /** Error code (`ENOSPC`, `EACCES`, …) of the last disk write or read that failed and cost events. */
  diskError?: string;
}
