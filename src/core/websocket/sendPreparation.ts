/**
 * Turns a SendRequest into what goes on the wire, or a plain-words reason why it cannot.
 * Pure: the same checks serve the panel, the command palette, the editor and replay.
 */
import type { SendRequest } from '../session/sendRequest';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { parseBase64, parseHex } from '../payload/binaryInput';

export type WireAction =
  | { op: 'message'; binary: false; text: string }
  | { op: 'message'; binary: true; bytes: Uint8Array }
  | { op: 'ping'; bytes: Uint8Array }
  | { op: 'close'; code?: number; reason?: string };

export type PreparedSend = { ok: true; action: WireAction } | { ok: false; error: ErrorMeta };

/** Control frame payloads are limited to 125 bytes (RFC 6455 §5.5); a close reason to 123 after the code. */
const MAX_CONTROL_PAYLOAD = 125;
const MAX_CLOSE_REASON = 123;

/** Checks a request and says what goes on the wire, or why it cannot (RI_INVALID_MESSAGE). Never throws. */
export function prepareSend(request: SendRequest): PreparedSend {
  switch (request?.kind) {
    case 'text':
      if (typeof request.text !== 'string') return invalid('The text message is missing.');
      return { ok: true, action: { op: 'message', binary: false, text: request.text } };
    case 'json': {
      if (typeof request.text !== 'string') return invalid('The JSON message is missing.');
      try {
        JSON.parse(request.text);
      } catch (error) {
        return invalid(`Not valid JSON: ${(error as Error).message}.`, 'Fix the JSON, or send it as text.');
      }
      return { ok: true, action: { op: 'message', binary: false, text: request.text } };
    }
    case 'binary':
      return prepareBinary(request);
    case 'ping': {
      const bytes = new TextEncoder().encode(typeof request.text === 'string' ? request.text : '');
      if (bytes.length > MAX_CONTROL_PAYLOAD) {
        return invalid(`A ping payload can hold at most ${MAX_CONTROL_PAYLOAD} bytes (this one has ${bytes.length}).`);
      }
      return { ok: true, action: { op: 'ping', bytes } };
    }
    case 'close':
      return prepareClose(request);
    default:
      return invalid(`Unknown message kind ${describeKind((request as { kind?: unknown } | undefined)?.kind)}.`);
  }
}

function invalid(message: string, hint?: string): PreparedSend {
  return { ok: false, error: { code: ErrorCode.InvalidMessage, message, hint } };
}

function prepareBinary(request: Extract<SendRequest, { kind: 'binary' }>): PreparedSend {
  if (typeof request.data !== 'string') return invalid('The binary payload is missing.');
  const parse = request.encoding === 'hex' ? parseHex : request.encoding === 'base64' ? parseBase64 : undefined;
  if (!parse) return invalid('Binary encoding must be "hex" or "base64".');
  const parsed = parse(request.data);
  if (!parsed.ok) return invalid(parsed.error);
  return { ok: true, action: { op: 'message', binary: true, bytes: parsed.bytes } };
}

/** §5.5.1: an optional 2-byte code (§7.4), then a UTF-8 reason, within a 125-byte control payload. */
function prepareClose(request: Extract<SendRequest, { kind: 'close' }>): PreparedSend {
  const { code, reason } = request;
  if (reason !== undefined && typeof reason !== 'string') return invalid('A close reason must be text.');
  if (code === undefined) {
    if (reason) return invalid('A close reason needs a close code.');
    return { ok: true, action: { op: 'close' } };
  }
  // Checked before it is put in words: an object without a prototype cannot become text.
  if (typeof code !== 'number') {
    return invalid(`A ${typeof code} cannot be sent as a close code: it must be a number.`, CLOSE_CODE_HINT);
  }
  if (!isSendableCloseCode(code)) return invalid(`${code} cannot be sent as a close code.`, CLOSE_CODE_HINT);
  const reasonBytes = new TextEncoder().encode(reason ?? '').length;
  if (reasonBytes > MAX_CLOSE_REASON) {
    return invalid(`A close reason can hold at most ${MAX_CLOSE_REASON} bytes (this one has ${reasonBytes}).`);
  }
  return { ok: true, action: { op: 'close', code, reason: reason ?? '' } };
}

const CLOSE_CODE_HINT =
  'Use 1000 (normal), 1001 (going away), 1002, 1003, 1007–1014, or an application code 3000–4999.';

/** Codes an endpoint may put in a close frame (RFC 6455 §7.4; 1004–1006 and 1015 are reserved). */
export function isSendableCloseCode(code: number): boolean {
  return (
    Number.isInteger(code) &&
    ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
      (code >= 3000 && code <= 4999))
  );
}

/**
 * A kind as the user typed it, for the error; any value (a BigInt or a null-prototype object would make
 * JSON.stringify or String throw).
 */
function describeKind(kind: unknown): string {
  return typeof kind === 'string' ? JSON.stringify(kind) : kind === undefined ? 'undefined' : `of type ${typeof kind}`;
}
