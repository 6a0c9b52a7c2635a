/**
 * The kind line of an entry: the kind word and its arguments (FORMAT.md lists them). Each kind has its own
 * small reader; each problem becomes a diagnostic on the exact columns. Pure.
 */
import { isSendableCloseCode } from '../websocket/sendPreparation';
import { indentOf } from './bookLines';
import type { EntryKind } from './bookTypes';
import { headerOnly, type EntryContext, type ParsedHeader } from './entryContext';
import { readEmitHeader, readNamespaceHeader } from './socketIoHeaders';
import { inlineAt, parseDuration, readValue, readWord, skipSpaces, utf8Bytes } from './headerArgs';
import { MAX_PAUSE_MS } from './bookLimits';
import { readWaitHeader } from './waitHeader';

/** §5.5: a ping's payload is at most 125 bytes, a close reason 123. */
const MAX_PING_BYTES = 125;
const MAX_REASON_BYTES = 123;

export const ENTRY_KINDS: readonly EntryKind[] = [
  'text',
  'json',
  'binary',
  'emit',
  'connect',
  'disconnect',
  'eio',
  'ping',
  'close',
  'delay',
  'wait',
];

type HeaderReader = (line: string, lineNo: number, argsAt: number, ctx: EntryContext) => ParsedHeader;

const READERS: Record<EntryKind, HeaderReader> = {
  text: (line, lineNo, at, ctx) => readTextLike('text', line, lineNo, at, ctx),
  eio: (line, lineNo, at, ctx) => readTextLike('eio', line, lineNo, at, ctx),
  json: readJsonHeader,
  binary: readBinaryHeader,
  emit: readEmitHeader,
  connect: (line, lineNo, at, ctx) => readNamespaceHeader('connect', line, lineNo, at, ctx),
  disconnect: (line, lineNo, at, ctx) => readNamespaceHeader('disconnect', line, lineNo, at, ctx),
  ping: readPingHeader,
  close: readCloseHeader,
  delay: readDelayHeader,
  wait: readWaitHeader,
};

/** Reads the kind line at `lineNo`. */
export function parseHeader(line: string, lineNo: number, ctx: EntryContext): ParsedHeader {
  const word = readWord(line, indentOf(line));
  const kind = ENTRY_KINDS.find((k) => k === word.text);
  if (!kind) {
    ctx.sink.error(lineNo, word.start, word.end, unknownKindMessage(word.text));
    return { body: 'none' };
  }
  return READERS[kind](line, lineNo, skipSpaces(line, word.end), ctx);
}

function unknownKindMessage(word: string): string {
  const lower = word.toLowerCase();
  if (ENTRY_KINDS.some((k) => k === lower)) return `Kinds are written in lowercase: "${lower}".`;
  const shown = word.length > 40 ? `${word.slice(0, 40)}…` : word;
  const list = 'text, json, binary, emit, connect, disconnect, eio, ping, close, delay or wait';
  if (/^[[{"]/.test(word)) return `A message needs its kind on the line above it (${list}).`;
  return `"${shown}" is not a kind of entry: write ${list}.`;
}

/** `text` / `eio`: the value on the line, or the lines below. */
function readTextLike(kind: 'text' | 'eio', line: string, lineNo: number, at: number, ctx: EntryContext) {
  if (at >= line.length) return { kind, fields: { kind, text: '' }, body: 'text' } satisfies ParsedHeader;
  const value = readValue(line, at);
  ctx.templates(lineNo, value.start, value.text);
  return headerOnly(kind, { kind, text: value.value });
}

/** `json`: the JSON on the line, or the lines below. */
function readJsonHeader(line: string, _lineNo: number, at: number): ParsedHeader {
  return { kind: 'json', fields: { kind: 'json', text: '' }, body: 'json', inline: inlineAt(line, at) };
}

function readBinaryHeader(line: string, lineNo: number, at: number, ctx: EntryContext): ParsedHeader {
  const word = readWord(line, at);
  const rest = skipSpaces(line, word.end);
  if (word.text === 'hex' || word.text === 'base64') {
    const fields = { kind: 'binary', encoding: word.text, data: '' } as const;
    return { kind: 'binary', fields, body: word.text, inline: inlineAt(line, rest) };
  }
  if (word.text === 'file') {
    const path = readValue(line, rest);
    if (path.value === '') {
      ctx.sink.error(lineNo, word.start, word.end, 'Name the file after "binary file", relative to this book.');
      return headerOnly('binary');
    }
    ctx.templates(lineNo, path.start, path.text);
    return headerOnly('binary', { kind: 'binary', encoding: 'file', path: path.value });
  }
  const message = 'Write "binary hex", "binary base64" or "binary file <path>".';
  ctx.sink.error(lineNo, word.text ? word.start : 0, word.text ? word.end : line.length, message);
  return headerOnly('binary');
}

function readPingHeader(line: string, lineNo: number, at: number, ctx: EntryContext): ParsedHeader {
  if (at >= line.length) return headerOnly('ping', { kind: 'ping' });
  const value = readValue(line, at);
  ctx.templates(lineNo, value.start, value.text);
  const bytes = utf8Bytes(value.value);
  if (bytes > MAX_PING_BYTES && !value.value.includes('{{')) {
    const message = `A ping carries at most ${MAX_PING_BYTES} bytes; this one has ${bytes}.`;
    ctx.sink.error(lineNo, value.start, value.end, message);
  }
  return headerOnly('ping', { kind: 'ping', text: value.value });
}

function readCloseHeader(line: string, lineNo: number, at: number, ctx: EntryContext): ParsedHeader {
  if (at >= line.length) return headerOnly('close', { kind: 'close' });
  const word = readWord(line, at);
  const code = /^\d{1,6}$/.test(word.text) ? Number(word.text) : undefined;
  if (code === undefined) {
    const message = 'The close code comes first, as a number (e.g. close 1000 or close 4001 reason).';
    ctx.sink.error(lineNo, word.start, word.end, message);
    return headerOnly('close');
  }
  if (!isSendableCloseCode(code)) ctx.sink.error(lineNo, word.start, word.end, closeCodeMessage(code));
  const at2 = skipSpaces(line, word.end);
  if (at2 >= line.length) return headerOnly('close', { kind: 'close', code });
  const reason = readValue(line, at2);
  ctx.templates(lineNo, reason.start, reason.text);
  const bytes = utf8Bytes(reason.value);
  if (bytes > MAX_REASON_BYTES && !reason.value.includes('{{')) {
    const message = `A close reason holds at most ${MAX_REASON_BYTES} bytes; this one has ${bytes}.`;
    ctx.sink.error(lineNo, reason.start, reason.end, message);
  }
  return headerOnly('close', { kind: 'close', code, reason: reason.value });
}

function closeCodeMessage(code: number): string {
  if (code === 1004 || code === 1005 || code === 1006 || code === 1015) {
    return `${code} is reserved: it reports what happened and is never sent in a close frame.`;
  }
  if (code < 1000 || code > 4999) return `${code} is not a close code: they run from 1000 to 4999.`;
  return (
    `${code} is reserved for future versions of the protocol: use 1000–1003, 1007–1014, ` +
    'or an application code 3000–4999.'
  );
}

function readDelayHeader(line: string, lineNo: number, at: number, ctx: EntryContext): ParsedHeader {
  const word = readWord(line, at);
  if (word.text === '') {
    ctx.sink.error(lineNo, 0, line.length, 'Say how long: delay 500ms or delay 2s.');
    return headerOnly('delay');
  }
  const duration = parseDuration(word.text, MAX_PAUSE_MS);
  if (!duration.ok) {
    ctx.sink.error(lineNo, word.start, word.end, duration.message);
    return headerOnly('delay');
  }
  const extra = skipSpaces(line, word.end);
  if (extra < line.length) {
    ctx.sink.error(lineNo, extra, line.length, 'Nothing follows the duration of a delay.');
  }
  return headerOnly('delay', { kind: 'delay', ms: duration.ms });
}
