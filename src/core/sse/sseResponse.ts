/**
 * What an SSE response head means (WHATWG "Server-sent events", processing the response): 200 with
 * `text/event-stream` opens the stream; 204 No Content tells the client to stop; any other status or
 * content type fails the connection without a reconnect. Also the decoder for a compressed stream. Pure.
 */
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ErrorCode } from '../errors';
import type { ErrorMeta, Header } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { badEncoding, cutText } from './sseNotes';

export type ResponseVerdict =
  /** An event stream; `encoding` is its Content-Encoding when it is compressed (gzip, deflate, br). */
  | { kind: 'open'; encoding?: string }
  /** 204 No Content: the server asks the client not to reconnect. */
  | { kind: 'stop' }
  /** Anything else: the body is read (capped) for the log and the session ends. */
  | { kind: 'refuse'; error: ErrorMeta };

const ENCODINGS = ['gzip', 'x-gzip', 'deflate', 'br'];

/** Judges a response head. */
export function judgeResponse(status: number, statusText: string | undefined, headers: Header[]): ResponseVerdict {
  if (status === 204) return { kind: 'stop' };
  const contentType = headerValue(headers, 'content-type');
  if (status !== 200) return { kind: 'refuse', error: unexpectedStatus(status, statusText, headers) };
  if (!isEventStream(contentType)) return { kind: 'refuse', error: notEventStream(contentType) };
  const encoding = (headerValue(headers, 'content-encoding') ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return { kind: 'open' };
  if (ENCODINGS.includes(encoding)) return { kind: 'open', encoding };
  return { kind: 'refuse', error: badEncoding(encoding, 'Supported: gzip, deflate, br.') };
}

/** Whether a Content-Type is `text/event-stream` (its MIME essence; parameters such as charset allowed). */
export function isEventStream(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'text/event-stream';
}

/** A streaming decoder for a compressed stream's Content-Encoding. */
export function streamDecoder(encoding: string): Transform {
  if (encoding === 'br') return createBrotliDecompress();
  if (encoding === 'deflate') return createInflate();
  return createGunzip();
}

function notEventStream(contentType: string | undefined): ErrorMeta {
  const got = contentType ? `Content-Type "${cutText(contentType, 80)}"` : 'no Content-Type';
  return {
    code: ErrorCode.SseNotEventStream,
    message: `The server answered 200 with ${got} instead of text/event-stream: this is not an event stream.`,
    hint:
      'The URL serves something else (a page or an API answer, shown as text on the response row): check the ' +
      'path, the method, or an Accept header you set.',
  };
}

function unexpectedStatus(status: number, statusText: string | undefined, headers: Header[]): ErrorMeta {
  return {
    code: ErrorCode.UnexpectedResponse,
    message: `The server answered ${status} ${cutText(statusText ?? '', 80)}`.trimEnd() + ' instead of 200.',
    hint: hintForStatus(status, headers),
  };
}

/** What a status usually means for an event stream, and what to try. */
function hintForStatus(status: number, headers: Header[]): string {
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, 'location');
    const to = location ? ` to ${cutText(location, 200)}` : '';
    return (
      `The server redirects${to}. Redirects are not followed (followRedirects is off): connect to the new URL ` +
      'directly if you trust it, or turn followRedirects on.'
    );
  }
  if (status === 401 || status === 403) return 'The server wants credentials: add an Authorization or Cookie header.';
  if (status === 404) return 'Nothing is served at this path: check the URL.';
  if (status === 405) return 'The server does not accept this method here: try GET or POST.';
  if (status === 406) return 'The server cannot answer with text/event-stream (check an Accept header you set).';
  if (status === 429) return 'Too many requests: the server limits the rate (see its Retry-After header).';
  if (status >= 500) return 'The server failed. WHATWG says not to reconnect after an error status: start again later.';
  return 'The server did not open an event stream at this URL.';
}
