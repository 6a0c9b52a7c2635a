/**
 * The request and response objects of a HAR entry, from an event's (already redacted) HTTP facts and payload:
 * headers in order, the query string and cookies read from the redacted URL and headers (so they hold nothing
 * the redactor masked), bodies as text or base64, truncated bodies said so in a comment. Pure.
 */
import type { Header, HttpMeta, Payload } from '../events/logEvent';
import { headerValue } from '../http/headers';
import type { HarContent, HarCookie, HarNameValue, HarPostData, HarRequest, HarResponse } from './harTypes';

/** `1.1` → `HTTP/1.1` (what Chrome writes); a value already prefixed stays. */
export function httpVersionText(version: string | undefined): string {
  if (!version) return 'HTTP/1.1';
  return /^http\//i.test(version) ? version.toUpperCase() : `HTTP/${version}`;
}

export function harHeaders(headers: readonly Header[] | undefined): HarNameValue[] {
  return (headers ?? []).map(([name, value]) => ({ name, value }));
}

/** The query of a URL as name/value pairs (none when the URL does not parse). */
export function queryStringOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** The cookies of `Cookie` request headers. */
export function requestCookies(headers: readonly Header[]): HarCookie[] {
  const cookies: HarCookie[] = [];
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'cookie') continue;
    for (const pair of value.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.push({ name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() });
    }
  }
  return cookies;
}

/** The cookies of `Set-Cookie` response headers, with their path, domain and flags. */
export function responseCookies(headers: readonly Header[]): HarCookie[] {
  const cookies: HarCookie[] = [];
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'set-cookie') continue;
    const [pair, ...attributes] = value.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const cookie: HarCookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
    for (const attribute of attributes) {
      const [key, ...rest] = attribute.split('=');
      const lower = key.trim().toLowerCase();
      if (lower === 'path') cookie.path = rest.join('=').trim();
      else if (lower === 'domain') cookie.domain = rest.join('=').trim();
      else if (lower === 'httponly') cookie.httpOnly = true;
      else if (lower === 'secure') cookie.secure = true;
    }
    cookies.push(cookie);
  }
  return cookies;
}

/** A payload as HAR text: the text itself, or the bytes in base64; a truncated one says what was kept. */
export function bodyText(payload: Payload): { text: string; base64: boolean; comment?: string } {
  const text =
    payload.kind === 'text'
      ? payload.text
      : Buffer.from(payload.bytes.buffer, payload.bytes.byteOffset, payload.bytes.byteLength).toString('base64');
  const cut = payload.truncated;
  const comment = cut
    ? `Body truncated in the log: ${cut.keptBytes} of ${payload.byteLength} bytes kept (SHA-256 ${cut.sha256}).`
    : undefined;
  return { text, base64: payload.kind === 'binary', comment };
}

/** The request of an entry; `size` is the body's length on the wire. */
export function harRequest(meta: HttpMeta | undefined, body: Payload | undefined, size: number): HarRequest {
  const headers = meta?.headers ?? [];
  const url = meta?.url ?? '';
  const request: HarRequest = {
    method: meta?.method ?? 'GET',
    url,
    httpVersion: httpVersionText(meta?.httpVersion),
    cookies: requestCookies(headers),
    headers: harHeaders(headers),
    queryString: queryStringOf(url),
    headersSize: -1,
    bodySize: body ? size : 0,
  };
  if (body) {
    const { text, base64, comment } = bodyText(body);
    const postData: HarPostData = {
      mimeType: headerValue(headers, 'content-type') ?? 'text/plain;charset=UTF-8',
      text,
    };
    if (base64) postData._encoding = 'base64';
    request.postData = postData;
    if (comment) request.comment = comment;
  }
  return request;
}

/** The response of an entry; `size` is the decoded body's length, `bodySize` its length on the wire. */
export function harResponse(
  meta: HttpMeta | undefined,
  body: Payload | undefined,
  size: number,
  bodySize = size,
): HarResponse {
  const headers = meta?.headers ?? [];
  const content: HarContent = { size, mimeType: headerValue(headers, 'content-type') ?? 'x-unknown' };
  if (body) {
    const { text, base64, comment } = bodyText(body);
    content.text = text;
    if (base64) content.encoding = 'base64';
    if (comment) content.comment = comment;
  }
  if (bodySize !== size) content.compression = size - bodySize;
  return {
    status: meta?.status ?? 0,
    statusText: meta?.statusText ?? '',
    httpVersion: httpVersionText(meta?.httpVersion),
    cookies: responseCookies(headers),
    headers: harHeaders(headers),
    content,
    redirectURL: headerValue(headers, 'location') ?? '',
    headersSize: -1,
    bodySize,
  };
}

/** The response of a request that got none. */
export function missingResponse(why: string): HarResponse {
  const response = harResponse(undefined, undefined, 0, -1);
  delete response.content.compression;
  response.httpVersion = '';
  response._error = why;
  return response;
}
