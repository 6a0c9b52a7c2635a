/**
 * Exports a session as JSON Lines (jsonlFormat.ts), streamed page by page from its log: the header, every event
 * of the log as it stood when the export started (redacted unless unsanitized), then the end line. Cancellable;
 * progress after each page.
 */
import { NO_REDACTION, type Redactor } from '../redaction/secretRedactor';
import type { SessionInfo } from '../session/session';
import { redactEvent, redactRecord } from './eventRedaction';
import type { ExportOptions, ExportOutcome, ExportSource } from './exportOptions';
import { ExportRun } from './exportRun';
import type { ExportSink } from './exportSink';
import { eventLine, JSONL_FORMAT, JSONL_VERSION, trailerLine, type JsonlHeader } from './jsonlFormat';

/** Writes `source` to `sink` as JSON Lines. Resolves with the outcome; never rejects. */
export async function exportJsonl(
  source: ExportSource,
  sink: ExportSink,
  options: ExportOptions = {},
): Promise<ExportOutcome> {
  const run = new ExportRun(source, sink, options);
  const { out, redactor } = run;
  return run.complete(async () => {
    await out.add(`${JSON.stringify(header(source.info, redactor, run.sanitized, source.log.dropped))}\n`);
    let events = 0;
    for await (const page of run.pages()) {
      for (const event of page) {
        await out.add(`${eventLine(redactor === NO_REDACTION ? event : redactEvent(event, redactor))}\n`);
        events++;
      }
      run.report(events);
    }
    await out.add(`${trailerLine(events)}\n`);
    return events;
  });
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
