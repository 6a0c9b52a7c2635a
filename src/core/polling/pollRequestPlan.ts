/**
 * What the next request of a polling session is: the URL with the cursor in its query, or the body with
 * the cursor in its JSON, and the headers that go with the body. Pure.
 */
import type { ResolvedPollOptions } from '../connection/pollOptions';
import type { Header } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { cursorText, type CursorValue } from './cursorPath';

export interface PlannedRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Header[];
  body?: string;
}

/** The request for `cursor` (undefined before the first answer gave one: the URL and body as configured). */
export function planRequest(options: ResolvedPollOptions, cursor: CursorValue | undefined): PlannedRequest {
  const url = new URL(options.endpoint.href);
  let body = options.body;
  const target = options.cursor?.target;
  if (cursor !== undefined && target?.in === 'query') url.searchParams.set(target.name, cursorText(cursor));
  if (cursor !== undefined && target?.in === 'body') body = bodyWithCursor(options.body, target.field, cursor);
  const planned: PlannedRequest = { method: options.method, url, headers: requestHeaders(options, body) };
  if (body !== undefined) planned.body = body;
  return planned;
}

/** The configured JSON object body (or `{}`) with `field` set to the cursor, keeping its JSON type. */
export function bodyWithCursor(body: string | undefined, field: string, cursor: CursorValue): string {
  let base: Record<string, unknown> = {};
  try {
    const parsed: unknown = body === undefined ? {} : JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      base = parsed as Record<string, unknown>;
  } catch {
    // Validation refused a non-object body already; an empty object is the safe fallback.
  }
  // A computed key in a literal defines an own property, even for "__proto__".
  return JSON.stringify({ ...base, [field]: cursor });
}

/**
 * The user's headers, then what the body needs when they did not set it: a Content-Type (JSON when the
 * body parses as JSON, else text), the Content-Length (so it shows in the log), and Accept-Encoding.
 */
function requestHeaders(options: ResolvedPollOptions, body: string | undefined): Header[] {
  const headers: Header[] = [...options.headers];
  if (options.method === 'POST') {
    if (body !== undefined && !headerValue(headers, 'content-type'))
      headers.push(['Content-Type', looksLikeJson(body) ? 'application/json' : 'text/plain;charset=UTF-8']);
    headers.push(['Content-Length', String(body === undefined ? 0 : Buffer.byteLength(body))]);
  }
  if (!headerValue(headers, 'accept-encoding')) headers.push(['Accept-Encoding', 'gzip, deflate, br']);
  return headers;
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
