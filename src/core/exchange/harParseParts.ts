/**
 * The parts of a HAR entry that tools write differently, read leniently: headers (name/value objects), bodies
 * (text, or base64 by `encoding`, HTTP Toolkit's `_content` or our `_encoding`), WebSocket messages (Chrome's
 * shape: send/receive, epoch seconds, opcode, base64 for binary), HTTP Toolkit's `_webSocketClose`, EventSource
 * messages. A message the log has no row for (a control frame, an unknown type) is counted, not fatal.
 */
import type { Header } from '../events/logEvent';
import type { ModelBody, ModelEntry, ModelSseMessage, ModelWsMessage } from './harEntryModel';

type Json = Record<string, unknown>;

/** Times above this are epoch milliseconds, not seconds (year 5138 in seconds). */
const MS_THRESHOLD = 1e11;

export function readHeaders(value: unknown): Header[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((h): Header => [String(h.name ?? ''), String(h.value ?? '')]);
}

/** A request's postData or a response's content as a body; none when it holds no text. */
export function readBody(value: unknown, alternative?: Json): ModelBody | undefined {
  const source = isObject(value) && typeof value.text === 'string' ? value : alternative;
  if (!source || typeof source.text !== 'string' || source.text === '') return undefined;
  const mimeType = typeof source.mimeType === 'string' ? source.mimeType : '';
  const base64 = source.encoding === 'base64' || source._encoding === 'base64';
  if (!base64) return { data: source.text, mimeType };
  const bytes = decodeBase64(source.text);
  return bytes ? { data: bytes, mimeType } : { data: source.text, mimeType };
}

/** The data messages of `_webSocketMessages`; others are named in `skipped`. */
export function readWsMessages(value: unknown, skipped: string[]): ModelWsMessage[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const messages: ModelWsMessage[] = [];
  for (const item of value) {
    const message = readWsMessage(item);
    if (typeof message === 'string') skipped.push(message);
    else messages.push(message);
  }
  return messages;
}

function readWsMessage(item: unknown): ModelWsMessage | string {
  if (!isObject(item)) return 'a message that is not an object';
  if (item.type !== 'send' && item.type !== 'receive') return `a message of type ${JSON.stringify(item.type)}`;
  const time = epochMs(item.time);
  if (time === undefined) return 'a message without a time';
  if (typeof item.data !== 'string') return 'a message without data';
  const direction = item.type === 'send' ? 'out' : 'in';
  if (item.opcode === 1) return { direction, time, opcode: 1, data: item.data };
  if (item.opcode !== 2) return `a frame with opcode ${JSON.stringify(item.opcode)}`;
  const bytes = decodeBase64(item.data);
  return bytes ? { direction, time, opcode: 2, data: bytes } : 'a binary message whose data is not base64';
}

/** HTTP Toolkit's `_webSocketClose`: a code, a reason and a time, or `"aborted"`. */
export function readWsClose(value: unknown): ModelEntry['wsClose'] {
  if (value === 'aborted') return { reason: 'aborted' };
  if (!isObject(value)) return undefined;
  return {
    code: typeof value.code === 'number' ? value.code : undefined,
    reason: typeof value.reason === 'string' ? value.reason : undefined,
    time: epochMs(value.timestamp),
  };
}

/** The times of `_eventSourceMessages` (the events themselves are read from the stream's text). */
export function readSseMessages(value: unknown): ModelSseMessage[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => ({ time: isObject(item) ? epochMs(item.time) : undefined }));
}

/** Epoch seconds (or, when clearly so, milliseconds) as epoch ms. */
function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return value > MS_THRESHOLD ? value : value * 1000;
}

/** Strict base64 (standard or URL-safe, padding optional); undefined for anything else. */
function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64'));
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
