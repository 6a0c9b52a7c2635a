/**
 * The log rows one SSE attempt writes about its HTTP exchange: the request row (a long Last-Event-ID shown cut), the
 * handshake-response row, and the pair of rows a refusal leaves (its response with the kept body, then the error).
 * Kept apart from sseAttempt.ts so that file holds only the attempt's state and how it ends; these only shape rows.
 */
import type { IncomingMessage } from 'node:http';
import type { ErrorMeta, EventMeta, Header } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { textPayload } from '../payload/storedPayload';
import type { HopRequest, RedirectChain } from '../redirects/redirectPolicy';
import { unexpectedBodyPayload, type UnexpectedBody } from '../websocket/unexpectedResponse';
import type { SseContext } from './sseContext';
import { cutText } from './sseNotes';

/** A Last-Event-ID this long or longer is shown cut on the request row (the whole id still goes out). */
const LOGGED_HEADER_CHARS = 1024;

/** Logs the request of one hop; returns its row's seq, which the response rows point back to. */
export function logRequestRow(
  context: SseContext,
  hop: HopRequest,
  chain: RedirectChain | undefined,
  warning: string | undefined,
): number {
  const { options, append } = context;
  const headers = hop.headers.map(([name, value]): Header => [name, cutText(value, LOGGED_HEADER_CHARS)]);
  const url = chain?.hops ? hop.url.href : options.url;
  const request = { method: hop.method, url, headers };
  const meta: EventMeta = warning ? { request, warning } : { request };
  const payload = hop.body ? textPayload(hop.body, options.maxStoredPayloadBytes) : undefined;
  return append('out', 'http', 'handshake-request', meta, payload, payload?.byteLength ?? 0).seq;
}

/** Logs a response head without a body (an opened stream, a 204, a redirect hop). */
export function logResponseRow(
  context: SseContext,
  res: IncomingMessage,
  headers: Header[],
  durationMs: number,
  requestSeq: number,
): void {
  context.append('in', 'http', 'handshake-response', { response: responseFacts(res, headers), durationMs, requestSeq });
}

/** Logs a refusal: its response row with the kept body (never rendered), then the error row carrying the same. */
export function logRefusalRows(
  context: SseContext,
  res: IncomingMessage,
  headers: Header[],
  refusal: { error: ErrorMeta; body: UnexpectedBody; sentAt: number; requestSeq: number },
): void {
  const { error, body, sentAt, requestSeq } = refusal;
  const { options, append, clock } = context;
  const payload = unexpectedBodyPayload(
    body.bytes,
    headerValue(headers, 'content-encoding'),
    options.maxStoredPayloadBytes,
  );
  const response = responseFacts(res, headers);
  const note = body.truncated ? `Body cut at ${body.bytes.length} bytes` : undefined;
  const durationMs = clock.mono() - sentAt;
  const meta: EventMeta = { response, durationMs, requestSeq };
  if (note) meta.note = note;
  append('in', 'http', 'handshake-response', meta, payload, body.bytes.length);
  // The error row is the one a user clicks first: it carries the status, headers and body too.
  append('local', 'sse', 'error', { error, response }, payload, payload.byteLength);
}

/** The response part of a handshake-response row. */
function responseFacts(res: IncomingMessage, headers: Header[]): NonNullable<EventMeta['response']> {
  return { httpVersion: res.httpVersion, status: res.statusCode, statusText: res.statusMessage, headers };
}
