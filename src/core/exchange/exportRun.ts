/**
 * The frame every export shares (HAR, JSON Lines): the redactor and the chunked writer, the range of seqs fixed
 * when the export starts, its pages read with cancellation, progress, and an outcome instead of a throw.
 */
import type { LogEvent } from '../events/logEvent';
import type { Redactor } from '../redaction/secretRedactor';
import { ChunkWriter } from './chunkWriter';
import { exportCancelled } from './exchangeErrors';
import {
  exportRedactor,
  failedExport,
  type ExportOptions,
  type ExportOutcome,
  type ExportSource,
} from './exportOptions';
import type { ExportSink } from './exportSink';
import { logPages } from './logPages';

/** One export under way: what it writes with and the part of the log it covers. */
export class ExportRun {
  readonly redactor: Redactor;
  readonly out: ChunkWriter;
  /** First seq of the export: the first the log held when it started. */
  readonly first: number;
  /** Last seq of the export: the log's last when it started (a live session goes on appending). */
  readonly to: number;
  /** Events the log held when the export started. */
  readonly total: number;

  constructor(
    readonly source: ExportSource,
    sink: ExportSink,
    private readonly options: ExportOptions,
  ) {
    this.redactor = exportRedactor(source, options);
    this.out = new ChunkWriter(sink);
    this.to = source.log.count;
    this.first = source.log.dropped + 1;
    this.total = Math.max(0, this.to - source.log.dropped);
  }

  /** Whether credentials are masked (the default). */
  get sanitized(): boolean {
    return this.options.sanitize !== false;
  }

  /** The events of the export, a page at a time; the signal makes the next page throw `RI_EXPORT_CANCELLED`. */
  pages(): AsyncGenerator<LogEvent[]> {
    const { pageSize, signal } = this.options;
    return logPages(this.source.log, { from: 1, to: this.to, pageSize, signal, cancelled: exportCancelled });
  }

  /** Tells the caller that `events` of the total have been read. */
  report(events: number): void {
    this.options.onProgress?.({ events, total: this.total, written: this.out.written });
  }

  /**
   * Runs `write` (the format's part, resolving with the events it exported), flushes, reports the end. Resolves
   * with the outcome: a cancellation or a failed write is an outcome, not a rejection.
   */
  async complete(write: () => Promise<number>): Promise<ExportOutcome> {
    let events: number;
    try {
      events = await write();
      await this.out.flush();
    } catch (error) {
      return failedExport(error);
    }
    this.report(events);
    return { ok: true, events, written: this.out.written };
  }
}
