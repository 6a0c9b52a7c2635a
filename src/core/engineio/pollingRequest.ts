/**
 * One HTTP long-polling request over `node:http`/`https`, measured and bounded: status, raw headers,
 * the body (capped, decompressed when the server compressed it), time to first byte and total time.
 * Redirects are returned, never followed. Never rejects: failures come back as `error`. The agent comes
 * from the session's Network (session/network.ts), never made here.
 */
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { Clock } from '../clock';
import type { Header } from '../events/logEvent';
import { decodeContent } from '../http/contentDecoding';
import { headerObject, rawHeaderPairs } from '../http/headers';
import { requestThroughAgent } from '../network/unpatchedRequest';
import { keepSocketAlive } from '../session/tcpKeepAlive';

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

export type PollResult =
  | { ok: true; response: PollResponse }
  | { ok: false; error: Error & { code?: string }; totalMs: number; partial?: PollResponse };

export interface InFlightPoll {
  done: Promise<PollResult>;
  abort(): void;
}

/** How a request ends: once, with a result (later calls are ignored). */
interface Outcome {
  settle(result: PollResult): void;
  fail(error: Error & { code?: string }, partial?: PollResponse): void;
}

/**
 * Sends `req` through `agent` (the session's Network gives it: keep-alive, TLS, later a proxy) on
 * `clock`'s timers.
 */
export function sendPoll(req: PollRequest, agent: Agent, clock: Clock): InFlightPoll {
  const started = clock.mono();
  let resolveDone: (r: PollResult) => void = () => undefined;
  const done = new Promise<PollResult>((resolve) => {
    resolveDone = resolve;
  });
  let settled = false;
  const outcome: Outcome = {
    settle: (result) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolveDone(result);
    },
    fail: (error, partial) => outcome.settle({ ok: false, error, totalMs: clock.mono() - started, partial }),
  };
  const request = requestThroughAgent(req.url, {
    method: req.method,
    headers: requestHeaders(req),
    agent,
  });
  const timer = clock.setTimeout(() => {
    outcome.fail(coded(`No complete response within ${req.timeoutMs} ms.`, 'RI_POLL_TIMEOUT'));
    request.destroy();
  }, req.timeoutMs);
  request.on('error', (error) => outcome.fail(error));
  // Keep-alive probes notice a peer that vanished while a long-poll is held (issue 12).
  request.on('socket', keepSocketAlive);
  request.on('response', (res: IncomingMessage) => readResponse(res, { req, request, clock, started, outcome }));
  request.end(req.body);
  return {
    done,
    abort: () => {
      outcome.fail(coded('Request aborted.', 'RI_ABORTED'));
      request.destroy();
    },
  };
}

function requestHeaders(req: PollRequest): Record<string, string | string[]> {
  const headers = headerObject(req.headers);
  if (req.body !== undefined) {
    headers['Content-Type'] = 'text/plain;charset=UTF-8';
    headers['Content-Length'] = String(Buffer.byteLength(req.body));
  }
  headers['Accept-Encoding'] = 'gzip, deflate, br';
  return headers;
}

/** Reads the body, bounded by `maxBodyBytes`, and decompresses it; every way it ends settles `outcome`. */
function readResponse(
  res: IncomingMessage,
  at: { req: PollRequest; request: ClientRequest; clock: Clock; started: number; outcome: Outcome },
): void {
  const { req, request, clock, started, outcome } = at;
  const firstByte = clock.mono() - started;
  const chunks: Buffer[] = [];
  let length = 0;
  const head = (): PollResponse => ({
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    httpVersion: res.httpVersion,
    headers: rawHeaderPairs(res.rawHeaders),
    body: Buffer.concat(chunks),
    wireBytes: length,
    timeToFirstByteMs: firstByte,
    totalMs: clock.mono() - started,
  });
  res.on('data', (chunk: Buffer) => {
    length += chunk.length;
    if (length > req.maxBodyBytes) {
      outcome.fail(coded(`The response body exceeded ${req.maxBodyBytes} bytes.`, 'RI_POLL_BODY_TOO_LARGE'), head());
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  res.on('end', () => {
    const response = head();
    const decoded = decodeContent(response.body, res.headers['content-encoding'], req.maxBodyBytes);
    if (decoded.ok) outcome.settle({ ok: true, response: { ...response, body: decoded.bytes } });
    else
      outcome.fail(
        coded(decoded.error, decoded.tooLarge ? 'RI_POLL_BODY_TOO_LARGE' : 'RI_POLL_BAD_ENCODING'),
        response,
      );
  });
  res.on('error', (error) => outcome.fail(error, head()));
  res.on('aborted', () => outcome.fail(coded('The server aborted the response.', 'ECONNRESET'), head()));
}

function coded(message: string, code: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
