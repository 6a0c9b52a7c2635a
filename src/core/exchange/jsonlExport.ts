/**
 * Exports a session as JSON Lines (jsonlFormat.ts), streamed page by page from its log: the header, every event
 * of the log as it stood when the export started (redacted unless unsanitized), then the end line. Cancellable;
 * progress after each page.
 */
import { NO_REDACTION, type Redactor } from '../redaction/secretRedactor';
import type { SessionInfo } from '../session/session';
import { ChunkWriter } from './chunkWriter';
import { redactEvent, redactRecord } from './eventRedaction';
import { exportCancelled } from './exchangeErrors';
import {
  exportRedactor,
  failedExport,
  type ExportOptions,
  type ExportOutcome,
  type ExportSource,
} from './exportOptions';
import type { ExportSink } from './exportSink';
import { eventLine, JSONL_FORMAT, JSONL_VERSION, trailerLine, type JsonlHeader } from './jsonlFormat';
import { logPages } from './logPages';

/** Writes `source` to `sink` as JSON Lines. Resolves with the outcome; never rejects. */
export async function exportJsonl(
  source: ExportSource,
  sink: ExportSink,
  options: ExportOptions = {},
): Promise<ExportOutcome> {
  const redactor = exportRedactor(source, options);
  const out = new ChunkWriter(sink);
  const { log } = source;
  const last = log.count;
  const total = Math.max(0, last - log.dropped);
  let events = 0;
  try {
    await out.add(`${JSON.stringify(header(source.info, redactor, options.sanitize !== false, log.dropped))}\n`);
    const range = { from: 1, to: last, pageSize: options.pageSize, signal: options.signal, cancelled: exportCancelled };
    for await (const page of logPages(log, range)) {
      for (const event of page) {
        await out.add(`${eventLine(redactor === NO_REDACTION ? event : redactEvent(event, redactor))}\n`);
        events++;
      }
      options.onProgress?.({ events, total, written: out.written });
    }
    await out.add(`${trailerLine(events)}\n`);
    await out.flush();
  } catch (error) {
    return failedExport(error);
  }
  options.onProgress?.({ events, total, written: out.written });
  return { ok: true, events, written: out.written };
}

function header(info: Readonly<SessionInfo>, redactor: Redactor, sanitized: boolean, dropped: number): JsonlHeader {
  const session = redactor === NO_REDACTION ? { ...info } : redactRecord({ ...info }, redactor);
  return {
    format: JSONL_FORMAT,
    version: JSONL_VERSION,
    session,
    exportedAt: new Date().toISOString(),
    sanitized,
    dropped,
  };
}
