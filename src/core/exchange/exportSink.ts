/**
 * Where an export goes: an async writer with backpressure (each `write` resolves when the chunk is taken), so
 * a 2 GB session streams through a bounded buffer. Two sinks: one that collects a string (tests, the
 * clipboard) and one over an fs.promises FileHandle that writes beside the target (`<name>.partial`) and renames
 * the file into place only on `commit()` — a cancelled or failed export never leaves a file that looks complete.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFailed } from './exchangeErrors';

/** An async writer with backpressure: the exporter awaits each write before producing more. */
export interface ExportSink {
  write(chunk: string): Promise<void>;
}

/** A sink that keeps what it is given, for tests and small exports. */
export class StringSink implements ExportSink {
  private readonly chunks: string[] = [];
  /** Writes received (an exporter batches small pieces: a 1-event export is a handful of writes). */
  writes = 0;

  write(chunk: string): Promise<void> {
    this.chunks.push(chunk);
    this.writes++;
    return Promise.resolve();
  }

  /** Everything written so far. */
  text(): string {
    return this.chunks.join('');
  }
}

/** A file being exported: written to `<target>.partial`, moved into place by `commit()`, removed by `abort()`. */
export class FileSink implements ExportSink {
  private done = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly target: string,
    readonly partialPath: string,
  ) {}

  /** Opens `<target>.partial` for writing (replacing a leftover one); rejects with `RI_EXPORT_WRITE_FAILED`. */
  static async open(target: string): Promise<FileSink> {
    const partialPath = partialPathOf(target);
    try {
      return new FileSink(await fs.open(partialPath, 'w'), target, partialPath);
    } catch (error) {
      throw writeFailed(error);
    }
  }

  async write(chunk: string): Promise<void> {
    if (this.done) throw writeFailed(new Error('the file was already closed'));
    try {
      await this.handle.write(chunk, null, 'utf8');
    } catch (error) {
      throw writeFailed(error);
    }
  }

  /** Flushes, closes and renames the file into place (replacing the target). */
  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.handle.sync();
      await this.handle.close();
      await fs.rename(this.partialPath, this.target);
    } catch (error) {
      await removePartialExport(this.target);
      throw writeFailed(error);
    }
  }

  /** Closes and removes the partial file; the target is left as it was. Never throws. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await removePartialExport(this.target);
  }
}

/** The partial file an export to `target` writes first. */
export function partialPathOf(target: string): string {
  return path.join(path.dirname(target), `${path.basename(target)}.partial`);
}

/** Removes what an interrupted export to `target` left (its `.partial` file). Never throws. */
export async function removePartialExport(target: string): Promise<void> {
  await fs.rm(partialPathOf(target), { force: true }).catch(() => undefined);
}

/**
 * Runs an export into a file: the file appears at `target` only when `run` succeeded; on failure or cancellation
 * the partial file is removed and the outcome handed back as it was. Rejects (with `RI_EXPORT_WRITE_FAILED`) only
 * when the file cannot be opened or moved into place.
 */
export async function exportToFile<T extends { ok: boolean }>(
  target: string,
  run: (sink: ExportSink) => Promise<T>,
): Promise<T> {
  const sink = await FileSink.open(target);
  let outcome: T;
  try {
    outcome = await run(sink);
  } catch (error) {
    await sink.abort();
    throw error;
  }
  if (outcome.ok) await sink.commit();
  else await sink.abort();
  return outcome;
}
