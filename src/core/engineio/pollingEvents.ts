/**
 * What a polling request's outcome looks like in the log: the response row (status, headers, hold
 * time, body as received) and, when it failed, the error with a stable code.
 */
import { ErrorCode } from '../errors';
import type { EioMeta, ErrorMeta, EventMeta, Payload } from '../events/logEvent';
import { binaryPayload, isUtf8, textPayload } from '../payload/storedPayload';
import type { PollResult } from './pollingRequest';

/** The `poll-response` event for a result, or undefined when no response arrived at all. */
export function pollResponseEvent(
  result: PollResult,
  requestSeq: number,
  maxStoredBytes: number,
  note?: string,
  method?: 'GET' | 'POST',
): { meta: EventMeta; payload?: Payload; size: number } | undefined {
  const res = result.ok ? result.response : result.partial;
  if (!res) return undefined;
  const body = res.body;
  const payload: Payload | undefined =
    body.length === 0
      ? undefined
      : isUtf8(body)
        ? textPayload(Buffer.from(body).toString('utf8'), maxStoredBytes)
        : binaryPayload(body, maxStoredBytes);
  const eio: EioMeta = method ? { transport: 'polling', answers: method } : { transport: 'polling' };
  // A compressed body: its size on the wire, for byte counts (the transport comparison, issue 11).
  if (res.wireBytes !== body.length) eio.wireBytes = res.wireBytes;
  const meta: EventMeta = {
    response: { status: res.status, statusText: res.statusText, httpVersion: res.httpVersion, headers: res.headers },
    durationMs: res.totalMs,
    requestSeq,
    eio,
    note: [
      note,
      `held ${res.totalMs.toFixed(1)} ms (first byte after ${res.timeToFirstByteMs.toFixed(1)} ms)`,
      res.wireBytes !== body.length ? `${res.wireBytes} bytes on the wire, ${body.length} decoded` : undefined,
    ]
      .filter(Boolean)
      .join('; '),
  };
  return { meta, payload, size: body.length };
}

/** A failed GET or POST as an ErrorMeta. */
export function pollingError(error: Error & { code?: string }, method: string): ErrorMeta {
  const code =
    error.code === 'RI_POLL_BODY_TOO_LARGE'
      ? ErrorCode.PollBodyTooLarge
      : error.code === 'ECONNREFUSED'
        ? ErrorCode.ConnectionRefused
        : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
          ? ErrorCode.HostNotFound
          : ErrorCode.TransportError;
  return {
    code,
    message: `The polling ${method} failed: ${error.message}`,
    detail: error.code ? `${error.code}: ${error.message}` : error.message,
  };
}
