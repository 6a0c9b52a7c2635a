/**
 * A run of consecutive records (seq firstSeq … firstSeq + count - 1): the unit the store fills in memory,
 * writes to disk in one go, and lets go of. In memory it is a Buffer; once spilled, a range of a segment file.
 *
 * The index is sparse: the offset of every INDEX_STRIDE-th record, so the whole index costs a quarter of a
 * byte per event; a record between two index points is found by skipping the length prefixes before it.
 */
import { skipRecord } from './recordCodec';

/** One offset kept per this many records. */
export const INDEX_STRIDE = 16;
/** What a block costs in memory besides its buffer and index entries (object, typed array headers). */
export const BLOCK_OVERHEAD_BYTES = 160;

/** Where a spilled block lives. */
export interface DiskLocation {
  readonly fileId: number;
  readonly offset: number;
}

/** The bytes holding records [index, index + n) of a block: read from `start`, skip `skip` records first. */
export interface RecordRange {
  start: number;
  end: number;
  skip: number;
}

export class RecordBlock {
  count = 0;
  used = 0;
  /** The records, while in memory; undefined once on disk. */
  buffer: Buffer | undefined;
  disk: DiskLocation | undefined;
  private index: number[] | Uint32Array = [];

  constructor(
    readonly firstSeq: number,
    capacity: number,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(capacity);
  }

  get capacity(): number {
    return this.buffer?.length ?? 0;
  }

  get sealed(): boolean {
    return this.index instanceof Uint32Array;
  }

  /** Index and bookkeeping bytes (the buffer not included). */
  get indexBytes(): number {
    return BLOCK_OVERHEAD_BYTES + this.index.length * 4;
  }

  get lastSeq(): number {
    return this.firstSeq + this.count - 1;
  }

  /** Copies a framed record in; false (nothing written) when it does not fit. */
  tryAppend(record: Uint8Array): boolean {
    const buffer = this.buffer;
    if (!buffer || this.sealed || record.length > buffer.length - this.used) return false;
    if (this.count % INDEX_STRIDE === 0) (this.index as number[]).push(this.used);
    buffer.set(record, this.used);
    this.used += record.length;
    this.count++;
    return true;
  }

  /** No more appends: the index becomes a typed array, and a buffer mostly empty is trimmed to its records. */
  seal(): void {
    if (this.sealed) return;
    this.index = Uint32Array.from(this.index);
    const buffer = this.buffer;
    if (buffer && this.used < buffer.length * 0.75) {
      const trimmed = Buffer.allocUnsafeSlow(this.used);
      buffer.copy(trimmed, 0, 0, this.used);
      this.buffer = trimmed;
    }
  }

  /** The block is on disk now: its buffer is let go. */
  moveToDisk(location: DiskLocation): void {
    this.disk = location;
    this.buffer = undefined;
  }

  /** The byte range of records [first, first + n), both within the block. */
  range(first: number, n: number): RecordRange {
    const point = Math.floor(first / INDEX_STRIDE);
    const endPoint = Math.ceil((first + n) / INDEX_STRIDE);
    const end = endPoint < this.index.length ? this.index[endPoint] : this.used;
    return { start: this.index[point], end, skip: first - point * INDEX_STRIDE };
  }
}

/** Offset of the record `skip` records after the one at `offset`. */
export function skipRecords(bytes: Buffer, offset: number, skip: number, end: number): number {
  let at = offset;
  for (let i = 0; i < skip; i++) at = skipRecord(bytes, at, end);
  return at;
}
