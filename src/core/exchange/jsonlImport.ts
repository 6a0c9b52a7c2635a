/**
 * Imports our JSON Lines (jsonlFormat.ts) as an offline session, streamed by line: the header gives the
 * session's facts, each event line is checked (eventShape.ts) and appended to a fresh log with its seqs
 * renumbered (seqRemap.ts), the end line proves the file whole. The events are the ones the live session
 * logged, decoded layers included, so the panel shows them as it did. Any problem — bad JSON, a wrong field, a
 * newer version, a missing end line — is an error naming the line, and the log is disposed: a session or an
 * error, never half of one.
 */
import type { EventLog } from '../events/eventLog';
import { ExchangeError, ExchangeErrorCode, malformed } from './exchangeErrors';
import { checkEvent } from './eventShape';
import { ImportedSession } from './importedSession';
import { emptyInfo, isSessionKind, mergeInfo } from './importedInfo';
import { parseJson, type ImportInput } from './importInput';
import { failedImport, type ImportOptions, type ImportResult } from './importOptions';
import { JSONL_FORMAT, JSONL_VERSION } from './jsonlFormat';
import { readLines } from './lineReader';
import { SeqRemap } from './seqRemap';

/** The longest line read by default: a stored payload is at most a few MiB, base64 included. */
export const DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;
/** Progress is reported every this many lines. */
const PROGRESS_EVERY = 1000;

interface Header {
  session: Record<string, unknown>;
}

/** Reads a JSON Lines export into a new ImportedSession. Resolves with the session or the error; never rejects. */
export async function importJsonl(input: ImportInput, options: ImportOptions): Promise<ImportResult> {
  const log = options.logFactory();
  try {
    const header = await readInto(log, input, options);
    const kind = header.session.kind;
    if (!isSessionKind(kind))
      throw unsupported(`The session kind ${JSON.stringify(kind)} is not one this version knows.`);
    const first = log.count > 0 ? log.page(1, 1)[0] : undefined;
    const counted = emptyInfo(kind, '', first?.time ?? 0);
    const session = new ImportedSession(mergeInfo(counted, header.session), log, { format: 'jsonl' });
    return { ok: true, session, warnings: [] };
  } catch (error) {
    log.dispose();
    return failedImport(error);
  }
}

/** Appends every event line to `log`; returns the header once the end line proved the file whole. */
async function readInto(log: EventLog, input: ImportInput, options: ImportOptions): Promise<Header> {
  const remap = new SeqRemap();
  let header: Header | undefined;
  let endLine: number | undefined;
  let lastSeq = 0;
  for await (const { line, text } of readLines(input, options.maxBytes ?? DEFAULT_MAX_LINE_CHARS, options.signal)) {
    if (text.trim() === '') continue;
    if (endLine !== undefined)
      throw malformed(`Line ${line}: nothing may follow the end line (line ${endLine}).`, { line });
    const value = parseJson(text, `Line ${line}`, line);
    if (!header) {
      header = readHeader(value, line);
      continue;
    }
    if (isEndLine(value)) {
      checkCount(value as { events?: unknown }, log.count, line);
      endLine = line;
      continue;
    }
    const checked = checkEvent(value);
    if (!checked.ok) throw malformed(`Line ${line} is not an event: ${checked.problem}.`, { line });
    if (checked.event.seq <= lastSeq)
      throw malformed(`Line ${line}: seq ${checked.event.seq} does not follow seq ${lastSeq}.`, { line });
    lastSeq = checked.event.seq;
    remap.add(lastSeq, log.count + 1);
    log.append(remap.apply(checked.event));
    if (line % PROGRESS_EVERY === 0) options.onProgress?.({ done: line });
  }
  if (!header) throw new ExchangeError(ExchangeErrorCode.ImportEmpty, 'The file is empty.');
  if (endLine === undefined) {
    const message = `The file ends after ${log.count} event(s) without its end line: it was cut short.`;
    throw new ExchangeError(ExchangeErrorCode.ImportIncomplete, message);
  }
  return header;
}

function readHeader(value: unknown, line: number): Header {
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (record.format !== JSONL_FORMAT)
    throw unsupported(
      `Line ${line} does not start a Realtime Inspector JSON Lines file (no "format": "${JSONL_FORMAT}").`,
      line,
    );
  if (record.version !== JSONL_VERSION) {
    const newer = typeof record.version === 'number' && record.version > JSONL_VERSION;
    const why = newer ? 'a newer version than this importer reads' : 'not a version this importer knows';
    throw unsupported(
      `Line ${line}: format version ${JSON.stringify(record.version)} is ${why} (${JSONL_VERSION}).`,
      line,
    );
  }
  if (record.session === null || typeof record.session !== 'object')
    throw malformed(`Line ${line}: the header has no "session" object.`, { line });
  return { session: record.session as Record<string, unknown> };
}

function isEndLine(value: unknown): boolean {
  const record = value as Record<string, unknown> | null;
  return record !== null && typeof record === 'object' && record.format === JSONL_FORMAT && record.end === true;
}

function checkCount(end: { events?: unknown }, imported: number, line: number): void {
  if (end.events === imported) return;
  const counted = JSON.stringify(end.events);
  const message = `Line ${line}: the end line counts ${counted} event(s), the file holds ${imported}.`;
  throw new ExchangeError(ExchangeErrorCode.ImportIncomplete, message, { line });
}

function unsupported(message: string, line?: number): ExchangeError {
  return new ExchangeError(ExchangeErrorCode.ImportUnsupported, message, line ? { line } : undefined);
}
