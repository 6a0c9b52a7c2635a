/**
 * What a polling request's outcome looks like in the log: the response row (status, headers, hold
 * time, body as received) and, when it failed, the error with a stable code.
 */
import { ErrorCode, describeError, explainedError } from '../errors';
import type { EioMeta, ErrorMeta, EventMeta, Payload } from '../events/logEvent';
import { LIMITS, raiseSettingHint } from '../limits/limits';
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
  // A failure that explains itself (a proxy's 407 or a CONNECT that hangs, issue 12) keeps its code and words.
  const explained = explainedError(error);
  if (explained) return { ...explained, message: `The polling ${method} failed: ${explained.message}` };
  // Node's HTTP parser refused the answer (HPE_…, not HTTP or headers past 16 KiB): our words (issue 12). A TLS
  // failure keeps its code (RI_TLS_ERROR), so the host knows a certificate it may offer to trust (issue 12).
  const described = describeError(error);
  if (error.code?.startsWith('HPE_') || described.code === ErrorCode.TlsError)
    return { ...described, message: `The polling ${method} failed: ${described.message}` };
  const code =
    error.code === 'RI_POLL_BODY_TOO_LARGE'
      ? ErrorCode.PollBodyTooLarge
      : error.code === 'ECONNREFUSED'
        ? ErrorCode.ConnectionRefused
        : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
          ? ErrorCode.HostNotFound
          : ErrorCode.TransportError;
  // A GET's body cap is the setting's (issue 12: the row names it); a POST's answer has a fixed small cap.
  const setting = code === ErrorCode.PollBodyTooLarge && method === 'GET';
  const cause = setting
    ? `${error.message.replace(/\.$/, '')}, the limit set by ${LIMITS.maxPollBodyBytes.setting}.`
    : '';
  return {
    code,
    ...(setting && { hint: raiseSettingHint('maxPollBodyBytes', 'larger bodies') }),
    message: `The polling ${method} failed: ${cause || error.message}`,
    detail: error.code ? `${error.code}: ${error.message}` : error.message,
  };
}
