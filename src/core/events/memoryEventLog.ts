import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { EventLog, EventLogStats } from './eventLog';
import { storedEvent, type LogEvent, type NewLogEvent, type Payload } from './logEvent';

/**
 * How much of a session the in-memory log keeps (issue #7): a flood of a million messages held ~675 MB
 * for the life of the session, and 2,000 messages of 1 MiB killed the extension host. Past either limit
 * the oldest events are let go, counted in `dropped`, and the panel says how many. (The log at scale —
 * a budget with spill to disk — replaces this; the limits become its memory budget.)
 */
export interface EventLogLimits {
  /** Most events held. */
  maxEvents: number;
  /** Most payload bytes held (the stored, possibly truncated, payloads). */
  maxPayloadBytes: number;
}

export const DEFAULT_LOG_LIMITS: EventLogLimits = { maxEvents: 100_000, maxPayloadBytes: 128 * 1024 * 1024 };

/** Estimated memory of one event object besides its payload bytes (a small message measured ~740 B in all). */
const EVENT_OBJECT_BYTES = 640;

/** Dropped events are removed from the array in batches of at least this many (no O(n) shift per event). */
const COMPACT_EVERY = 1024;

/**
 * EventLog kept in an array within limits. The newest events are always kept; `seq` stays stable, so
 * seq n lives at index n - firstSeq + head, and `get` and `page` stay O(1) + O(limit).
 */
export class MemoryEventLog implements EventLog {
  private events: LogEvent[] = [];
  /** Index in `events` of the oldest event still held (the ones before it wait for compaction). */
  private head = 0;
  private nextSeq = 1;
  private payloadBytes = 0;
  private droppedCount = 0;
  private readonly appended = new Emitter<LogEvent>();

  constructor(private readonly limits: EventLogLimits = DEFAULT_LOG_LIMITS) {}

  get count(): number {
    return this.nextSeq - 1;
  }

  /** Events let go to stay within the limits (the oldest ones: seq 1 … dropped). */
  get dropped(): number {
    return this.droppedCount;
  }

  append(event: NewLogEvent): LogEvent {
    const stored = storedEvent(event, this.nextSeq++);
    this.events.push(stored);
    this.payloadBytes += storedBytes(stored.payload);
    this.enforceLimits();
    this.appended.fire(stored);
    return stored;
  }

  get(seq: number): LogEvent | undefined {
    if (!Number.isInteger(seq) || seq <= this.droppedCount || seq >= this.nextSeq) return undefined;
    return this.events[this.head + seq - this.droppedCount - 1];
  }

  page(fromSeq: number, limit: number): LogEvent[] {
    const first = Math.max(this.droppedCount + 1, Math.ceil(fromSeq));
    const start = this.head + first - this.droppedCount - 1;
    const size = Math.max(0, Math.floor(limit));
    return this.events.slice(start, start + size);
  }

  /** Counts for the header; memoryBytes is an estimate (payload bytes plus a typical object's size). */
  stats(): EventLogStats {
    const held = this.events.length - this.head;
    return {
      events: this.count,
      inMemory: held,
      onDisk: 0,
      dropped: this.droppedCount,
      memoryBytes: this.payloadBytes + held * EVENT_OBJECT_BYTES,
      diskBytes: 0,
    };
  }

  onAppend(listener: (event: LogEvent) => void): Disposable {
    return this.appended.on(listener);
  }

  dispose(): void {
    this.appended.dispose();
  }

  /** Lets the oldest events go while either limit is exceeded; the newest event always stays. */
  private enforceLimits(): void {
    const max = Math.max(1, this.limits.maxEvents);
    while (
      this.events.length - this.head > 1 &&
      (this.events.length - this.head > max || this.payloadBytes > this.limits.maxPayloadBytes)
    ) {
      const oldest = this.events[this.head];
      this.payloadBytes -= storedBytes(oldest.payload);
      this.head++;
      this.droppedCount++;
    }
    if (this.head >= COMPACT_EVERY && this.head * 2 >= this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }
}

function storedBytes(payload: Payload | undefined): number {
  if (!payload) return 0;
  return payload.kind === 'binary' ? payload.bytes.byteLength : (payload.truncated?.keptBytes ?? payload.byteLength);
}
