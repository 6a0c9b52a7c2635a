/**
 * What the plain-HTTP kinds (Server-Sent Events, long and short polling) ask of a request alike: an http(s) URL a
 * request can go to as written, GET or POST, a POST's text body within a cap, and headers that neither break
 * HTTP's framing nor inject another header. One rule for both kinds; each names its own example and limits.
 */
import { FORBIDDEN_VALUE_CHARS, TOKEN, truncate, type ValidationIssue } from './commonOptions';

export type HttpMethod = 'GET' | 'POST';

/** Headers Node's HTTP client sets from the request itself (framing, target): a user's value would break it. */
const FRAMING_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te']);

/**
 * Checks a URL for a plain-HTTP session; returns a message or undefined. `example` is a URL shown when none was
 * typed, `purpose` ends the sentence refusing another scheme ("polling uses …").
 */
export function checkHttpUrl(input: string, example: string, purpose: string): string | undefined {
  const text = input.trim();
  if (text === '') return `Enter a URL such as ${example}.`;
  if (/[\s\0]/.test(text)) return 'The URL must not contain spaces or line breaks.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${truncate(text)}" is not a valid URL. Expected http(s)://host[:port]/path.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(/:$/, '');
    return `Unsupported scheme "${scheme}": ${purpose} http:// or https://.`;
  }
  if (url.hostname === '') return 'The URL has no host.';
  // Node's http would turn user:password@ into a Basic Authorization header that no row shows.
  if (url.username !== '' || url.password !== '')
    return 'The URL must not contain user:password@: add an Authorization header instead.';
  if (url.hash !== '') return 'The URL must not contain a fragment (#…): it is never sent to the server.';
  return undefined;
}

/** A request header: a token name, one line without control characters, not one HTTP sets itself. */
export function checkHttpHeader(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `Header name "${truncate(name)}" is not a valid HTTP token.`;
  if (FORBIDDEN_VALUE_CHARS.test(value))
    return `Header "${name}" contains a line break or NUL: that would inject another header.`;
  if (FRAMING_HEADERS.has(name.toLowerCase()))
    return `Header "${name}" is set by the HTTP client from the request itself and cannot be overridden.`;
  // Node refuses the request outright for these; say so while the user can still fix it.
  // eslint-disable-next-line no-control-regex
  if (/[\x01-\x08\x0b-\x1f\x7f]/.test(value)) return `Header "${name}" contains a control character.`;
  return undefined;
}

export function validateMethod(value: unknown, issues: ValidationIssue[]): HttpMethod {
  if (value === undefined || value === 'GET') return 'GET';
  if (value === 'POST') return 'POST';
  issues.push({ field: 'method', message: 'The method must be "GET" or "POST".' });
  return 'GET';
}

/** A body only with POST, as text of at most `maxBytes` bytes (UTF-8). */
export function validateBody(
  value: unknown,
  method: HttpMethod,
  maxBytes: number,
  issues: ValidationIssue[],
): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') issues.push({ field: 'body', message: 'The body must be text.' });
  else if (method !== 'POST')
    issues.push({ field: 'body', message: 'A body is sent only with POST: choose the POST method or clear it.' });
  else if (value.length > maxBytes || Buffer.byteLength(value) > maxBytes)
    issues.push({ field: 'body', message: `The body must be at most ${maxBytes} bytes.` });
  else return value;
  return undefined;
}
