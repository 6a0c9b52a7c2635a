/**
 * The lines of a text file read as a stream (JSON Lines): chunks in, numbered lines out, UTF-8 decoded across
 * chunk boundaries, CRLF or LF. Only one line is ever held; a line longer than the cap is refused with the
 * limit named, so a file without line ends cannot grow the buffer without bound.
 */
import { StringDecoder } from 'node:string_decoder';
import { ExchangeError, ExchangeErrorCode, throwIfCancelled } from './exchangeErrors';
import { importCancelled, type ImportInput } from './importInput';

export interface NumberedLine {
  /** 1-based. */
  line: number;
  /** Without its line end. */
  text: string;
}

/** The lines of `input` (the last one even without a line end; an empty last line is not yielded). */
export async function* readLines(
  input: ImportInput,
  maxLineChars: number,
  signal?: AbortSignal,
): AsyncGenerator<NumberedLine> {
  const decoder = new StringDecoder('utf8');
  let held = '';
  let line = 0;
  for await (const chunk of chunksOf(input)) {
    throwIfCancelled(signal, importCancelled);
    held +=
      typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    let start = 0;
    for (let end = held.indexOf('\n'); end >= 0; end = held.indexOf('\n', start)) {
      line++;
      if (end - start > maxLineChars) throw lineTooLong(line, maxLineChars);
      yield { line, text: withoutCr(held.slice(start, end), line === 1) };
      start = end + 1;
    }
    held = held.slice(start);
    if (held.length > maxLineChars) throw lineTooLong(line + 1, maxLineChars);
  }
  held += decoder.end();
  if (held !== '') yield { line: line + 1, text: withoutCr(held, line === 0) };
}

async function* chunksOf(input: ImportInput): AsyncGenerator<string | Uint8Array> {
  if (typeof input === 'string' || input instanceof Uint8Array) yield input;
  else yield* input;
}

/** The line without a trailing CR (and, on the first line, without a BOM). */
function withoutCr(text: string, first: boolean): string {
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  return first && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}

function lineTooLong(line: number, max: number): ExchangeError {
  return new ExchangeError(
    ExchangeErrorCode.ImportTooLarge,
    `Line ${line} is longer than ${max} characters, the longest line a JSON Lines import reads.`,
    { line },
  );
}
