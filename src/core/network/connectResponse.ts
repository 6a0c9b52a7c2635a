/**
 * The proxy's answer to CONNECT (RFC 9110 §9.3.6), read from raw bytes: a status line and headers up to the
 * blank line, after which the tunnel carries the target's bytes. The proxy is a server like any other, so the
 * head is bounded (MAX_CONNECT_HEAD_BYTES), a garbage status line is an answer too, and bytes after the head
 * belong to the target. Pure; never throws.
 */

/** Largest CONNECT response head accepted: a proxy has no reason to send more. */
export const MAX_CONNECT_HEAD_BYTES = 16 * 1024;

export type ConnectHead =
  /** More bytes are needed. */
  | { kind: 'partial' }
  /** A status line and headers; `rest` are bytes after the head (the target's, when 2xx). */
  | { kind: 'head'; status: number; reason: string; rest: Buffer }
  /** Not an HTTP response, or too long: why, in words. */
  | { kind: 'bad'; why: string };

const HEAD_END = Buffer.from('\r\n\r\n');
const BARE_HEAD_END = Buffer.from('\n\n');
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: ([^\r\n]*))?\r?$/;

/**
 * Reads `received` (all bytes so far) as a CONNECT response head. `searchFrom`: where the previous call stopped
 * looking (the length it saw), so a proxy that drips its head byte by byte costs no quadratic rescans.
 */
export function readConnectHead(received: Buffer, searchFrom = 0): ConnectHead {
  const end = headEnd(received, Math.max(0, searchFrom - HEAD_END.length));
  if (end === undefined) {
    if (received.length > MAX_CONNECT_HEAD_BYTES)
      return { kind: 'bad', why: `its response head is longer than ${MAX_CONNECT_HEAD_BYTES / 1024} KiB` };
    // A first line that cannot become a status line is known to be garbage before the head ends.
    if (received.length >= 5 && !received.subarray(0, 5).equals(Buffer.from('HTTP/')))
      return { kind: 'bad', why: 'the first bytes are not "HTTP/"' };
    return { kind: 'partial' };
  }
  if (end.headLength > MAX_CONNECT_HEAD_BYTES)
    return { kind: 'bad', why: `its response head is longer than ${MAX_CONNECT_HEAD_BYTES / 1024} KiB` };
  const head = received.subarray(0, end.headLength).toString('latin1');
  const firstLine = head.split('\n', 1)[0] ?? '';
  const status = STATUS_LINE.exec(firstLine);
  if (!status) return { kind: 'bad', why: 'the status line is not "HTTP/1.x <code> <reason>"' };
  return {
    kind: 'head',
    status: Number(status[1]),
    reason: status[2] ?? '',
    rest: Buffer.from(received.subarray(end.headLength + end.terminatorLength)),
  };
}

/** Where the head ends (CRLF CRLF, or a bare LF LF from a sloppy proxy), if it does. */
function headEnd(received: Buffer, from: number): { headLength: number; terminatorLength: number } | undefined {
  const crlf = received.indexOf(HEAD_END, from);
  const lf = received.indexOf(BARE_HEAD_END, from);
  if (crlf < 0 && lf < 0) return undefined;
  if (lf >= 0 && (crlf < 0 || lf < crlf)) return { headLength: lf, terminatorLength: BARE_HEAD_END.length };
  return { headLength: crlf, terminatorLength: HEAD_END.length };
}
