/**
 * Reads the answer of a server that did not switch protocols (anything but 101): up to 64 KiB of
 * its body, decompressed when it says so, and a plain-words hint of what to change.
 */
import type { IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { ErrorCode } from '../errors';
import type { ErrorMeta, Header, Payload } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { textOrBinary } from '../payload/storedPayload';
import { switchingProtocolsFault } from './switchingProtocols';

/** How much of a non-101 body we keep (issue #2). */
export const MAX_UNEXPECTED_BODY_BYTES = 64 * 1024;

export interface UnexpectedBody {
  bytes: Uint8Array;
  /** True when the body went on past the limit (or did not end) and we stopped reading. */
  truncated: boolean;
}

/**
 * Collects the body; resolves at the end of the body, at the limit, on error, or when `abort` is
 * called (the handshake deadline). Never rejects.
 */
export function readUnexpectedBody(res: IncomingMessage): { done: Promise<UnexpectedBody>; abort(): void } {
  const chunks: Buffer[] = [];
  let length = 0;
  let finish: (body: UnexpectedBody) => void = () => undefined;
  const done = new Promise<UnexpectedBody>((resolve) => {
    let settled = false;
    finish = (body) => {
      if (settled) return;
      settled = true;
      res.removeListener('data', onData);
      resolve(body);
    };
  });
  const collected = (truncated: boolean): UnexpectedBody => ({
    bytes: Buffer.concat(chunks).subarray(0, MAX_UNEXPECTED_BODY_BYTES),
    truncated,
  });
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= MAX_UNEXPECTED_BODY_BYTES) finish(collected(length > MAX_UNEXPECTED_BODY_BYTES));
  };
  res.on('data', onData);
  res.once('end', () => finish(collected(false)));
  res.once('error', () => finish(collected(true)));
  res.once('close', () => finish(collected(!res.complete)));
  return { done, abort: () => finish(collected(true)) };
}

/** Decodes a gzip/deflate/br body for display; returns the bytes unchanged when not encoded or broken. */
export function decodeBody(bytes: Uint8Array, contentEncoding: string | undefined): Uint8Array {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  const opts = { maxOutputLength: MAX_UNEXPECTED_BODY_BYTES * 4 };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(bytes, opts);
    if (encoding === 'deflate') return inflateSync(bytes, opts);
    if (encoding === 'br') return brotliDecompressSync(bytes, opts);
  } catch {
    // A truncated or corrupt body: show the raw bytes instead.
  }
  return bytes;
}

/** The body as stored on the response row: decoded when compressed, text when it is UTF-8. */
export function unexpectedBodyPayload(
  bytes: Uint8Array,
  contentEncoding: string | undefined,
  maxStoredBytes: number,
): Payload {
  return textOrBinary(decodeBody(bytes, contentEncoding), maxStoredBytes);
}

/**
 * The error row for an answer that did not open the WebSocket. A 101 arrives here when Node did not
 * treat it as an upgrade (no Upgrade or no Connection: Upgrade): say what it lacked, not "101 instead of 101".
 */
export function unexpectedResponseError(status: number, statusText: string | undefined, headers: Header[]): ErrorMeta {
  const switchFault = status === 101 ? switchingProtocolsFault(headers) : undefined;
  if (switchFault) return switchFault;
  return {
    code: ErrorCode.UnexpectedResponse,
    message: `The server answered ${status} ${statusText ?? ''}`.trimEnd() + ' instead of 101 Switching Protocols.',
    hint: hintForStatus(status, headers),
  };
}

/** What a status code usually means for a WebSocket upgrade, and what to try. */
export function hintForStatus(status: number, headers: Array<[string, string]>): string {
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, 'location');
    return (
      `The server redirects${location ? ` to ${location}` : ''}. Redirects are not followed unless ` +
      'followRedirects is on: connect to the new URL directly if you trust it, or turn followRedirects on.'
    );
  }
  if (status === 400)
    return (
      'The server rejected the upgrade request. For Socket.IO / Engine.IO endpoints, connect with the ' +
      'Socket.IO kind instead of raw WebSocket.'
    );
  if (status === 401 || status === 403)
    return (
      'The server wants credentials or refused this origin: add an Authorization or Cookie header, or set ' +
      'the Origin option.'
    );
  if (status === 404) return 'Nothing is served at this path: check the URL path.';
  if (status === 426) return 'The server asks for a different protocol version or upgrade (see its Upgrade header).';
  if (status === 200)
    return (
      'The server answered a plain HTTP page: this URL is not a WebSocket endpoint (or a proxy does not ' +
      'pass WebSocket upgrades).'
    );
  if (status === 502 || status === 503 || status === 504)
    return 'A proxy or gateway could not reach the WebSocket server, or does not support WebSocket upgrades.';
  return 'The server did not switch protocols: it may not speak WebSocket at this URL.';
}
