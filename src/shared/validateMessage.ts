/**
 * The allowlist for messages from the webview (style.md rule 2). The webview renders hostile data,
 * so anything it posts is treated as untrusted input: only the types in `WebviewToHost`, with
 * exactly typed fields, get through. Valid messages are rebuilt from their known fields, so extra
 * properties never reach the host. Pure, no vscode, no Node, never throws.
 */
import type { WebviewToHost } from './protocol';
import { SEND_KINDS, type SendRequest } from './sendRequest';

/** Longest string accepted in any field, in UTF-8 bytes (16 MiB). */
export const MAX_STRING_BYTES = 16 * 1024 * 1024;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

/** Validates one message posted by the webview. */
export function parseWebviewMessage(input: unknown): ParseResult<WebviewToHost> {
  try {
    return parseMessage(input);
  } catch {
    // Getters on a hostile object could throw; webview messages are structured clones, but be total anyway.
    return fail('The message could not be read.');
  }
}

/** Validates a SendRequest (from the webview, a command argument, or a profile). */
export function parseSendRequest(input: unknown): ParseResult<SendRequest> {
  if (!isObject(input)) return fail('A send request must be an object.');
  const kind = input.kind;
  if (typeof kind !== 'string' || !(SEND_KINDS as readonly string[]).includes(kind)) return fail(`Unknown send kind ${describe(kind)}.`);
  switch (kind) {
    case 'text':
    case 'json': {
      const text = input.text;
      if (!isBoundedString(text)) return fail(`"${kind}" needs a text string of at most 16 MiB.`);
      return ok({ kind, text });
    }
    case 'binary': {
      if (input.encoding !== 'hex' && input.encoding !== 'base64') return fail('"binary" needs encoding "hex" or "base64".');
      if (!isBoundedString(input.data)) return fail('"binary" needs a data string of at most 16 MiB.');
      return ok({ kind, encoding: input.encoding, data: input.data });
    }
    case 'ping': {
      if (input.text === undefined) return ok({ kind });
      if (!isBoundedString(input.text)) return fail('"ping" text must be a string.');
      return ok({ kind, text: input.text });
    }
    case 'sio-emit': {
      if (!isNamespace(input.namespace)) return fail('"sio-emit" needs a namespace starting with "/".');
      if (!isBoundedString(input.event) || input.event === '') return fail('"sio-emit" needs an event name.');
      if (!isBoundedString(input.args)) return fail('"sio-emit" needs args as JSON text.');
      if (typeof input.ack !== 'boolean') return fail('"sio-emit" needs ack true or false.');
      return ok({ kind, namespace: input.namespace, event: input.event, args: input.args, ack: input.ack });
    }
    case 'sio-connect': {
      if (!isNamespace(input.namespace)) return fail('"sio-connect" needs a namespace starting with "/".');
      if (input.auth === undefined) return ok({ kind, namespace: input.namespace });
      if (!isBoundedString(input.auth)) return fail('"sio-connect" auth must be JSON text.');
      return ok({ kind, namespace: input.namespace, auth: input.auth });
    }
    case 'sio-ack': {
      if (!isNamespace(input.namespace)) return fail('"sio-ack" needs a namespace starting with "/".');
      if (!isInteger(input.id) || input.id < 0) return fail('"sio-ack" needs the ack id (a whole number).');
      if (!isBoundedString(input.args)) return fail('"sio-ack" needs args as JSON text.');
      return ok({ kind, namespace: input.namespace, id: input.id, args: input.args });
    }
    case 'sio-disconnect': {
      if (!isNamespace(input.namespace)) return fail('"sio-disconnect" needs a namespace starting with "/".');
      return ok({ kind, namespace: input.namespace });
    }
    default: {
      const request: SendRequest = { kind: 'close' };
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
  }
}

function parseMessage(input: unknown): ParseResult<WebviewToHost> {
  if (!isObject(input)) return fail('A message must be an object.');
  const type = input.type;
  switch (type) {
    case 'webview/ready':
    case 'session/disconnect':
    case 'session/reconnect':
      return ok({ type });
    case 'events/getPage': {
      const { requestId, fromSeq, limit } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isInteger(fromSeq) || fromSeq < 0) return badField(type, 'fromSeq');
      if (!isInteger(limit) || limit < 0) return badField(type, 'limit');
      return ok({ type, requestId, fromSeq, limit });
    }
    case 'events/getDetails': {
      const { requestId, seq, reveal } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isInteger(seq) || seq < 1) return badField(type, 'seq');
      if (reveal !== undefined && typeof reveal !== 'boolean') return badField(type, 'reveal');
      return ok(reveal ? { type, requestId, seq, reveal } : { type, requestId, seq });
    }
    case 'events/replay': {
      const { requestId, seq } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isInteger(seq) || seq < 1) return badField(type, 'seq');
      return ok({ type, requestId, seq });
    }
    case 'composer/send': {
      const { requestId } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      const request = parseSendRequest(input.request);
      if (!request.ok) return fail(`composer/send: ${request.reason}`);
      return ok({ type, requestId, request: request.value });
    }
    default:
      return fail(`Unknown message type ${describe(type)}.`);
  }
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isRequestId(value: unknown): value is number {
  return isInteger(value) && value >= 0;
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

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === null ? 'null' : typeof value;
}

function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

function fail<T>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}

function badField<T>(type: string, field: string): ParseResult<T> {
  return fail(`${type}: "${field}" must be a non-negative integer${field === 'seq' ? ' ≥ 1' : ''}.`);
}

function isNamespace(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('/') && value.length <= 1024 && !/[,\s]/.test(value);
}
