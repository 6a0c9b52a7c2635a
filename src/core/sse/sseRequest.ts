/**
 * The HTTP request of one SSE connection attempt over `node:http`/`https`: the headers an EventSource sends
 * (Accept: text/event-stream, Cache-Control: no-cache, Last-Event-ID) after the user's own, the POST body, and
 * the agent from the session's Network. A redirect is followed by the attempt, one request per hop (sseAttempt.ts).
 */
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { ResolvedSseOptions } from '../connection/sseOptions';
import type { Header } from '../events/logEvent';
import { headerObject, headerValue } from '../http/headers';
import { requestThroughAgent } from '../network/unpatchedRequest';
import type { HopRequest } from '../redirects/redirectPolicy';
import { keepSocketAlive } from '../session/tcpKeepAlive';
import { cutText } from './sseNotes';

/** The request as it goes out: headers in order (as logged) and the body. */
export interface SseRequestPlan {
  headers: Header[];
  body?: string;
  /** Something about the request the row should say (a Last-Event-ID that could not be sent). */
  warning?: string;
}

/** Characters Node refuses in a header value (after UTF-8 bytes are written one per character). */
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** The request's headers: the user's, then each default the user did not set, then Last-Event-ID. */
export function planSseRequest(options: ResolvedSseOptions, lastEventId: string | undefined): SseRequestPlan {
  const headers: Header[] = [...options.headers];
  const has = (name: string): boolean => headerValue(headers, name) !== undefined;
  if (!has('accept')) headers.push(['Accept', 'text/event-stream']);
  if (!has('cache-control')) headers.push(['Cache-Control', 'no-cache']);
  const body = options.method === 'POST' ? (options.body ?? '') : undefined;
  if (body !== undefined && !has('content-type')) headers.push(['Content-Type', defaultContentType(body)]);
  if (body !== undefined) headers.push(['Content-Length', String(Buffer.byteLength(body))]);
  let warning: string | undefined;
  // WHATWG: the header is sent when the last event ID string is not empty.
  if (lastEventId !== undefined && lastEventId !== '') {
    if (UNSENDABLE.test(wireText(lastEventId)))
      warning = `Last-Event-ID not sent: "${cutText(lastEventId, 60)}" has control characters HTTP cannot carry.`;
    else headers.push(['Last-Event-ID', lastEventId]);
  }
  return { headers, body, warning };
}

/** JSON when the body parses as JSON (what streamed AI APIs take), plain text otherwise. */
function defaultContentType(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'text/plain;charset=UTF-8';
  }
}

/**
 * A header value as Node writes it: one byte per character, so text beyond Latin-1 is given as its UTF-8
 * bytes (what a browser sends); ASCII is unchanged.
 */
function wireText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'utf8').toString('latin1');
}

/** What the request reports back; each listener runs inside the session's guard. */
export interface SseRequestListeners {
  response(res: IncomingMessage): void;
  error(error: Error): void;
}

/**
 * Sends the request of one hop (the first: the options' URL, method, planned headers and body); throws only when
 * Node refuses it outright (an unsendable header value), or when no agent was given (unpatchedRequest.ts).
 */
export function sendSseRequest(target: HopRequest, agent: Agent, listeners: SseRequestListeners): ClientRequest {
  const url = new URL(target.url.href);
  // Validation refuses user:password@ already; cleared again so Node never derives an Authorization from it.
  url.username = '';
  url.password = '';
  const wireHeaders = target.headers.map(([name, value]): Header => [name, wireText(value)]);
  const request = requestThroughAgent(url, { method: target.method, headers: headerObject(wireHeaders), agent });
  request.on('error', listeners.error);
  request.on('response', listeners.response);
  // A stream may stay silent for long: TCP keep-alive lets the kernel notice a peer that vanished (issue 12).
  request.on('socket', keepSocketAlive);
  request.end(target.body);
  return request;
}
