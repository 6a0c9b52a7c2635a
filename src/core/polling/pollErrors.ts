/**
 * What went wrong with a polling request, in plain words with a stable code (errors.ts): the deadline, the
 * body cap, an undecodable body, a status that stops polling, and retries that ran out. Pure.
 */
import type { ResolvedPollOptions } from '../connection/pollOptions';
import { ErrorCode, describeError } from '../errors';
import type { ErrorMeta, Header } from '../events/logEvent';
import { LIMITS } from '../limits/limits';
import { headerValue } from '../http/headers';
import type { ExchangeResult } from './pollExchange';

type Failed = Extract<ExchangeResult, { ok: false }>;

/** Why a retry happens (the row's warning) and the error it becomes when the retries run out. */
export interface RetryCause {
  summary: string;
  error: ErrorMeta;
}

/** A failure that is not retried: the deadline, the body cap, an undecodable body, a request we could not make. */
export function exchangeError(result: Failed, options: ResolvedPollOptions): ErrorMeta {
  const detail = result.error.code ? `${result.error.code}: ${result.error.message}` : result.error.message;
  switch (result.failure) {
    case 'timeout':
      return deadlineError(result, options.requestTimeoutMs, detail);
    case 'too-large':
      return {
        code: ErrorCode.PollBodyTooLarge,
        message:
          `The response body is larger than the limit of ${options.maxBodyBytes} bytes (maxBodyBytes), set by ` +
          `${LIMITS.maxPollBodyBytes.setting}: the request was aborted and polling stopped.`,
        hint: `Raise the setting ${LIMITS.maxPollBodyBytes.setting} (a profile's maxBodyBytes) to accept more.`,
        detail,
      };
    case 'bad-encoding':
      return { code: ErrorCode.PollBadEncoding, message: `The response body could not be decoded: ${detail}`, detail };
    default:
      return { ...describeError(result.error), message: `The request could not be sent: ${result.error.message}` };
  }
}

function deadlineError(result: Failed, timeoutMs: number, detail: string): ErrorMeta {
  const started = result.partial;
  return {
    code: ErrorCode.PollTimeout,
    message: started
      ? `The server answered ${started.status} but the body did not end within ${timeoutMs} ms (requestTimeoutMs): ` +
        'the request was aborted and polling stopped.'
      : `The server did not answer within ${timeoutMs} ms (requestTimeoutMs): the request was aborted and ` +
        'polling stopped.',
    hint:
      'A long-poll must be answered before the deadline: set requestTimeoutMs above the longest time the server ' +
      'holds a request (and below what proxies in between allow).',
    detail,
  };
}

/**
 * A network failure that trying again cannot mend, as the error that stops polling; undefined: retry it. A TLS
 * failure (a certificate no CA vouches for, a refused pin, a wrong protocol) is the server's answer, not a passing
 * fault: retried, it would only delay the error and the offer to trust the certificate (issue 12).
 */
export function terminalNetworkError(error: Error & { code?: string }): ErrorMeta | undefined {
  const described = describeError(error);
  if (described.code !== ErrorCode.TlsError) return undefined;
  return { ...described, message: `${described.message.replace(/\.?$/, '.')} Polling stopped (not retried).` };
}

/** A network failure (connection refused, reset…): retried. */
export function networkCause(error: Error & { code?: string }): RetryCause {
  const described = describeError(error);
  return { summary: `${described.code}: ${described.message}`, error: described };
}

/** A 5xx or 429: retried. */
export function statusCause(status: number, statusText: string): RetryCause {
  const line = `${status} ${statusText}`.trim();
  return {
    summary: `The server answered ${line}`,
    error: {
      code: ErrorCode.PollServerError,
      message: `The server answered ${line}.`,
      hint: status === 429 ? 'The server asks for fewer requests: raise intervalMs.' : undefined,
    },
  };
}

/** The retries ran out: the last cause, saying how many retries were made. */
export function retriesExhausted(cause: RetryCause, retries: number): ErrorMeta {
  const tries = retries === 0 ? 'Retries are off (retry.maxRetries = 0)' : `Gave up after ${retries} retries in a row`;
  return { ...cause.error, message: `${cause.error.message} ${tries}: polling stopped.` };
}

/** A status that stops polling: 4xx (other than 429), a redirect (never followed), anything not 2xx/5xx. */
export function statusError(status: number, statusText: string, headers: Header[]): ErrorMeta {
  const line = `${status} ${statusText}`.trim();
  const location = headerValue(headers, 'location');
  let hint: string | undefined;
  if (status >= 300 && status < 400)
    hint = location
      ? `Redirects are not followed (followRedirects is off): poll ${location.slice(0, 200)} itself, or turn ` +
        'followRedirects on (credentials are not sent to another origin).'
      : 'The redirect names no Location: poll the final URL itself.';
  else if (status === 401 || status === 403) hint = 'Check the credentials in the request headers.';
  else if (status === 404 || status === 405) hint = 'Check the URL and the method.';
  return { code: ErrorCode.PollRefused, message: `The server answered ${line}: polling stopped.`, hint };
}
