/**
 * Send Selection / Send File on a Socket.IO session: the text is an event with its arguments, written one of
 * two ways —
 *
 *   chat {"a": 1}                  the event name, then its arguments as JSON values separated by commas
 *   /admin "chat message" 1, "x"   an optional namespace first; a name with spaces as a JSON string
 *   ["chat", {"a": 1}]             a JSON array: the event name, then the arguments (what socket.io logs)
 *
 * Problems are said in our words with their line and column in the text, never quoting it (a selection may
 * hold a secret). Pure (no vscode).
 */
import { checkJson } from '../../core/messageBook/jsonCheck';
import type { SendRequest } from '../../core/session/sendRequest';
import { namespaceProblem } from '../../core/socketio/sioInput';

export type TextRequest = { ok: true; request: SendRequest } | { ok: false; problem: string };

type Emit = Extract<SendRequest, { kind: 'sio-emit' }>;

/** The emit that `text` describes, or why it describes none. */
export function socketIoTextRequest(text: string): TextRequest {
  const start = text.search(/\S/);
  if (start < 0) return problem('There is nothing to send: the text is empty.');
  if (text.charAt(start) === '[') return fromArray(text, start);
  return fromWords(text, start);
}

/** `["event", ...args]`. */
function fromArray(text: string, start: number): TextRequest {
  const json = checkJson(text);
  if (json) return problem(`The JSON array is not valid at ${where(text, json.offset)}: ${json.message}`);
  const array = JSON.parse(text) as unknown[];
  if (typeof array[0] !== 'string' || array[0] === '') {
    return problem(
      `The array at ${where(text, start)} must start with the event name as a string: ["chat", {"a": 1}].`,
    );
  }
  return emit('/', array[0], JSON.stringify(array.slice(1)));
}

/** `[/namespace] event [args]`. */
function fromWords(text: string, start: number): TextRequest {
  let at = start;
  let namespace = '/';
  if (text.charAt(at) === '/') {
    const end = wordEnd(text, at);
    namespace = text.slice(at, end);
    if (namespaceProblem(namespace))
      return problem(`The namespace at ${where(text, at)} is not valid: it starts with "/" and has no commas.`);
    at = skipSpace(text, end);
    if (at >= text.length) return problem(`An event name is expected after the namespace, at ${where(text, at)}.`);
  }
  const name = readEventName(text, at);
  if (!name.ok) return name;
  const rest = text.slice(name.end);
  if (rest.trim() === '') return emit(namespace, name.event, '[]');
  const args = `[${rest}]`;
  const json = checkJson(args);
  if (json) {
    // Offsets in `args` are one past those in `rest` (its "["); the closing "]" maps to the end of the text.
    const offset = Math.min(name.end + Math.max(json.offset - 1, 0), text.length);
    return problem(`The arguments after the event name are not JSON at ${where(text, offset)}: ${json.message}`);
  }
  return emit(namespace, name.event, args);
}

type NameRead = { ok: true; event: string; end: number } | { ok: false; problem: string };

/** A bare word (up to a space or the start of a JSON object, array or string), or a JSON string. */
function readEventName(text: string, at: number): NameRead {
  if (text.charAt(at) !== '"') {
    const end = nameEnd(text, at);
    return { ok: true, event: text.slice(at, end), end };
  }
  const end = stringEnd(text, at);
  if (end < 0) return problem(`The event name at ${where(text, at)} has no closing quote.`);
  let event: unknown;
  try {
    event = JSON.parse(text.slice(at, end));
  } catch {
    return problem(`The event name at ${where(text, at)} is not a valid JSON string.`);
  }
  if (event === '') return problem(`The event name at ${where(text, at)} is empty.`);
  return { ok: true, event: event as string, end };
}

/** One past the closing quote of the JSON string starting at `at`, or -1. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

function nameEnd(text: string, at: number): number {
  const match = /[\s{["]/.exec(text.slice(at));
  return match ? at + match.index : text.length;
}

function wordEnd(text: string, at: number): number {
  const match = /\s/.exec(text.slice(at));
  return match ? at + match.index : text.length;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  return at;
}

function emit(namespace: string, event: string, args: string): TextRequest {
  const request: Emit = { kind: 'sio-emit', namespace, event, args, ack: false };
  return { ok: true, request };
}

/** `line 2, column 5` (1-based, as the editor shows them) of `offset` in `text`. */
export function where(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}`;
}

function problem(text: string): { ok: false; problem: string } {
  return { ok: false, problem: text };
}
