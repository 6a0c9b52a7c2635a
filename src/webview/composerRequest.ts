/**
 * Turns the composer's fields into a SendRequest (shared/sendRequest.ts), with light checks that
 * give the user a precise message before anything is sent. The host validates again: these checks
 * are for comfort, not for safety.
 */
import type { SendRequest } from '../shared/sendRequest';
import { jsonErrorLocation, utf8Length } from './format';

/** Every kind the composer can build (the SendKinds). */
export const COMPOSER_KINDS = [
  'text',
  'json',
  'binary',
  'ping',
  'close',
  'sio-emit',
  'sio-connect',
  'sio-disconnect',
] as const;
export type ComposerKind = (typeof COMPOSER_KINDS)[number];

/**
 * The composer's kinds among those the session accepts (the host sends them: core decides once what
 * each kind of session can send). `sio-ack` answers a server's request and is offered from its row,
 * not here; a list with nothing the composer knows falls back to text.
 */
export function composerKindsOf(sendKinds: readonly string[]): readonly ComposerKind[] {
  const offered = sendKinds.filter((kind): kind is ComposerKind => isComposerKind(kind));
  return offered.length > 0 ? offered : ['text'];
}

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
  /** Socket.IO: namespace, event name, ack wanted, and the auth object (JSON) for sio-connect. */
  namespace: string;
  event: string;
  ack: boolean;
  auth: string;
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
    case 'sio-emit':
      return buildEmit(fields);
    case 'sio-connect':
      return buildNamespaceConnect(fields.namespace, fields.auth);
    case 'sio-disconnect':
      return { ok: true, request: { kind: 'sio-disconnect', namespace: fields.namespace.trim() || '/' } };
  }
}

/** Why JSON text does not parse, with where, or undefined when it does. */
function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '');
    const where = jsonErrorLocation(text, message);
    return `Invalid JSON${where ? ` at ${where}` : ''}: ${message}`;
  }
}

/** Socket.IO emit: the text area holds the arguments as a JSON array (binary as {"$binary":"<base64>"}). */
function buildEmit(fields: ComposerFields): ComposerResult {
  const namespace = fields.namespace.trim() || '/';
  const event = fields.event.trim();
  if (!event) return { ok: false, error: 'Type the event name.' };
  const args = fields.text.trim() === '' ? '[]' : fields.text;
  const problem = jsonProblem(args);
  if (problem) return { ok: false, error: problem };
  if (!Array.isArray(JSON.parse(args))) {
    return { ok: false, error: 'The arguments are a JSON array, e.g. ["hello", {"n": 1}].' };
  }
  return { ok: true, request: { kind: 'sio-emit', namespace, event, args, ack: fields.ack } };
}

function buildNamespaceConnect(namespaceText: string, auth: string): ComposerResult {
  const namespace = namespaceText.trim() || '/';
  if (auth.trim() === '') return { ok: true, request: { kind: 'sio-connect', namespace } };
  const problem = jsonProblem(auth);
  if (problem) return { ok: false, error: `Auth: ${problem}` };
  const parsed: unknown = JSON.parse(auth);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: 'Auth is a JSON object, e.g. {"token": "abc"}.' };
  }
  return { ok: true, request: { kind: 'sio-connect', namespace, auth } };
}

function buildJson(text: string): ComposerResult {
  if (!text.trim()) return { ok: false, error: 'Type a JSON value to send.' };
  // V8 may echo the whole input ('Unexpected token '}', "…" is not valid JSON'): jsonProblem keeps only the reason.
  const problem = jsonProblem(text);
  if (problem) return { ok: false, error: problem };
  // Sent as typed, not re-serialised: the user may care about key order and whitespace.
  return { ok: true, request: { kind: 'json', text } };
}

function buildBinary(encoding: 'hex' | 'base64', bytesText: string): ComposerResult {
  if (encoding === 'hex') {
    const digits = bytesText.replace(/0x/gi, '').replace(/[\s,:]/g, '');
    const bad = /[^0-9a-f]/i.exec(digits);
    if (bad) return { ok: false, error: `Not a hex digit: "${bad[0]}".` };
    if (digits.length % 2 !== 0) return { ok: false, error: 'Hex data needs an even number of digits (two per byte).' };
  } else {
    const compact = bytesText.replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return { ok: false, error: 'Not valid base64.' };
  }
  return { ok: true, request: { kind: 'binary', encoding, data: bytesText } };
}

function buildPing(text: string): ComposerResult {
  if (!text) return { ok: true, request: { kind: 'ping' } };
  const bytes = utf8Length(text);
  if (bytes > MAX_PING_BYTES) {
    return { ok: false, error: `A ping payload is at most ${MAX_PING_BYTES} bytes; this one is ${bytes}.` };
  }
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
  if (!isSendableCloseCode(code)) {
    return { ok: false, error: `${trimmed} is not a close code you can send (use 1000–1003, 1007–1014 or 3000–4999).` };
  }
  const bytes = utf8Length(reason);
  if (bytes > MAX_CLOSE_REASON_BYTES) {
    return { ok: false, error: `A close reason is at most ${MAX_CLOSE_REASON_BYTES} bytes; this one is ${bytes}.` };
  }
  return { ok: true, request: reason ? { kind: 'close', code, reason } : { kind: 'close', code } };
}
