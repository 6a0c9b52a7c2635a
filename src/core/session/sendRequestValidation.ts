/**
 * Validates a SendRequest from outside (the webview, a command argument, a profile): only the known
 * kinds, with exactly typed and bounded fields; valid requests are rebuilt from their known fields, so
 * extra properties never get through. An unknown kind is refused — never turned into another kind.
 * Pure, never throws.
 */
import { isNamespaceName } from '../socketio/sioInput';
import { SEND_KINDS, type SendKind, type SendRequest } from './sendRequest';

/** Longest string accepted in any field, in UTF-8 bytes (16 MiB). */
export const MAX_STRING_BYTES = 16 * 1024 * 1024;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

/** Validates a SendRequest (from the webview, a command argument, or a profile). */
export function parseSendRequest(input: unknown): ParseResult<SendRequest> {
  try {
    if (!isObject(input)) return fail('A send request must be an object.');
    const kind = input.kind;
    if (typeof kind !== 'string' || !(SEND_KINDS as readonly string[]).includes(kind))
      return fail(`Unknown send kind ${describe(kind)}.`);
    return parseKnownKind(kind as SendKind, input);
  } catch {
    // Getters on a hostile object could throw; be total anyway.
    return fail('The send request could not be read.');
  }
}

/** One case per kind; the `never` default makes a kind added later without its case a compile error. */
function parseKnownKind(kind: SendKind, input: Fields): ParseResult<SendRequest> {
  switch (kind) {
    case 'text':
    case 'json':
      return isBoundedString(input.text)
        ? ok({ kind, text: input.text })
        : fail(`"${kind}" needs a text string of at most 16 MiB.`);
    case 'binary':
      return parseBinary(input);
    case 'ping':
      if (input.text === undefined) return ok({ kind });
      return isBoundedString(input.text) ? ok({ kind, text: input.text }) : fail('"ping" text must be a string.');
    case 'close':
      return parseClose(input);
    case 'sio-emit':
      return parseEmit(input);
    case 'sio-connect':
      if (!isNamespaceName(input.namespace)) return fail('"sio-connect" needs a namespace starting with "/".');
      if (input.auth === undefined) return ok({ kind, namespace: input.namespace });
      return isBoundedString(input.auth)
        ? ok({ kind, namespace: input.namespace, auth: input.auth })
        : fail('"sio-connect" auth must be JSON text.');
    case 'sio-ack':
      return parseAck(input);
    case 'sio-disconnect':
      return isNamespaceName(input.namespace)
        ? ok({ kind, namespace: input.namespace })
        : fail('"sio-disconnect" needs a namespace starting with "/".');
    default:
      return unknownKind(kind);
  }
}

function unknownKind(kind: never): ParseResult<SendRequest> {
  return fail(`Unknown send kind ${describe(kind)}.`);
}

function parseBinary(input: Fields): ParseResult<SendRequest> {
  if (input.encoding !== 'hex' && input.encoding !== 'base64')
    return fail('"binary" needs encoding "hex" or "base64".');
  if (!isBoundedString(input.data)) return fail('"binary" needs a data string of at most 16 MiB.');
  return ok({ kind: 'binary', encoding: input.encoding, data: input.data });
}

function parseClose(input: Fields): ParseResult<SendRequest> {
  const request: Extract<SendRequest, { kind: 'close' }> = { kind: 'close' };
  if (input.code !== undefined) {
    if (!isInteger(input.code)) return fail('"close" code must be an integer.');
    request.code = input.code;
  }
  if (input.reason !== undefined) {
    if (!isBoundedString(input.reason)) return fail('"close" reason must be a string.');
    request.reason = input.reason;
  }
  return ok(request);
}

function parseEmit(input: Fields): ParseResult<SendRequest> {
  if (!isNamespaceName(input.namespace)) return fail('"sio-emit" needs a namespace starting with "/".');
  if (!isBoundedString(input.event) || input.event === '') return fail('"sio-emit" needs an event name.');
  if (!isBoundedString(input.args)) return fail('"sio-emit" needs args as JSON text.');
  if (typeof input.ack !== 'boolean') return fail('"sio-emit" needs ack true or false.');
  return ok({ kind: 'sio-emit', namespace: input.namespace, event: input.event, args: input.args, ack: input.ack });
}

function parseAck(input: Fields): ParseResult<SendRequest> {
  if (!isNamespaceName(input.namespace)) return fail('"sio-ack" needs a namespace starting with "/".');
  if (!isInteger(input.id) || input.id < 0) return fail('"sio-ack" needs the ack id (a whole number).');
  if (!isBoundedString(input.args)) return fail('"sio-ack" needs args as JSON text.');
  return ok({ kind: 'sio-ack', namespace: input.namespace, id: input.id, args: input.args });
}

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** A string whose UTF-8 encoding is at most MAX_STRING_BYTES. */
export function isBoundedString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // Every UTF-16 code unit takes 1–3 UTF-8 bytes: decide cheaply when possible, count otherwise.
  if (value.length > MAX_STRING_BYTES) return false;
  if (value.length * 3 <= MAX_STRING_BYTES) return true;
  return utf8Length(value) <= MAX_STRING_BYTES;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === null ? 'null' : typeof value;
}

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}
