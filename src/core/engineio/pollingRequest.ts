/**
 * One HTTP long-polling request over `node:http`/`https`, measured and bounded: status, raw headers,
 * the body (capped, decompressed when the server compressed it), time to first byte and total time.
 * Redirects are returned, never followed. Never rejects: failures come back as `error`.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Clock } from '../clock';
import type { Header } from '../events/logEvent';
import { caWithDefaultRoots } from '../connection/commonOptions';
import { headerObject, rawHeaderPairs } from '../http/headers';

export interface PollRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Header[];
  body?: string;
  /** Bodies longer than this end the request with an error (a hostile or broken server). */
  maxBodyBytes: number;
  /** Abort when no complete response arrives in time (ms). */
  timeoutMs: number;
}

export interface PollResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Header[];
  /** Decoded body (after Content-Encoding). */
  body: Uint8Array;
  /** Bytes as received on the wire (before decompression). */
  wireBytes: number;
  timeToFirstByteMs: number;
  totalMs: number;
}

export type PollResult = { ok: true; response: PollResponse } | { ok: false; error: Error & { code?: string }; totalMs: number; partial?: PollResponse };

/** Keep-alive agents: polling reuses its connections instead of opening one per poll. */
export function createPollingAgents(tls: { rejectUnauthorized?: boolean; ca?: string; servername?: string }): { http: HttpAgent; https: HttpsAgent } {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets: 2 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 2, rejectUnauthorized: tls.rejectUnauthorized !== false, ca: caWithDefaultRoots(tls.ca), servername: tls.servername }),
  };
}

export interface InFlightPoll {
  done: Promise<PollResult>;
  abort(): void;
}

export function sendPoll(req: PollRequest, agents: { http: HttpAgent; https: HttpsAgent }, clock: Clock): InFlightPoll {
  const started = clock.mono();
  const secure = req.url.protocol === 'https:' || req.url.protocol === 'wss:';
  const headers = headerObject(req.headers);
  if (req.body !== undefined) {
    headers['Content-Type'] = 'text/plain;charset=UTF-8';
    headers['Content-Length'] = String(Buffer.byteLength(req.body));
  }
  headers['Accept-Encoding'] = 'gzip, deflate, br';
  let resolveDone: (r: PollResult) => void = () => undefined;
  const done = new Promise<PollResult>((resolve) => { resolveDone = resolve; });
  let settled = false;
  const settle = (result: PollResult): void => {
    if (settled) return;
    settled = true;
    clock.clearTimeout(timer);
    resolveDone(result);
  };
  const fail = (error: Error & { code?: string }, partial?: PollResponse): void => settle({ ok: false, error, totalMs: clock.mono() - started, partial });

  const doRequest = secure ? httpsRequest : httpRequest;
  const request = doRequest(req.url, { method: req.method, headers, agent: secure ? agents.https : agents.http });
  const timer = clock.setTimeout(() => {
    fail(Object.assign(new Error(`No complete response within ${req.timeoutMs} ms.`), { code: 'RI_POLL_TIMEOUT' }));
    request.destroy();
  }, req.timeoutMs);

  request.on('error', (error) => fail(error));
  request.on('response', (res: IncomingMessage) => {
    const firstByte = clock.mono() - started;
    const chunks: Buffer[] = [];
    let length = 0;
    const head = (): PollResponse => ({
      status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', httpVersion: res.httpVersion,
      headers: rawHeaderPairs(res.rawHeaders), body: Buffer.concat(chunks), wireBytes: length, timeToFirstByteMs: firstByte, totalMs: clock.mono() - started,
    });
    res.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > req.maxBodyBytes) {
        fail(Object.assign(new Error(`The response body exceeded ${req.maxBodyBytes} bytes.`), { code: 'RI_POLL_BODY_TOO_LARGE' }), head());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      const response = head();
      const decoded = decompress(response.body, res.headers['content-encoding'], req.maxBodyBytes);
      if (!decoded.ok) fail(Object.assign(new Error(decoded.error), { code: decoded.tooLarge ? 'RI_POLL_BODY_TOO_LARGE' : 'RI_POLL_BAD_ENCODING' }), response);
      else settle({ ok: true, response: { ...response, body: decoded.bytes } });
    });
    res.on('error', (error) => fail(error, head()));
    res.on('aborted', () => fail(Object.assign(new Error('The server aborted the response.'), { code: 'ECONNRESET' }), head()));
  });
  request.end(req.body);
  return { done, abort: () => { fail(Object.assign(new Error('Request aborted.'), { code: 'RI_ABORTED' })); request.destroy(); } };
}

function decompress(body: Uint8Array, encoding: string | undefined, max: number): { ok: true; bytes: Uint8Array } | { ok: false; error: string; tooLarge?: boolean } {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return { ok: true, bytes: body };
  try {
    const opts = { maxOutputLength: max };
    if (enc === 'gzip' || enc === 'x-gzip') return { ok: true, bytes: gunzipSync(body, opts) };
    if (enc === 'deflate') return { ok: true, bytes: inflateSync(body, opts) };
    if (enc === 'br') return { ok: true, bytes: brotliDecompressSync(body, opts) };
  } catch (error) {
    // A small body that inflates past the limit (a "zip bomb") is as oversized as a big one.
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, tooLarge: true, error: `The ${enc} response body inflates past ${max} bytes.` };
    return { ok: false, error: `The ${enc} body could not be decompressed: ${(error as Error).message}` };
  }
  return { ok: false, error: `Unsupported Content-Encoding "${enc}".` };
}
