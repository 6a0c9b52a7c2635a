/**
 * The log rows of a HAR entry, shaped as a live session writes them (so the view and the layer decoders read
 * them alike): an Engine.IO polling exchange as `poll-request`/`poll-response` on the http layer, a generic
 * one on the poll layer, a WebSocket or event stream as `handshake-request`/`handshake-response`, a WebSocket
 * message as a ws `message` with its opcode, a request that got no answer as an `error` row. Pure; times are
 * epoch ms, the log writer adds the monotonic time.
 */
import { ErrorCode } from '../errors';
import type { HttpMeta, NewLogEvent, Payload } from '../events/logEvent';
import { binaryPayload, textOrBinary, textPayload } from '../payload/storedPayload';
import type { EntryRole } from './harConversation';
import type { ModelEntry, ModelWsMessage } from './harEntryModel';

/** A row without its monotonic time (the writer derives it from `time`). */
export type TimedEvent = Omit<NewLogEvent, 'mono'>;

/** The stored payload of a body or message: text as text, bytes as text when UTF-8 unless they must stay bytes. */
export function payloadOf(data: string | Uint8Array, max: number, keepBytes = false): Payload {
  if (typeof data === 'string') return textPayload(data, max);
  return keepBytes ? binaryPayload(data, max) : textOrBinary(data, max);
}

/** The request row of an entry. */
export function requestEvent(entry: ModelEntry, role: EntryRole, max: number): TimedEvent {
  const { request } = entry;
  const meta: HttpMeta = { method: request.method, url: request.url, headers: request.headers };
  const version = plainVersion(request.httpVersion);
  if (version) meta.httpVersion = version;
  const payload = request.body ? payloadOf(request.body.data, max) : undefined;
  const row: TimedEvent = { time: entry.start, direction: 'out', layer: 'http', type: 'poll-request', size: 0 };
  if (payload) Object.assign(row, { payload, size: payload.byteLength });
  if (role === 'eio-polling') row.meta = { request: meta, eio: { transport: 'polling' } };
  else if (role === 'http') Object.assign(row, { layer: 'poll', meta: { request: meta, poll: {} } });
  else Object.assign(row, { type: 'handshake-request', meta: { request: meta } });
  return row;
}

/** The response row of an entry (an `error` row when it got none), answering the request row `requestSeq`. */
export function responseEvent(entry: ModelEntry, role: EntryRole, requestSeq: number, max: number): TimedEvent {
  const { response } = entry;
  const layer = role === 'http' ? 'poll' : 'http';
  if (response.status === 0) return failedEvent(entry, layer, requestSeq);
  const meta: HttpMeta = { status: response.status, statusText: response.statusText, headers: response.headers };
  const version = plainVersion(response.httpVersion);
  if (version) meta.httpVersion = version;
  const streamed = isStreamed(role);
  // An open event stream's body is its rows (eventStreamRows.ts), as live; an error page stays the payload.
  const bodyIsRows = role === 'sse' && response.status === 200;
  const payload = response.body && !bodyIsRows ? payloadOf(response.body.data, max) : undefined;
  const durationMs = streamed ? (entry.firstByte ?? entry.duration) : entry.duration;
  const row: TimedEvent = {
    time: entry.start + durationMs,
    direction: 'in',
    layer,
    type: streamed ? 'handshake-response' : 'poll-response',
    size: payload?.byteLength ?? 0,
    meta: { response: meta, durationMs, requestSeq },
  };
  if (payload) row.payload = payload;
  if (role === 'eio-polling') row.meta!.eio = { transport: 'polling', answers: answers(entry) };
  if (role === 'http') {
    row.parent = requestSeq;
    row.meta!.poll = pollFacts(entry);
  }
  return row;
}

/** When the response row of an entry is (a WebSocket's or a stream's: when its head came, not when it ended). */
export function responseTime(entry: ModelEntry, role: EntryRole): number {
  if (entry.response.status === 0) return entry.start + entry.duration;
  return entry.start + (isStreamed(role) ? (entry.firstByte ?? entry.duration) : entry.duration);
}

function isStreamed(role: EntryRole): boolean {
  return role === 'websocket' || role === 'eio-websocket' || role === 'sse';
}

/** A WebSocket message row. */
export function wsMessageEvent(message: ModelWsMessage, max: number): TimedEvent {
  const payload = payloadOf(message.data, max, message.opcode === 2);
  return {
    time: message.time,
    direction: message.direction,
    layer: 'ws',
    type: 'message',
    size: payload.byteLength,
    payload,
    meta: { frame: { opcode: message.opcode } },
  };
}

/** How a WebSocket ended, when the file says (HTTP Toolkit's `_webSocketClose`). */
export function wsCloseEvent(entry: ModelEntry, after: number): TimedEvent | undefined {
  const close = entry.wsClose;
  if (!close) return undefined;
  const what = close.code !== undefined ? `${close.code}${close.reason ? ` ${close.reason}` : ''}` : close.reason;
  return {
    time: Math.max(close.time ?? after, after),
    direction: 'local',
    layer: 'ws',
    type: 'closed',
    size: 0,
    meta: {
      close: defined({ localCode: close.code, localReason: close.reason }),
      note: `Closed: ${what ?? 'no code'}.`,
    },
  };
}

/** The method a polling response answers: a POST's is the server's `ok`, a GET's carries packets. */
function answers(entry: ModelEntry): 'GET' | 'POST' {
  return entry.request.method.toUpperCase() === 'POST' ? 'POST' : 'GET';
}

function pollFacts(entry: ModelEntry): NonNullable<NewLogEvent['meta']>['poll'] {
  const { dns, connect, ssl } = entry.timings;
  const connectMs = connect === undefined ? undefined : Math.max(0, connect - (ssl ?? 0));
  return defined({ holdMs: entry.duration, firstByteMs: entry.firstByte, dnsMs: dns, connectMs, tlsMs: ssl });
}

/** The object without its undefined fields (a stored event holds no `undefined`). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function failedEvent(entry: ModelEntry, layer: 'http' | 'poll', requestSeq: number): TimedEvent {
  const why = entry.response.error ? `: ${entry.response.error}` : '';
  return {
    time: entry.start + entry.duration,
    direction: 'local',
    layer,
    type: 'error',
    size: 0,
    meta: { error: { code: ErrorCode.NetworkError, message: `The request got no response${why}.` }, requestSeq },
  };
}

/** `HTTP/1.1` → `1.1`, as the live log keeps it; empty for none. */
function plainVersion(version: string): string | undefined {
  const plain = version.replace(/^http\//i, '');
  return plain === '' ? undefined : plain;
}
