/**
 * The log at scale (issue #9): every event of a session, within a memory budget, the oldest spilled to disk.
 *
 * Events are kept as binary records (recordCodec.ts) in blocks (recordBlock.ts): about 140 bytes for a small
 * message instead of ~740 for an object, decoded only when a page or an event is asked for. Past the memory
 * budget the oldest block is written to a segment file in one write (segmentFiles.ts) and read back by
 * offset; past the disk budget, or when the disk fails, the oldest events are let go and counted
 * (blockStore.ts). Reads stay synchronous: a page is one `readSync` per block it touches.
 */
import type { Disposable } from '../../disposable';
import { Emitter } from '../../emitter';
import type { EventLog, EventLogStats } from '../eventLog';
import { storedEvent, type LogEvent, type NewLogEvent } from '../logEvent';
import { BlockStore } from './blockStore';
import { ByteReader, ByteWriter, RecordCodecError } from './byteCursor';
import { skipRecords, type RecordBlock } from './recordBlock';
import { decodeRecord } from './recordCodec';
import { encodeStoredEvent } from './recordWriter';
import { emptySearchFields, readSearchFields, type SearchScanVisitor } from './searchFields';
import { decodeSearchView, type NeedsFullMeta } from './searchView';
import { SegmentFiles, type SpillFs } from './segmentFiles';

const MiB = 1024 * 1024;
export const DEFAULT_MEMORY_BUDGET_BYTES = 256 * MiB;
export const DEFAULT_DISK_BUDGET_BYTES = 2048 * MiB;

export interface SpillingEventLogOptions {
  /**
   * Folder for the log's files (the extension's storage; a temp dir in tests). The log makes a folder of its
   * own inside it on the first spill and removes it on dispose. Without it nothing goes to disk: past the
   * memory budget the oldest events are let go.
   */
  dir?: string;
  /** Memory for records and their index (default 256 MiB). */
  memoryBudgetBytes?: number;
  /** Disk for the segment files (default 2 GiB); past it the oldest segment file is let go. */
  diskBudgetBytes?: number;
  /** Block size: the unit of memory and of one disk write (default budget / 8, from 4 KiB to 1 MiB). */
  blockBytes?: number;
  /** Segment file size: the unit let go past the disk budget (default disk budget / 8, at most 64 MiB). */
  segmentFileBytes?: number;
  /** File system calls (tests inject failures). */
  fs?: SpillFs;
}

type Decode = (bytes: Buffer, at: number, end: number) => { event: LogEvent; next: number };

export class SpillingEventLog implements EventLog {
  private nextSeq = 1;
  private readonly store: BlockStore;
  private readonly writer = new ByteWriter();
  private readonly appended = new Emitter<LogEvent>();

  constructor(options: SpillingEventLogOptions = {}) {
    const memoryBudgetBytes = options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
    const diskBudgetBytes = options.diskBudgetBytes ?? DEFAULT_DISK_BUDGET_BYTES;
    const blockBytes = options.blockBytes ?? clamp(memoryBudgetBytes / 8, 4096, MiB);
    const segmentFileBytes = options.segmentFileBytes ?? clamp(diskBudgetBytes / 8, blockBytes, 64 * MiB);
    const files = options.dir === undefined ? undefined : new SegmentFiles(options.dir, segmentFileBytes, options.fs);
    this.store = new BlockStore({ memoryBudgetBytes, diskBudgetBytes, blockBytes }, files);
  }

  get count(): number {
    return this.nextSeq - 1;
  }

  /** Events let go (seq 1 … dropped): past the disk budget, after a disk failure, or beyond memory without a dir. */
  get dropped(): number {
    return this.store.droppedEvents;
  }

  append(event: NewLogEvent): LogEvent {
    const stored = storedEvent(event, this.nextSeq++);
    this.store.add(stored.seq, encodeStoredEvent(this.writer, stored));
    this.appended.fire(stored);
    return stored;
  }

  /** A fresh copy of the event with this seq, decoded from its record, if still held. */
  get(seq: number): LogEvent | undefined {
    if (!Number.isInteger(seq)) return undefined;
    const [event] = this.tryPage(seq, 1) ?? [];
    return event?.seq === seq ? event : undefined;
  }

  page(fromSeq: number, limit: number): LogEvent[] {
    return this.readPage(fromSeq, limit, decodeRecord);
  }

  /** A page for a query: each event's meta is read only as far as `needsFullMeta` asks (searchView.ts). */
  pageForSearch(fromSeq: number, limit: number, needsFullMeta: NeedsFullMeta): LogEvent[] {
    return this.readPage(fromSeq, limit, (bytes, at, end) => decodeSearchView(bytes, at, end, needsFullMeta));
  }

  /**
   * Visits events [fromSeq, fromSeq + limit) for a search, text payloads as their stored bytes when the visitor
   * takes them (searchFields.ts); returns the last seq visited (fromSeq - 1 when none).
   */
  scanForSearch(fromSeq: number, limit: number, needsFullMeta: NeedsFullMeta, visitor: SearchScanVisitor): number {
    for (;;) {
      const last = this.tryScan(fromSeq, limit, needsFullMeta, visitor);
      if (last !== undefined) return last;
    }
  }

  /** What the log holds and where, for the session header. */
  stats(): EventLogStats {
    const { droppedEvents, diskEvents, memoryBytes, diskBytes, lastDiskError } = this.store;
    return {
      events: this.count,
      inMemory: this.count - droppedEvents - diskEvents,
      onDisk: diskEvents,
      dropped: droppedEvents,
      memoryBytes,
      diskBytes,
      ...(lastDiskError === undefined ? {} : { diskError: lastDiskError }),
    };
  }

  onAppend(listener: (event: LogEvent) => void): Disposable {
    return this.appended.on(listener);
  }

  /**
   * Removes listeners and deletes the log's files; their events are let go (counted in `dropped`). Events still
   * in memory stay readable, as with MemoryEventLog; later appends stay in memory, the oldest let go.
   */
  dispose(): void {
    this.appended.dispose();
    this.store.dispose();
  }

  private readPage(fromSeq: number, limit: number, decode: Decode): LogEvent[] {
    // A block that cannot be read back is let go with everything older (counted); the page starts again
    // without it. Each failure drops at least one block, so this ends.
    for (;;) {
      const events = this.tryPage(fromSeq, limit, decode);
      if (events) return events;
    }
  }

  /** Up to `limit` events from `fromSeq`; undefined when a block could not be read (and was let go). */
  private tryPage(fromSeq: number, limit: number, decode: Decode = decodeRecord): LogEvent[] | undefined {
    const size = Math.floor(limit);
    const first = Math.max(this.store.droppedEvents + 1, Math.ceil(fromSeq));
    if (!(size > 0) || !(first < this.nextSeq)) return [];
    const events: LogEvent[] = [];
    let seq = first;
    for (let i = this.store.indexOf(seq); events.length < size && i < this.store.blockCount; i++) {
      const block = this.store.block(i);
      const n = Math.min(size - events.length, block.count - (seq - block.firstSeq));
      if (!this.readInto(events, block, seq - block.firstSeq, n, decode)) return undefined;
      seq += n;
    }
    return events;
  }

  /** scanForSearch's one pass; undefined when a block could not be read (and was let go). */
  private tryScan(from: number, limit: number, needsFullMeta: NeedsFullMeta, visitor: SearchScanVisitor) {
    const first = Math.max(this.store.droppedEvents + 1, Math.ceil(from));
    const last = Math.min(this.nextSeq - 1, first + Math.floor(limit) - 1);
    const fields = emptySearchFields();
    const reader = new ByteReader(Buffer.alloc(0), 0, 0);
    visitor.restart();
    let seq = first;
    for (let i = this.store.indexOf(seq); seq <= last && !visitor.full && i < this.store.blockCount; i++) {
      const block = this.store.block(i);
      const n = Math.min(last - seq + 1, block.count - (seq - block.firstSeq));
      try {
        const { bytes, start, end, skip } = this.store.bytesOf(block, seq - block.firstSeq, n);
        let at = skipRecords(bytes, start, skip, end);
        for (let k = 0; k < n && !visitor.full; k++, seq++) {
          readSearchFields(bytes, at, end, seq, fields, reader, visitor.needsTime);
          if (!fields.hasText || !visitor.stored(fields, bytes)) {
            const { event } = decodeSearchView(bytes, at, end, needsFullMeta);
            if (event.seq !== seq) throw new RecordCodecError(`record of seq ${event.seq} at ${seq}`);
            visitor.view(event);
          }
          at = fields.next;
        }
      } catch (error) {
        this.store.failRead(block, error);
        return undefined;
      }
    }
    return seq - 1;
  }

  /** Decodes records [first, first + n) of `block` onto `events`; false when they cannot be read back. */
  private readInto(events: LogEvent[], block: RecordBlock, first: number, n: number, decode: Decode): boolean {
    try {
      const { bytes, start, end, skip } = this.store.bytesOf(block, first, n);
      let at = skipRecords(bytes, start, skip, end);
      const firstSeq = block.firstSeq + first;
      for (let k = 0; k < n; k++) {
        const { event, next } = decode(bytes, at, end);
        if (event.seq !== firstSeq + k) throw new RecordCodecError(`record of seq ${event.seq} at ${firstSeq + k}`);
        events.push(event);
        at = next;
      }
      return true;
    } catch (error) {
      this.store.failRead(block, error);
      return false;
    }
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, Math.floor(value)));
}
