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
  /** Returns bytes that follow the head once it is complete (possibly empty), or undefined while still inside the head. */
  feed(chunk: Uint8Array): Uint8Array | undefined;
  readonly head: ParsedHead | undefined;
  /** True when the head grew past MAX_HEAD_BYTES without ending. */
  readonly overflowed: boolean;
}

export function createHeadSplitter(): HeadSplitter {
  let buffered = Buffer.alloc(0);
  let head: ParsedHead | undefined;
  let overflowed = false;
  return {
    feed(chunk) {
      if (head || overflowed) return undefined;
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      // The limit holds whatever the chunking: a head that ends past it is as unusable as one that never ends.
      if (end < 0 ? buffered.length > MAX_HEAD_BYTES : end + 4 > MAX_HEAD_BYTES) {
        overflowed = true;
        buffered = Buffer.alloc(0);
        return undefined;
      }
      if (end < 0) return undefined;
      head = parseHead(buffered.subarray(0, end).toString('latin1'), end + 4);
      const rest = buffered.subarray(end + 4);
      buffered = Buffer.alloc(0);
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
