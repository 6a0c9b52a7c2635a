/**
 * Batches the many small pieces of an export into chunks of about 64 KiB before handing them to the sink, so a
 * million events cost a few thousand awaited writes, not a million; counts what was written.
 */
import type { ExportSink } from './exportSink';

/** Pieces are collected until they add up to this many characters. */
const CHUNK_CHARS = 64 * 1024;

export class ChunkWriter {
  private pieces: string[] = [];
  private pending = 0;
  /** Characters handed to the sink so far. */
  written = 0;

  constructor(private readonly sink: ExportSink) {}

  /** Adds a piece; awaits the sink only when a chunk is full. */
  async add(piece: string): Promise<void> {
    this.pieces.push(piece);
    this.pending += piece.length;
    if (this.pending >= CHUNK_CHARS) await this.flush();
  }

  /** Hands everything collected to the sink. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const chunk = this.pieces.join('');
    this.pieces = [];
    this.pending = 0;
    await this.sink.write(chunk);
    this.written += chunk.length;
  }
}
