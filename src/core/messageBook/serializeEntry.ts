/**
 * Writes a send request as a book entry ("Save to message book"): what parseMessageBook reads back as the
 * same request. Text that a body cannot hold as plain lines (a CR, a line break at either end, a line
 * starting with `###`, control characters, unpaired surrogates) is written as one quoted JSON string on the
 * kind line; `{{` and `${` are escaped. JSON keeps its text, only line ends normalised to LF and blank lines
 * at either end dropped (the value is the same); binary is re-encoded, 16 bytes (hex) or 57 bytes (base64)
 * a line.
 */
import { parseBase64, parseHex } from '../payload/binaryInput';
import type { SendRequest } from '../session/sendRequest';
import { namespaceProblem } from '../socketio/sioInput';
import { escapePlaceholders } from './placeholders';
import { checkJson } from './jsonCheck';

export type SerializedEntry = { ok: true; text: string } | { ok: false; reason: string };

/** The entry's text, from its `###` line to a final line break. */
export function serializeEntry(request: SendRequest, title?: string): SerializedEntry {
  const lines = kindLines(request);
  if (typeof lines === 'string') return { ok: false, reason: lines };
  const heading = title === undefined ? '' : title.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ').trim();
  return { ok: true, text: `${heading ? `### ${heading}` : '###'}\n${lines.join('\n')}\n` };
}

/** The kind line and the body, or why the request cannot be written. */
function kindLines(request: SendRequest): string[] | string {
  switch (request.kind) {
    case 'text':
      return isPlainBody(request.text) ? ['text', ...bodyLines(request.text)] : [`text ${quoted(request.text)}`];
    case 'json':
      return checkJson(request.text) ? 'The JSON is not valid.' : ['json', ...jsonLines(request.text)];
    case 'binary':
      return binaryLines(request.encoding, request.data);
    case 'ping':
      return [request.text === undefined ? 'ping' : `ping ${value(request.text)}`];
    case 'close':
      if (request.code === undefined) return request.reason ? 'A close reason needs a close code.' : ['close'];
      return [`close ${request.code}${request.reason === undefined ? '' : ` ${value(request.reason)}`}`];
    case 'sio-emit':
      return emitLines(request);
    case 'sio-connect': {
      if (namespaceProblem(request.namespace)) return namespaceProblem(request.namespace)!;
      const auth = request.auth?.trim() ? request.auth : undefined;
      if (auth !== undefined && checkJson(auth)) return 'The auth is not valid JSON.';
      return [`connect ${request.namespace}`, ...(auth === undefined ? [] : jsonLines(auth))];
    }
    case 'sio-disconnect':
      return namespaceProblem(request.namespace) ?? [`disconnect ${request.namespace}`];
    case 'sio-ack':
      return 'An ack answers one particular event from the server: it cannot be saved and sent again.';
  }
}

function emitLines(request: Extract<SendRequest, { kind: 'sio-emit' }>): string[] | string {
  const problem = namespaceProblem(request.namespace);
  if (problem) return problem;
  const args = request.args.trim() === '' ? '[]' : request.args;
  if (checkJson(args) || !args.trimStart().startsWith('[')) return 'The arguments are not a JSON array.';
  const bare = /^[^\s"]\S*$/.test(request.event) && isPlainLine(request.event);
  const event = bare ? escapePlaceholders(request.event) : quoted(request.event);
  const head = ['emit', event];
  if (request.ack) head.push('ack');
  if (request.namespace !== '/') head.push('in', request.namespace);
  const empty = /^\[\s*\]$/.test(args.trim());
  return [head.join(' '), ...(empty ? [] : jsonLines(args))];
}

function binaryLines(encoding: 'hex' | 'base64', data: string): string[] | string {
  const parsed = encoding === 'hex' ? parseHex(data) : parseBase64(data);
  if (!parsed.ok) return parsed.error;
  const bytes = Buffer.from(parsed.bytes);
  const lines: string[] = [`binary ${encoding}`];
  const perLine = encoding === 'hex' ? 16 : 57;
  for (let i = 0; i < bytes.length; i += perLine) {
    const chunk = bytes.subarray(i, i + perLine);
    lines.push(encoding === 'hex' ? (chunk.toString('hex').match(/../g) ?? []).join(' ') : chunk.toString('base64'));
  }
  return lines;
}

/** The lines of a text body (placeholders escaped). */
function bodyLines(text: string): string[] {
  return text === '' ? [] : escapePlaceholders(text).split('\n');
}

/**
 * JSON text as body lines: LF line ends, no blank lines at either end; line separators and unpaired
 * surrogates (possible only inside strings) written as \u escapes.
 */
function jsonLines(text: string): string[] {
  const normalised = text.replace(/\r\n?/g, '\n').replace(UNPAIRED_OR_SEPARATOR, unicodeEscape);
  const lines = escapePlaceholders(normalised).split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

/** Whether the text reads back unchanged as body lines. */
function isPlainBody(text: string): boolean {
  if (text === '') return true;
  const lines = text.split('\n');
  if (lines[0].trim() === '' || lines[lines.length - 1].trim() === '') return false;
  return lines.every((line) => isPlainLine(line) && !line.startsWith('###'));
}

/** A surrogate without its other half (a file cannot hold it). */
const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNPAIRED_OR_SEPARATOR = new RegExp(`[\u2028\u2029\u0085]|${UNPAIRED.source}`, 'g');

/** No line breaks, no control characters but tab, no unpaired surrogates. */
function isPlainLine(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isInvisible(text.charCodeAt(i))) return false;
  return !UNPAIRED.test(text);
}

/** Characters a line of the file cannot show plainly: controls (tab aside), line separators, a BOM. */
function isInvisible(c: number): boolean {
  return (c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/** A value on the kind line: as it is when it reads back unchanged, else quoted. */
function value(text: string): string {
  const plain = text !== '' && text === text.trim() && !text.startsWith('"') && isPlainLine(text);
  return plain ? escapePlaceholders(text) : quoted(text);
}

/** A JSON string literal that reads back as `text` (placeholders escaped, invisible characters escaped). */
function quoted(text: string): string {
  return JSON.stringify(escapePlaceholders(text)).replace(/[\x7f-\x9f\u2028\u2029\ufeff]/g, unicodeEscape);
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
