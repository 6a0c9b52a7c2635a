/**
 * Reading the arguments of a kind line: words, JSON string literals (`"…"`), values (a JSON string when the
 * whole value is one, otherwise the text as written) and durations (`500ms`, `1.5s`). Positions are columns
 * of the line, for diagnostics. Linear in the line's length.
 */
import { checkJson } from './jsonCheck';

/** A piece of the line and where it is. */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

export type QuotedRead = { ok: true; value: string; end: number } | { ok: false; col: number; message: string };

/** The index of the next character that is not a space or a tab, from `i`. */
export function skipSpaces(line: string, i: number): number {
  while (i < line.length && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** The word starting at `i` (up to a space or a tab); empty at the end of the line. */
export function readWord(line: string, i: number): Piece {
  let end = i;
  while (end < line.length && line.charCodeAt(end) !== 0x20 && line.charCodeAt(end) !== 0x09) end++;
  return { text: line.slice(i, end), start: i, end };
}

/** A JSON string literal starting at `i` (which holds `"`). */
export function readQuoted(line: string, i: number): QuotedRead {
  let end = i + 1;
  while (end < line.length && line.charCodeAt(end) !== 0x22) end += line.charCodeAt(end) === 0x5c ? 2 : 1;
  if (end >= line.length) return { ok: false, col: i, message: 'This quoted text has no closing quote.' };
  const literal = line.slice(i, end + 1);
  const problem = checkJson(literal);
  if (problem) return { ok: false, col: i + problem.offset, message: problem.message };
  return { ok: true, value: JSON.parse(literal) as string, end: end + 1 };
}

/** The rest of the line from `i`, without its trailing whitespace. */
export function restOf(line: string, i: number): Piece {
  const text = line.slice(i).trimEnd();
  return { text, start: i, end: i + text.length };
}

/** A value: the rest of the line, decoded when it is exactly one JSON string (`"…"`), else as written. */
export interface Value extends Piece {
  value: string;
  quoted: boolean;
}

/** Reads a value from `i` (after the spaces that precede it). */
export function readValue(line: string, i: number): Value {
  const rest = restOf(line, i);
  if (rest.text.startsWith('"')) {
    const quoted = readQuoted(line, rest.start);
    if (quoted.ok && quoted.end === rest.end) return { ...rest, value: quoted.value, quoted: true };
  }
  return { ...rest, value: rest.text, quoted: false };
}

export type DurationRead = { ok: true; ms: number } | { ok: false; message: string };

/** `250ms`, `2s`, `1.5s`. */
export function parseDuration(text: string, maxMs: number): DurationRead {
  const m = /^(\d{1,9}(?:\.\d{1,3})?)(ms|s)$/.exec(text);
  if (!m) {
    const hint = /^\d+(\.\d+)?$/.test(text) ? ` Add a unit: ${text}ms or ${text}s.` : '';
    return { ok: false, message: `"${short(text)}" is not a duration such as 500ms or 2s.${hint}` };
  }
  const ms = Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
  if (ms > maxMs) return { ok: false, message: `${text} is longer than the ${maxMs / 60_000} minutes allowed.` };
  return { ok: true, ms };
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Where a value on the kind line starts (at `at`, after spaces), if there is one. */
export function inlineAt(line: string, at: number): number | undefined {
  return at < line.length && line.slice(at).trim() !== '' ? at : undefined;
}

/** UTF-8 length of a string. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
