/**
 * The one line a row shows for an event: a status line, a close code, an error, or the start of the payload,
 * bounded to PREVIEW_MAX_CHARS whatever the server sent. Pure.
 */
import type { CloseMeta, HttpMeta, LogEvent, Payload } from '../events/logEvent';
import { closeHeadline } from './closeCodes';
import { hexPreview } from './payloadView';
import {
  pollRequestPreview,
  pollResponsePreview,
  pollRetryPreview,
  reconnectPreview,
  sseEventPreview,
  sseIdPreview,
  sseRetryPreview,
} from './streamPreview';

/** The row preview is at most this many characters. */
export const PREVIEW_MAX_CHARS = 200;
/** A binary preview shows this many bytes as hex (3 characters each, within PREVIEW_MAX_CHARS). */
const PREVIEW_HEX_BYTES = 64;
/** Text previews look at no more of the payload than this (a 1 MiB message is not scanned for one line). */
const PREVIEW_SCAN_CHARS = PREVIEW_MAX_CHARS * 2;

const REASON_PHRASES: Record<number, string> = {
  101: 'Switching Protocols',
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Types whose row preview comes from their meta (a status line, a close code, an error, a note), not from the
 * start of their payload: previewOf's special cases below, named once for the query engine (issue #9).
 */
export const PREVIEW_FROM_META: ReadonlySet<string> = new Set([
  'handshake-request',
  'handshake-response',
  'close-frame',
  'closed',
  'error',
  'heartbeat-timeout',
  'open',
  // Issue 11: SSE events show their type and id before the data; generic polling rows their status, hold time,
  // item count and cursor (Engine.IO's polling rows keep the payload's start).
  'sse-event',
  'sse-retry',
  'sse-id',
  'reconnecting',
  'poll-request',
  'poll-response',
  'poll-retry',
]);

/** One line for the table: status line, close code, error, or the start of the payload. */
export function previewOf(event: LogEvent): string {
  const meta = event.meta ?? {};
  switch (event.type) {
    case 'handshake-request':
      return oneLine(requestLine(meta.request) ?? '');
    case 'handshake-response':
      return oneLine(statusLine(meta.response) ?? payloadPreview(event.payload));
    case 'close-frame':
      return oneLine(closeFramePreview(meta.close));
    case 'closed':
      return oneLine(closedSummary(meta.close) ?? meta.note ?? '');
    case 'error':
    case 'heartbeat-timeout':
      return oneLine(meta.error ? `${meta.error.code}: ${meta.error.message}` : (meta.note ?? ''));
    case 'open':
      return oneLine(openPreview(event) ?? meta.note ?? '');
    case 'import-warning':
      // Issue 10: what an import left out, in the row itself (the row's warning icon says it on hover only).
      return oneLine(meta.warning ?? '');
    default:
      if (event.layer === 'sse' || event.layer === 'poll') {
        const stream = STREAM_PREVIEWS[event.type];
        if (stream) return oneLine(stream(event));
      }
      if (event.payload) return payloadPreview(event.payload);
      return oneLine(meta.note ?? meta.request?.url ?? '');
  }
}

/**
 * Server-Sent Events and generic polling rows (layers `sse` and `poll`, issue 11); Engine.IO's polling rows
 * (layer `http`) keep the payload's start.
 */
const STREAM_PREVIEWS: Record<string, ((event: LogEvent) => string) | undefined> = {
  'sse-event': sseEventPreview,
  'sse-retry': sseRetryPreview,
  'sse-id': sseIdPreview,
  reconnecting: reconnectPreview,
  'poll-request': pollRequestPreview,
  'poll-response': (event) => pollResponsePreview(event, pollStatusText(event.meta?.response)),
  'poll-retry': pollRetryPreview,
};

/** `200` for a success (the row says the rest), `503 Service Unavailable` otherwise. */
function pollStatusText(response: HttpMeta | undefined): string {
  if (response?.status === undefined) return 'no status';
  return response.status >= 200 && response.status < 300 ? String(response.status) : statusHeadline(response);
}

function payloadPreview(payload: Payload | undefined): string {
  if (!payload) return '';
  if (payload.kind === 'binary') return hexPreview(payload.bytes, PREVIEW_HEX_BYTES, payload.byteLength);
  const more = payload.text.length > PREVIEW_SCAN_CHARS || payload.truncated !== undefined;
  return oneLine(payload.text.slice(0, PREVIEW_SCAN_CHARS), more);
}

/**
 * Cut to PREVIEW_MAX_CHARS with "…"; `more` says the input was already cut before it got here. Every
 * character is kept as it is (a NUL stays a NUL, a line break a line break): the webview shows
 * invisible and control characters as visible escapes, so two different payloads never look the same
 * (issue #7) — replacing them here with spaces or ⏎ made `a\0b` and `a b` one row.
 */
function oneLine(text: string, more = false): string {
  const flat = text;
  if (flat.length <= PREVIEW_MAX_CHARS && !more) return flat;
  let cut = flat.slice(0, PREVIEW_MAX_CHARS - 1);
  // Do not leave half of a surrogate pair at the end.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function requestLine(request: HttpMeta | undefined): string | undefined {
  if (!request) return undefined;
  return [request.method ?? 'GET', request.url ?? '', `HTTP/${request.httpVersion ?? '1.1'}`].filter(Boolean).join(' ');
}

function statusLine(response: HttpMeta | undefined): string | undefined {
  if (response?.status === undefined) return undefined;
  return `HTTP/${response.httpVersion ?? '1.1'} ${statusHeadline(response)}`;
}

/** "101 Switching Protocols": the server's reason phrase, or the standard one when it sent none. */
export function statusHeadline(response: HttpMeta): string {
  const status = response.status ?? 0;
  const text = response.statusText?.trim() || REASON_PHRASES[status] || '';
  return text ? `${status} ${text}` : String(status);
}

export function closeFramePreview(close: CloseMeta | undefined): string {
  if (close?.wireCode === undefined) return 'Close frame without a status code';
  const reason = close.wireReason ? `: ${close.wireReason}` : '';
  return `${closeHeadline(close.wireCode)}${reason}`;
}

export function closedSummary(close: CloseMeta | undefined): string | undefined {
  if (!close) return undefined;
  const code = close.wireCode ?? close.localCode;
  if (code === undefined) return undefined;
  const by =
    close.initiator === 'client' ? ' (closed by client)' : close.initiator === 'server' ? ' (closed by server)' : '';
  const reason = close.wireReason ?? close.localReason;
  return `${closeHeadline(code)}${by}${reason ? `: ${reason}` : ''}`;
}

function openPreview(event: LogEvent): string | undefined {
  const parts: string[] = [];
  if (event.meta?.subprotocol) parts.push(`subprotocol ${event.meta.subprotocol}`);
  if (event.meta?.extensions) parts.push(`extensions ${event.meta.extensions}`);
  return parts.length ? `Open · ${parts.join(' · ')}` : undefined;
}
