/**
 * The body of an entry (the lines below its kind line, or the rest of the kind line for one-liners such as
 * `json {"a": 1}`), checked by its role: JSON, JSON arguments, hex, base64, auth or plain text. A body that
 * holds placeholders is checked again, filled in, when it is sent (its positions would not be the file's).
 */
import { checkBase64, checkHex } from './binaryCheck';
import type { EntryFields } from './bookTypes';
import type { BodyRole, EntryContext } from './entryContext';
import { checkJson } from './jsonCheck';
import { mayHavePlaceholders } from './placeholders';

/** A line of a body: its text from column `col` of file line `line`. */
export interface BodyLine {
  line: number;
  col: number;
  text: string;
}

/**
 * Completes `fields` from the body. `lines` are without blank lines at either end; `headerLine` is where
 * a problem with an empty body is shown.
 */
export function finishBody(
  role: BodyRole,
  fields: EntryFields | undefined,
  lines: readonly BodyLine[],
  headerLine: number,
  ctx: EntryContext,
): EntryFields | undefined {
  for (const l of lines) ctx.templates(l.line, l.col, l.text);
  const text = lines.map((l) => l.text).join('\n');
  const checked = !mayHavePlaceholders(text);
  switch (fields?.kind) {
    case 'text':
    case 'eio':
      return { ...fields, text };
    case 'json':
      if (checked) reportJson(text, lines, headerLine, ctx);
      return { ...fields, text };
    case 'binary': {
      if (fields.encoding === 'file') return fields;
      if (checked) reportBinary(role, lines, ctx);
      return { ...fields, data: text };
    }
    case 'emit':
      return { ...fields, args: emitArguments(text, lines, checked, ctx) };
    case 'connect':
      if (text.trim() === '') return fields;
      if (checked) reportJson(text, lines, headerLine, ctx, 'object');
      return { ...fields, auth: text };
    default:
      return fields;
  }
}

/** One JSON array, or one JSON value per line (then they are put in an array). */
function emitArguments(text: string, lines: readonly BodyLine[], checked: boolean, ctx: EntryContext): string {
  const trimmed = text.trim();
  if (trimmed === '') return '[]';
  if (trimmed.startsWith('[')) {
    if (checked) reportJson(text, lines, lines[0].line, ctx, 'array');
    return text;
  }
  const values: string[] = [];
  for (const l of lines) {
    if (l.text.trim() === '') continue;
    if (checked) reportJson(l.text, [l], l.line, ctx);
    values.push(l.text);
  }
  return `[${values.join(',')}]`;
}

/** Checks JSON spread over `lines` and reports the first problem where it is. */
function reportJson(
  text: string,
  lines: readonly BodyLine[],
  headerLine: number,
  ctx: EntryContext,
  shape?: 'object' | 'array',
): void {
  if (lines.length === 0) {
    ctx.sink.error(headerLine, 0, 0, 'The JSON is missing: write it below this line.');
    return;
  }
  const problem = checkJson(text);
  if (problem) {
    const at = position(lines, problem.offset);
    ctx.sink.error(at.line, at.col, at.col + 1, problem.message);
    return;
  }
  const first = text.trimStart().charAt(0);
  if (shape === 'object' && first !== '{') {
    const at = position(lines, text.length - text.trimStart().length);
    ctx.sink.error(at.line, at.col, at.col + 1, 'The auth is a JSON object, e.g. {"token": "…"}.');
  }
}

function reportBinary(role: BodyRole, lines: readonly BodyLine[], ctx: EntryContext): void {
  const problem = role === 'hex' ? checkHex(lines.map((l) => l.text)) : checkBase64(lines.map((l) => l.text));
  if (!problem) return;
  const l = lines[problem.lineIndex];
  ctx.sink.error(l.line, l.col + problem.col, l.col + problem.endCol, problem.message);
}

/** The file position of an offset in the lines joined with "\n". */
function position(lines: readonly BodyLine[], offset: number): { line: number; col: number } {
  let rest = offset;
  for (const l of lines) {
    if (rest <= l.text.length) return { line: l.line, col: l.col + rest };
    rest -= l.text.length + 1;
  }
  const last = lines[lines.length - 1];
  return { line: last.line, col: last.col + last.text.length };
}
