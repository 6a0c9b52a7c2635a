/**
 * Turns the composer's fields into a SendRequest (shared/sendRequest.ts), with light checks that
 * give the user a precise message before anything is sent. The host validates again: these checks
 * are for comfort, not for safety.
 */
import type { SendRequest } from '../shared/sendRequest';
import { jsonErrorLocation, utf8Length } from './format';

/**
 * The kinds this composer offers: the raw WebSocket subset of SendKind. Socket.IO kinds (emit,
 * connect, disconnect) need their own fields and come with the Socket.IO composer.
 */
export const COMPOSER_KINDS = ['text', 'json', 'binary', 'ping', 'close'] as const;
export type ComposerKind = (typeof COMPOSER_KINDS)[number];

/** True when `value` is one of COMPOSER_KINDS (for a kind restored from saved state). */
export function isComposerKind(value: unknown): value is ComposerKind {
  return (COMPOSER_KINDS as readonly unknown[]).includes(value);
}

/** The composer's fields as typed. */
export interface ComposerFields {
  kind: ComposerKind;
  /** The main text area: the message, JSON, hex/base64 data, or the ping payload. */
  text: string;
  encoding: 'hex' | 'base64';
  /** Close code as typed (may be empty). */
  closeCode: string;
  closeReason: string;
}

/** A request ready to send, or why not. */
export type ComposerResult = { ok: true; request: SendRequest } | { ok: false; error: string };

/** RFC 6455 §5.5: control frame payloads are at most 125 bytes; a close frame spends 2 on the code. */
export const MAX_PING_BYTES = 125;
export const MAX_CLOSE_REASON_BYTES = 123;

/** Builds the SendRequest for `fields`, or a plain-words error. */
export function buildSendRequest(fields: ComposerFields): ComposerResult {
  switch (fields.kind) {
    case 'text':
      return { ok: true, request: { kind: 'text', text: fields.text } };
    case 'json':
      return buildJson(fields.text);
    case 'binary':
      return buildBinary(fields.encoding, fields.text);
    case 'ping':
      return buildPing(fields.text);
    case 'close':
      return buildClose(fields.closeCode, fields.closeReason);
  }
}

function buildJson(text: string): ComposerResult {
  if (!text.trim()) return { ok: false, error: 'Type a JSON value to send.' };
  try {
    JSON.parse(text);
  } catch (error) {
    // V8 may echo the whole input ('Unexpected token '}', "…" is not valid JSON'): keep only the reason.
    const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '');
    const where = jsonErrorLocation(text, message);
    return { ok: false, error: `Invalid JSON${where ? ` at ${where}` : ''}: ${message}` };
  }
  // Sent as typed, not re-serialised: the user may care about key order and whitespace.
  return { ok: true, request: { kind: 'json', text } };
}

function buildBinary(encoding: 'hex' | 'base64', data: string): ComposerResult {
  if (encoding === 'hex') {
    const digits = data.replace(/0x/gi, '').replace(/[\s,:]/g, '');
    const bad = /[^0-9a-f]/i.exec(digits);
    if (bad) return { ok: false, error: `Not a hex digit: "${bad[0]}".` };
    if (digits.length % 2 !== 0) return { ok: false, error: 'Hex data needs an even number of digits (two per byte).' };
  } else {
    const compact = data.replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return { ok: false, error: 'Not valid base64.' };
  }
  return { ok: true, request: { kind: 'binary', encoding, data } };
}

function buildPing(text: string): ComposerResult {
  if (!text) return { ok: true, request: { kind: 'ping' } };
  const bytes = utf8Length(text);
  if (bytes > MAX_PING_BYTES) return { ok: false, error: `A ping payload is at most ${MAX_PING_BYTES} bytes; this one is ${bytes}.` };
  return { ok: true, request: { kind: 'ping', text } };
}

/** Codes an endpoint may put in a close frame (RFC 6455 §7.4: 1004–1006 and 1015 are reserved for reporting). */
export function isSendableCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}

function buildClose(codeText: string, reason: string): ComposerResult {
  const trimmed = codeText.trim();
  if (!trimmed) {
    // §5.5.1: a reason can only follow a code.
    if (reason) return { ok: false, error: 'A close reason needs a close code (for example 1000).' };
    return { ok: true, request: { kind: 'close' } };
  }
  const code = Number(trimmed);
  if (!isSendableCloseCode(code)) return { ok: false, error: `${trimmed} is not a close code you can send (use 1000–1003, 1007–1014 or 3000–4999).` };
  const bytes = utf8Length(reason);
  if (bytes > MAX_CLOSE_REASON_BYTES) return { ok: false, error: `A close reason is at most ${MAX_CLOSE_REASON_BYTES} bytes; this one is ${bytes}.` };
  return { ok: true, request: reason ? { kind: 'close', code, reason } : { kind: 'close', code } };
}
