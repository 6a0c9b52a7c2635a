/**
 * What an import reads: a string, bytes, or a stream of chunks (a file read stream), read whole up to a cap —
 * a file over it is refused with the limit named, before it is all in memory — and parsed as JSON with an error
 * that says where the text broke (line, column, position).
 */
import { ExchangeError, ExchangeErrorCode, malformed, throwIfCancelled } from './exchangeErrors';
import { jsonErrorOffset } from './jsonErrorOffset';

/** A file's contents: text, bytes, or chunks as a file stream yields them. */
export type ImportInput = string | Uint8Array | AsyncIterable<string | Uint8Array>;

const MiB = 1024 * 1024;

/** The largest HAR read whole by default (a HAR is one JSON value: it cannot be parsed in pieces). */
export const DEFAULT_MAX_HAR_BYTES = 256 * MiB;

/** The input as text (UTF-8, one leading BOM removed); refused past `maxBytes`. */
export async function readWhole(input: ImportInput, maxBytes: number, signal?: AbortSignal): Promise<string> {
  if (typeof input === 'string') {
    if (input.length > maxBytes) throw tooLarge(maxBytes);
    return stripBom(input);
  }
  if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) throw tooLarge(maxBytes);
    return stripBom(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8'));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    throwIfCancelled(signal, importCancelled);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += bytes.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(bytes);
  }
  return stripBom(Buffer.concat(chunks, size).toString('utf8'));
}

/** The JSON value of `text`, or a malformed-file error with the line and column where it broke. */
export function parseJson(text: string, what: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const named = /at position (\d+)/.exec(reason);
    const scanned = named ? Number(named[1]) : jsonErrorOffset(text);
    // V8's words without its position and context (a snippet of the file, which may hold anything).
    const cause = reason.split(/ in JSON at position \d+| at position \d+|, "|, \.\.\.|\s*\(line \d+/)[0];
    if (scanned < 0) throw malformed(`${what} is not valid JSON: ${cause}.`, line ? { line } : undefined);
    const at = lineAndColumn(text, scanned);
    const where = line === undefined ? at : { line, column: at.column };
    const place = `line ${where.line}, column ${where.column}`;
    throw malformed(`${what} is not valid JSON: ${cause} at ${place} (position ${scanned}).`, where);
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number; position: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1, position };
}

export function importCancelled(): ExchangeError {
  return new ExchangeError(ExchangeErrorCode.ImportCancelled, 'The import was cancelled; no session was made.');
}

function tooLarge(maxBytes: number): ExchangeError {
  const limit = maxBytes % MiB === 0 ? `${maxBytes / MiB} MiB` : `${maxBytes} bytes`;
  return new ExchangeError(
    ExchangeErrorCode.ImportTooLarge,
    `The file is larger than ${limit}, the most a HAR import reads. Export a shorter capture, or use JSON Lines.`,
  );
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
