/**
 * Where a log's records live and what they cost (issue #9): a list of blocks in seq order, the oldest on disk,
 * the newest in memory, the last one open for appends. It keeps memory within a budget by spilling the oldest
 * in-memory block to disk, and disk within a budget by letting go of the oldest segment file.
 *
 * What it holds is always one run of seqs, `firstSeq` … the last appended: whatever is let go is the oldest
 * (a segment file, or everything up to a block that could not be written or read back), counted in
 * `droppedEvents`, so `dropped` keeps meaning "seq 1 … dropped are gone" as in MemoryEventLog.
 */
import { RecordBlock, type RecordRange } from './recordBlock';
import type { SegmentFiles } from './segmentFiles';

export interface StoreLimits {
  memoryBudgetBytes: number;
  diskBudgetBytes: number;
  /** Size of a block: the unit of memory, of a disk write, and of a drop after a failure. */
  blockBytes: number;
}

/** Records [first, first + n) of a block as bytes: decode from `start` after skipping `skip` records. */
export interface BlockBytes extends RecordRange {
  bytes: Buffer;
}

export class BlockStore {
  /** Events let go: seq 1 … droppedEvents. */
  droppedEvents = 0;
  diskEvents = 0;
  /** The error code of the last failed write or read, for the header. */
  lastDiskError: string | undefined;
  private readonly blocks: RecordBlock[] = [];
  /** blocks[0 … onDisk) are on disk, the rest in memory. */
  private onDisk = 0;
  private open: RecordBlock | undefined;
  private bufferBytes = 0;
  private sealedIndexBytes = 0;
  private diskEnabled: boolean;

  constructor(
    private readonly limits: StoreLimits,
    private readonly files: SegmentFiles | undefined,
  ) {
    this.diskEnabled = files !== undefined;
  }

  get memoryBytes(): number {
    return this.bufferBytes + this.sealedIndexBytes + (this.open?.indexBytes ?? 0);
  }

  get diskBytes(): number {
    return this.files?.diskBytes ?? 0;
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  block(index: number): RecordBlock {
    return this.blocks[index];
  }

  /** Stores the framed record of `seq` (the next seq). */
  add(seq: number, record: Uint8Array): void {
    if (this.open?.tryAppend(record)) return;
    this.sealOpen();
    const capacity = Math.max(this.limits.blockBytes, record.length);
    this.makeRoom(capacity);
    const block = new RecordBlock(seq, capacity);
    this.bufferBytes += block.capacity;
    this.blocks.push(block);
    this.open = block;
    block.tryAppend(record);
  }

  /** Index of the block holding `seq`, which must be held. */
  indexOf(seq: number): number {
    let low = 0;
    let high = this.blocks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.blocks[mid].firstSeq <= seq) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The bytes of records [first, first + n) of `block`: its buffer, or one read from its segment file. */
  bytesOf(block: RecordBlock, first: number, n: number): BlockBytes {
    const range = block.range(first, n);
    if (block.buffer) return { bytes: block.buffer, ...range };
    if (!block.disk || !this.files) throw new Error('block neither in memory nor on disk');
    const length = range.end - range.start;
    const bytes = this.files.read({ fileId: block.disk.fileId, offset: block.disk.offset + range.start }, length);
    return { bytes, start: 0, end: length, skip: range.skip };
  }

  /** A block could not be read back: it and everything older are let go. */
  failRead(block: RecordBlock, error: unknown): void {
    this.lastDiskError = codeOf(error);
    this.dropThrough(block);
  }

  /** Deletes the files (their events are let go) and keeps to memory from now on. Never throws. */
  dispose(): void {
    this.diskEnabled = false;
    this.dropLeading(this.onDisk);
    this.files?.removeAll();
  }

  private sealOpen(): void {
    const block = this.open;
    if (!block) return;
    this.open = undefined;
    const before = block.capacity;
    block.seal();
    this.bufferBytes += block.capacity - before;
    this.sealedIndexBytes += block.indexBytes;
  }

  /** Spills the oldest in-memory blocks until `needed` more bytes fit in the budget (or none is left). */
  private makeRoom(needed: number): void {
    while (this.memoryBytes + needed > this.limits.memoryBudgetBytes && this.onDisk < this.blocks.length) {
      this.spill(this.blocks[this.onDisk]);
    }
  }

  private spill(block: RecordBlock): void {
    const files = this.files;
    if (!files || !this.diskEnabled || !block.buffer) return this.dropThrough(block);
    while (files.fileCount > 0 && files.diskBytes + block.used > this.limits.diskBudgetBytes) this.dropOldestFile();
    if (block.used > this.limits.diskBudgetBytes) return this.dropThrough(block);
    try {
      const location = files.write(block.buffer, block.used);
      this.bufferBytes -= block.capacity;
      block.moveToDisk(location);
      this.onDisk++;
      this.diskEvents += block.count;
    } catch (error) {
      this.lastDiskError = codeOf(error);
      this.dropThrough(block);
    }
  }

  /** Lets go of the oldest segment file and the blocks in it (the leading ones). */
  private dropOldestFile(): void {
    const files = this.files;
    if (!files) return;
    const id = files.oldestId;
    let count = 0;
    while (count < this.onDisk && this.blocks[count].disk?.fileId === id) count++;
    this.dropLeading(count);
    files.removeOldest();
  }

  /** Lets go of `block` and every block before it, then of the files no block is in any more. */
  private dropThrough(block: RecordBlock): void {
    const index = this.blocks.indexOf(block);
    if (index < 0) return;
    this.dropLeading(index + 1);
    const files = this.files;
    if (!files) return;
    if (this.onDisk === 0) return files.removeAll();
    const firstFile = this.blocks[0].disk?.fileId ?? Infinity;
    while (files.oldestId !== undefined && files.oldestId < firstFile) files.removeOldest();
  }

  private dropLeading(count: number): void {
    for (const block of this.blocks.splice(0, count)) {
      this.droppedEvents += block.count;
      if (block.disk) {
        this.onDisk--;
        this.diskEvents -= block.count;
      } else {
        this.bufferBytes -= block.capacity;
      }
      if (block === this.open) this.open = undefined;
      else this.sealedIndexBytes -= block.indexBytes;
    }
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}
