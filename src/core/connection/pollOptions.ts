/**
 * Options of generic long-polling and short-polling sessions (issue 11): one plain object (what a profile
 * stores), validated here like the other kinds — every issue names its field, nothing throws, whatever the
 * input. A long-poll asks again as soon as an answer arrives (RFC 6202 §2.1); a short poll asks every
 * `intervalMs`. The engine is src/core/polling/.
 */
import type { Header } from '../events/logEvent';
import { parseCursorPath, type CursorStep } from '../polling/cursorPath';
import {
  numberInRange,
  validatePairs,
  validateTls,
  type TlsOptions,
  type ValidationIssue,
  type ValidationResult,
} from './commonOptions';
import { checkHttpHeader, checkHttpUrl, validateBody, validateMethod, type HttpMethod } from './httpRequestOptions';
import { DEFAULT_MAX_POLL_BODY } from './engineIoOptions';
import { validateRedirectOptions, type RedirectOptions, type ResolvedRedirectOptions } from './redirectOptions';

export type PollKind = 'longpoll' | 'shortpoll';
export type PollMethod = HttpMethod;

/** Where the next request's cursor comes from, and where it goes. */
export interface PollCursorRule {
  /** A JSON path into the response body: `$.cursor`, `$.messages[-1].id`, `$["next-token"]` (polling/cursorPath.ts). */
  from: string;
  /** A query parameter name (`since`), or `body.<field>`: a top-level field of a POST's JSON object body. */
  to: string;
}

/** Retries after a network error, a 5xx or a 429: exponential backoff with jitter (polling/pollRetry.ts). */
export interface PollRetryOptions {
  /** Retries in a row before the session gives up (default 5; 0 = never retry). */
  maxRetries?: number;
  /** Delay before the first retry (default 1000 ms); it doubles with each retry in a row. */
  initialDelayMs?: number;
  /** Longest delay between retries (default 30 000 ms); also caps a server's Retry-After. */
  maxDelayMs?: number;
}

export interface PollConnectionOptions extends RedirectOptions {
  kind: PollKind;
  /** http:// or https:// URL polled. */
  url: string;
  /** Default GET. */
  method?: PollMethod;
  headers?: Header[];
  /** POST only: the request body (text; JSON when the cursor goes into it). */
  body?: string;
  /** Deadline of one request, from sent to the last body byte (default: long-poll 60 s, short poll 10 s). */
  requestTimeoutMs?: number;
  /** Short poll: from one request's start to the next one's (default 2000). Long-poll: wait after an answer (0). */
  intervalMs?: number;
  cursor?: PollCursorRule;
  retry?: PollRetryOptions;
  /** Largest response body accepted, in bytes (default 4 MiB); a larger one ends the session. */
  maxBodyBytes?: number;
  maxStoredPayloadBytes?: number;
  tls?: TlsOptions;
}

/** Where a cursor goes: a query parameter, or a top-level field of the JSON body. */
export type CursorTarget = { in: 'query'; name: string } | { in: 'body'; field: string };

export interface ResolvedPollCursor extends PollCursorRule {
  path: CursorStep[];
  target: CursorTarget;
}

export interface ResolvedPollOptions extends ResolvedRedirectOptions {
  kind: PollKind;
  /** The URL as given (shown in the header). */
  url: string;
  /** The parsed URL; the cursor's query parameter is set on a copy of it. */
  endpoint: URL;
  method: PollMethod;
  headers: Header[];
  body?: string;
  requestTimeoutMs: number;
  intervalMs: number;
  cursor?: ResolvedPollCursor;
  retry: Required<PollRetryOptions>;
  maxBodyBytes: number;
  maxStoredPayloadBytes: number;
  tls: TlsOptions;
}

export const DEFAULT_LONGPOLL_TIMEOUT_MS = 60_000;
export const DEFAULT_SHORTPOLL_TIMEOUT_MS = 10_000;
export const DEFAULT_SHORTPOLL_INTERVAL_MS = 2_000;
/** Shortest short-poll interval: below it a "short poll" is a flood of rows. */
export const MIN_SHORTPOLL_INTERVAL_MS = 100;
/** Largest request body a profile may hold. */
export const MAX_POLL_REQUEST_BODY_BYTES = 1024 * 1024;
const MAX_INT32 = 2 ** 31 - 1;
const BODY_FIELD = /^body\.([A-Za-z_$][A-Za-z0-9_$-]*)$/;

/**
 * Whether resolved options are of a polling kind. A type guard, because `kind` alone cannot narrow a union of
 * resolved options out of ResolvedPollOptions: its `kind` is itself a union ('longpoll' | 'shortpoll').
 */
export function isPollOptions(options: { kind: string }): options is ResolvedPollOptions {
  return options.kind === 'longpoll' || options.kind === 'shortpoll';
}

/** Validates long-poll / short-poll options and fills in defaults. Never throws. */
export function validatePollOptions(input: unknown): ValidationResult<ResolvedPollOptions> {
  if (typeof input !== 'object' || input === null)
    return { ok: false, issues: [{ field: '', message: 'Connection options must be an object.' }] };
  const o = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const kind: PollKind = o.kind === 'shortpoll' ? 'shortpoll' : 'longpoll';
  if (o.kind !== 'longpoll' && o.kind !== 'shortpoll')
    issues.push({ field: 'kind', message: 'The kind must be "longpoll" or "shortpoll".' });
  const url = typeof o.url === 'string' ? o.url.trim() : '';
  const urlProblem = typeof o.url === 'string' ? checkPollUrl(url) : 'The URL is missing.';
  if (urlProblem) issues.push({ field: 'url', message: urlProblem });
  const method = validateMethod(o.method, issues);
  const headers = validatePairs(o.headers, 'headers', issues, pollHeaderProblem);
  const body = validateBody(o.body, method, MAX_POLL_REQUEST_BODY_BYTES, issues);
  const cursor = validateCursor(o.cursor, method, body, issues);
  const timing = validateTiming(o, kind, issues);
  const retry = validateRetry(o.retry, issues);
  const maxBodyBytes = numberInRange(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_POLL_BODY, 1024, MAX_INT32, issues);
  const maxStored = numberInRange(
    o.maxStoredPayloadBytes,
    'maxStoredPayloadBytes',
    1024 * 1024,
    1024,
    MAX_INT32,
    issues,
  );
  const tls = validateTls(o.tls, issues);
  const redirects = validateRedirectOptions(o, issues);
  if (issues.length) return { ok: false, issues };
  const value: ResolvedPollOptions = {
    ...redirects,
    kind,
    url,
    endpoint: new URL(url),
    method,
    headers,
    ...timing,
    retry,
    maxBodyBytes,
    maxStoredPayloadBytes: maxStored,
    tls,
  };
  if (body !== undefined) value.body = body;
  if (cursor) value.cursor = cursor;
  return { ok: true, value };
}

/** Checks a URL for a polling session; returns a message or undefined. */
export function checkPollUrl(input: string): string | undefined {
  return checkHttpUrl(input, 'http://localhost:3000/poll', 'polling uses');
}

/** A request header of a polling session: a token name, one line, not one Node's HTTP client sets itself. */
export const pollHeaderProblem = checkHttpHeader;

function validateCursor(
  value: unknown,
  method: PollMethod,
  body: string | undefined,
  issues: ValidationIssue[],
): ResolvedPollCursor | undefined {
  if (value === undefined) return undefined;
  const c = value as Record<string, unknown>;
  if (typeof c !== 'object' || c === null) {
    issues.push({ field: 'cursor', message: 'The cursor rule must be an object { from, to }.' });
    return undefined;
  }
  const path = typeof c.from === 'string' ? parseCursorPath(c.from.trim()) : undefined;
  if (!path) issues.push({ field: 'cursor.from', message: 'Give a JSON path such as $.cursor or $.messages[-1].id.' });
  else if (!path.ok) issues.push({ field: 'cursor.from', message: `Not a cursor path: ${path.error}` });
  const target = validateTarget(c.to, method, body, issues);
  if (!path?.ok || !target) return undefined;
  return { from: (c.from as string).trim(), to: (c.to as string).trim(), path: path.steps, target };
}

function validateTarget(
  value: unknown,
  method: PollMethod,
  body: string | undefined,
  issues: ValidationIssue[],
): CursorTarget | undefined {
  const to = typeof value === 'string' ? value.trim() : '';
  const field = BODY_FIELD.exec(to)?.[1];
  let problem: string | undefined;
  if (to === '' || /[\s\0]/.test(to) || to.length > 100)
    problem = 'Give a query parameter name (e.g. since) or body.<field>, without spaces, at most 100 characters.';
  else if (to.startsWith('body.') && !field) problem = 'After "body." give a field name (letters, digits, _ $ -).';
  else if (field && method !== 'POST') problem = 'A cursor in the body needs method POST.';
  else if (field && body !== undefined && !isJsonObjectText(body))
    problem = 'A cursor in the body needs the body to be a JSON object ({…}).';
  if (problem) {
    issues.push({ field: 'cursor.to', message: problem });
    return undefined;
  }
  return field ? { in: 'body', field } : { in: 'query', name: to };
}

function isJsonObjectText(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** The request deadline and the interval, with the kind's defaults and floors. */
function validateTiming(
  o: Record<string, unknown>,
  kind: PollKind,
  issues: ValidationIssue[],
): { requestTimeoutMs: number; intervalMs: number } {
  const long = kind === 'longpoll';
  const timeoutFallback = long ? DEFAULT_LONGPOLL_TIMEOUT_MS : DEFAULT_SHORTPOLL_TIMEOUT_MS;
  const minInterval = long ? 0 : MIN_SHORTPOLL_INTERVAL_MS;
  return {
    requestTimeoutMs: numberInRange(o.requestTimeoutMs, 'requestTimeoutMs', timeoutFallback, 100, 600_000, issues),
    intervalMs: numberInRange(
      o.intervalMs,
      'intervalMs',
      long ? 0 : DEFAULT_SHORTPOLL_INTERVAL_MS,
      minInterval,
      3_600_000,
      issues,
    ),
  };
}

function validateRetry(value: unknown, issues: ValidationIssue[]): Required<PollRetryOptions> {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (value !== undefined && !isObject) issues.push({ field: 'retry', message: 'Retry options must be an object.' });
  const r = (isObject ? value : {}) as Record<string, unknown>;
  const retry = {
    maxRetries: numberInRange(r.maxRetries, 'retry.maxRetries', 5, 0, 100, issues),
    initialDelayMs: numberInRange(r.initialDelayMs, 'retry.initialDelayMs', 1_000, 10, 60_000, issues),
    maxDelayMs: numberInRange(r.maxDelayMs, 'retry.maxDelayMs', 30_000, 10, 600_000, issues),
  };
  if (retry.maxDelayMs < retry.initialDelayMs)
    issues.push({ field: 'retry.maxDelayMs', message: 'The longest delay must not be shorter than the first.' });
  return retry;
}
