/**
 * Finds and parses the HTTP/1.1 head (request or status line plus headers) at the start of a byte
 * stream, as the socket tap sees it: any chunking, bounded, never throws.
 */
import type { Header } from '../events/logEvent';

/** Heads longer than this are not HTTP we can show (Node's own limit is 16 KiB). */
export const MAX_HEAD_BYTES = 64 * 1024;

export interface ParsedHead {
  /** First line: `GET /path HTTP/1.1` or `HTTP/1.1 101 Switching Protocols`. */
  startLine: string;
  headers: Header[];
  /** Bytes of the head including the blank line. */
  byteLength: number;
}

export interface HeadSplitter {
  /**
   * Returns bytes that follow the head once it is complete (possibly empty), or undefined while still
   * inside the head.
   */
  feed(chunk: Uint8Array): Uint8Array | undefined;
  readonly head: ParsedHead | undefined;
  /** True when the head grew past MAX_HEAD_BYTES without ending. */
  readonly overflowed: boolean;
}

export function createHeadSplitter(): HeadSplitter {
  // One buffer grown by doubling, searched only where the blank line can newly end: a head dripped
  // byte by byte costs linear time, not quadratic (a server may drip its 101, issue #2).
  let buffered = new Uint8Array(0);
  let length = 0;
  let head: ParsedHead | undefined;
  let overflowed = false;
  const append = (chunk: Uint8Array): void => {
    if (length + chunk.length > buffered.length) {
      const grown = new Uint8Array(Math.max(length + chunk.length, Math.min(buffered.length * 2, MAX_HEAD_BYTES + 4)));
      grown.set(buffered.subarray(0, length));
      buffered = grown;
    }
    buffered.set(chunk, length);
    length += chunk.length;
  };
  return {
    feed(chunk) {
      if (head || overflowed) return undefined;
      const searchFrom = Math.max(0, length - 3);
      // Never hold more than the limit (plus the blank line) whatever one chunk brings.
      const take = Math.min(chunk.length, MAX_HEAD_BYTES + 4 - length);
      append(chunk.subarray(0, take));
      const end = Buffer.from(buffered.buffer, 0, length).indexOf('\r\n\r\n', searchFrom);
      // The limit holds whatever the chunking: a head that ends past it is as unusable as one that never ends.
      if (end < 0 ? length > MAX_HEAD_BYTES || take < chunk.length : end + 4 > MAX_HEAD_BYTES) {
        overflowed = true;
        buffered = new Uint8Array(0);
        length = 0;
        return undefined;
      }
      if (end < 0) return undefined;
      head = parseHead(Buffer.from(buffered.buffer, 0, end).toString('latin1'), end + 4);
      // What follows the head: the rest of this chunk past the blank line (a copy, as before).
      const restInBuffer = buffered.subarray(end + 4, length);
      const rest = new Uint8Array(restInBuffer.length + (chunk.length - take));
      rest.set(restInBuffer);
      rest.set(chunk.subarray(take), restInBuffer.length);
      buffered = new Uint8Array(0);
      length = 0;
      return rest;
    },
    get head() {
      return head;
    },
    get overflowed() {
      return overflowed;
    },
  };
}

/** Splits a head's text into the start line and headers (order and duplicates kept). */
export function parseHead(text: string, byteLength: number): ParsedHead {
  const lines = text.split('\r\n');
  const headers: Header[] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { startLine: lines[0] ?? '', headers, byteLength };
}

/** Reads `HTTP/1.1 101 Switching Protocols` into parts. */
export function parseStatusLine(line: string): { httpVersion?: string; status?: number; statusText?: string } {
  const match = /^HTTP\/(\d\.\d)\s+(\d{3})(?:\s+(.*))?$/.exec(line);
  return match ? { httpVersion: match[1], status: Number(match[2]), statusText: match[3] ?? '' } : {};
}

/** Reads `GET /path HTTP/1.1` into parts. */
export function parseRequestLine(line: string): { method?: string; target?: string; httpVersion?: string } {
  const match = /^([A-Z]+)\s+(\S+)\s+HTTP\/(\d\.\d)$/.exec(line);
  return match ? { method: match[1], target: match[2], httpVersion: match[3] } : {};
}
