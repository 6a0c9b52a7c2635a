/**
 * The kind lines of Socket.IO entries: `emit <event> [ack] [in /namespace]`, `connect [/namespace] [auth]`
 * and `disconnect [/namespace]`. The namespace and event-name rules are the session's own (socketio/).
 */
import { namespaceProblem } from '../socketio/sioInput';
import { RESERVED_EVENTS } from '../socketio/sioPacket';
import { headerOnly, type EntryContext, type ParsedHeader } from './entryContext';
import { inlineAt, readQuoted, readWord, skipSpaces, type Piece } from './headerArgs';

/** `emit <event> [ack] [in /namespace]`; the arguments are the lines below. */
export function readEmitHeader(line: string, lineNo: number, at: number, ctx: EntryContext): ParsedHeader {
  const event = readEventName(line, lineNo, at, ctx);
  if (!event) return headerOnly('emit');
  let ack = false;
  let namespace = '/';
  let ok = true;
  for (let i = skipSpaces(line, event.end); i < line.length; i = skipSpaces(line, i)) {
    const word = readWord(line, i);
    i = word.end;
    if (word.text === 'ack' && !ack) {
      ack = true;
    } else if (word.text === 'in' && namespace === '/') {
      const ns = readNamespace(line, lineNo, skipSpaces(line, i), ctx, true);
      if (!ns) return headerOnly('emit');
      namespace = ns.text;
      i = ns.end;
    } else {
      const message = 'After the event name come only "ack" and "in /namespace"; the arguments go below.';
      ctx.sink.error(lineNo, word.start, word.end, message);
      ok = false;
    }
  }
  const fields = { kind: 'emit', event: event.text, namespace, ack, args: '[]' } as const;
  return ok ? { kind: 'emit', fields, body: 'args' } : headerOnly('emit');
}

function readEventName(line: string, lineNo: number, at: number, ctx: EntryContext): Piece | undefined {
  if (at >= line.length) {
    ctx.sink.error(lineNo, 0, line.length, 'Name the event: emit chat (or emit "event name" for one with spaces).');
    return undefined;
  }
  let event: Piece;
  if (line.charAt(at) === '"') {
    const quoted = readQuoted(line, at);
    if (!quoted.ok) {
      ctx.sink.error(lineNo, quoted.col, line.length, quoted.message);
      return undefined;
    }
    event = { text: quoted.value, start: at, end: quoted.end };
  } else {
    event = readWord(line, at);
  }
  ctx.templates(lineNo, event.start, line.slice(event.start, event.end));
  if (event.text === '') ctx.sink.error(lineNo, event.start, event.end, 'The event name is empty.');
  else if (RESERVED_EVENTS.has(event.text)) {
    const message = `"${event.text}" is reserved: Socket.IO clients never emit it, and servers drop it.`;
    ctx.sink.error(lineNo, event.start, event.end, message);
  }
  return event;
}

function readNamespace(line: string, lineNo: number, at: number, ctx: EntryContext, required: boolean) {
  const word = readWord(line, at);
  if (word.text === '' && required) {
    ctx.sink.error(lineNo, Math.max(0, at - 2), line.length, 'Name the namespace after "in", e.g. in /chat.');
    return undefined;
  }
  const problem = namespaceProblem(word.text);
  if (problem) {
    ctx.sink.error(lineNo, word.start, word.end, problem);
    return undefined;
  }
  return word;
}

/** `connect [/namespace] [auth]` (auth: a JSON object on the line or below) and `disconnect [/namespace]`. */
export function readNamespaceHeader(
  kind: 'connect' | 'disconnect',
  line: string,
  lineNo: number,
  at: number,
  ctx: EntryContext,
): ParsedHeader {
  let namespace = '/';
  let next = at;
  if (line.charAt(at) === '/') {
    const ns = readNamespace(line, lineNo, at, ctx, false);
    if (!ns) return headerOnly(kind);
    namespace = ns.text;
    next = skipSpaces(line, ns.end);
  }
  if (kind === 'connect') return { kind, fields: { kind, namespace }, body: 'auth', inline: inlineAt(line, next) };
  if (next < line.length) {
    ctx.sink.error(lineNo, next, line.length, 'Only a namespace follows "disconnect" (e.g. disconnect /chat).');
    return headerOnly(kind);
  }
  return headerOnly(kind, { kind, namespace });
}
