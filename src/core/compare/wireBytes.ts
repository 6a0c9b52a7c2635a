/**
 * Bytes on the wire of one log row, counted from what the row records. Pure.
 *
 * - WebSocket frames (layer `ws`): `meta.frame.wireBytes` where the socket tap measured it (incoming
 *   messages, close frames, automatic pongs); otherwise the payload plus the frame header RFC 6455 §5.2
 *   prescribes for that length (2 bytes, +2 or +8 for the extended length, +4 for the mask of a client frame).
 * - WebSocket handshake: the request and the 101 head as they crossed the socket (their rows' `size`).
 * - Polling responses: status line and headers as received (`HTTP/1.1 200 OK\r\n`, `Name: value\r\n`…, blank
 *   line) plus the body as it came over the wire (`meta.eio.wireBytes` when it was compressed).
 * - Polling requests: the head is *reconstructed*, since the row records the request line and the headers the
 *   session chose, not the bytes: request line + recorded headers + the headers the HTTP client adds
 *   (engineio/pollingRequest.ts and Node: Accept-Encoding, Host, Connection; Content-Type and Content-Length
 *   with a body), each `Name: value\r\n`, + the blank line; then the body. A test checks it against the bytes
 *   a raw server receives.
 * TCP and TLS overhead are not counted (the same for both transports, and invisible to the log).
 */
import type { Header, HttpMeta, LogEvent } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { parseUrl } from '../redaction/urlRedaction';

/** Bytes a row put on the wire, by direction; `httpRequest` when the row is an HTTP request. */
export interface RowTraffic {
  up: number;
  down: number;
  httpRequest: boolean;
}

const CRLF = 2;
/** `Name: value\r\n`: the colon and the space. */
const HEADER_SEPARATOR = 2;
/** What every polling request carries besides the recorded headers (pollingRequest.ts, Node's http agent). */
const ACCEPT_ENCODING: Header = ['Accept-Encoding', 'gzip, deflate, br'];
const KEEP_ALIVE: Header = ['Connection', 'keep-alive'];
const TEXT_BODY: Header = ['Content-Type', 'text/plain;charset=UTF-8'];
const WS_FRAMES = new Set(['message', 'ping', 'pong', 'close-frame']);

/** The bytes of `event` on the wire, or undefined for a row that is no traffic (decoded layers, local rows). */
export function rowTraffic(event: LogEvent): RowTraffic | undefined {
  if (event.layer === 'ws' && WS_FRAMES.has(event.type)) {
    const bytes = event.meta?.frame?.wireBytes ?? webSocketFrameBytes(event.size, event.direction === 'out');
    return event.direction === 'out' ? traffic(bytes, 0) : traffic(0, bytes);
  }
  if (event.layer !== 'http') return undefined;
  switch (event.type) {
    case 'poll-request':
      return { ...traffic(requestHeadBytes(event.meta?.request ?? {}, event.size) + event.size, 0), httpRequest: true };
    case 'poll-response':
      return traffic(0, responseHeadBytes(event.meta?.response ?? {}) + responseBodyBytes(event));
    case 'handshake-request':
      // The socket tap's exact head; reconstructed if the tap saw nothing.
      return { ...traffic(event.size || requestHeadBytes(event.meta?.request ?? {}, 0), 0), httpRequest: true };
    case 'handshake-response': {
      const response = event.meta?.response ?? {};
      // A 101's size is its head; another status's size is its body.
      if (response.status === 101 && event.size > 0) return traffic(0, event.size);
      return traffic(0, responseHeadBytes(response) + event.size);
    }
    default:
      return undefined;
  }
}

/** Header bytes of a WebSocket frame with `payloadBytes` of payload (RFC 6455 §5.2), plus the payload. */
export function webSocketFrameBytes(payloadBytes: number, masked: boolean): number {
  const extendedLength = payloadBytes < 126 ? 0 : payloadBytes < 65_536 ? 2 : 8;
  return 2 + extendedLength + (masked ? 4 : 0) + payloadBytes;
}

/** The reconstructed head of a polling request (see the file comment), without its body. */
export function requestHeadBytes(request: HttpMeta, bodyBytes: number): number {
  const url = request.url === undefined ? undefined : parseUrl(request.url);
  const target = url ? `${url.pathname}${url.search}` : (request.url ?? '/');
  const line = `${request.method ?? 'GET'} ${target} HTTP/${request.httpVersion ?? '1.1'}`.length + CRLF;
  const recorded = request.headers ?? [];
  const added: Header[] = [ACCEPT_ENCODING, KEEP_ALIVE];
  if (url) added.push(['Host', url.host]);
  if (request.method === 'POST') added.push(TEXT_BODY, ['Content-Length', String(bodyBytes)]);
  const has = new Set(recorded.map(([name]) => name.toLowerCase()));
  const missing = added.filter(([name]) => !has.has(name.toLowerCase()));
  return line + headerBytes(recorded) + headerBytes(missing) + CRLF;
}

/** Status line, headers and blank line of a response as received. */
export function responseHeadBytes(response: HttpMeta): number {
  const version = response.httpVersion ?? '1.1';
  const line = `HTTP/${version} ${response.status ?? 0} ${response.statusText ?? ''}`.length + CRLF;
  return line + headerBytes(response.headers ?? []) + CRLF;
}

/** `Name: value\r\n` for each header. */
export function headerBytes(headers: readonly Header[]): number {
  let total = 0;
  for (const [name, value] of headers) total += name.length + HEADER_SEPARATOR + value.length + CRLF;
  return total;
}

/**
 * A polling response body as it crossed the wire: compressed bytes when it was compressed; with chunked
 * transfer coding, plus the framing of one chunk and the last chunk (an estimate: the chunk count is not logged).
 */
function responseBodyBytes(event: LogEvent): number {
  const body = event.meta?.eio?.wireBytes ?? event.size;
  const coding = headerValue(event.meta?.response?.headers ?? [], 'transfer-encoding');
  if (!coding || !/chunked/i.test(coding)) return body;
  const lastChunk = '0\r\n\r\n'.length;
  return body === 0 ? lastChunk : body + body.toString(16).length + CRLF + CRLF + lastChunk;
}

function traffic(up: number, down: number): RowTraffic {
  return { up, down, httpRequest: false };
}
