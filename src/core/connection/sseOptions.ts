/**
 * Options of a Server-Sent Events session (issue #11): one plain object (what a profile stores), validated
 * here. GET or POST (streamed AI APIs post a JSON body), extra headers, a first Last-Event-ID, TLS, the
 * deadline for the response head and the cap on one line or event. Pure; never throws, whatever the input.
 */
import type { Header } from '../events/logEvent';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  FORBIDDEN_VALUE_CHARS,
  booleanOr,
  numberInRange,
  validatePairs,
  validateTls,
  type TlsOptions,
  type ValidationIssue,
  type ValidationResult,
} from './commonOptions';
import { checkHttpHeader, checkHttpUrl, validateBody, validateMethod } from './httpRequestOptions';
import { LIMITS } from '../limits/limits';
import { validateRedirectOptions, type RedirectOptions, type ResolvedRedirectOptions } from './redirectOptions';

export interface SseConnectionOptions extends RedirectOptions {
  kind: 'sse';
  /** http:// or https:// URL of the event stream. */
  url: string;
  /** GET (the EventSource way, default) or POST (with `body`). */
  method?: 'GET' | 'POST';
  /** Extra request headers, in order. HTTP framing headers and Last-Event-ID are the engine's. */
  headers?: Header[];
  /** The POST body, sent again on every reconnect. */
  body?: string;
  /** Last-Event-ID of the first request (a resumed stream); later requests send the last id seen. */
  lastEventId?: string;
  tls?: TlsOptions;
  /** Deadline for the response head, in ms (default 10 000); the stream itself may then stay silent. */
  handshakeTimeoutMs?: number;
  /** Longest line, and largest event being buffered, in bytes (default 1 MiB); past it the session closes. */
  maxLineBytes?: number;
  /** Payloads above this many bytes are stored truncated. */
  maxStoredPayloadBytes?: number;
  /** Reconnect after a network error or the end of the stream (default true), as EventSource does. */
  reconnect?: boolean;
  /**
   * Liveness (issue 12): when nothing at all (not even a comment) arrives on an open stream for this many ms,
   * the link is taken for dead (half-open) and the attempt ends like a network error. 0/absent = off.
   */
  idleTimeoutMs?: number;
}

/** SSE options after validation: defaults filled in. */
export interface ResolvedSseOptions extends ResolvedRedirectOptions {
  kind: 'sse';
  url: string;
  method: 'GET' | 'POST';
  headers: Header[];
  body?: string;
  lastEventId?: string;
  tls: TlsOptions;
  handshakeTimeoutMs: number;
  maxLineBytes: number;
  maxStoredPayloadBytes: number;
  reconnect: boolean;
  idleTimeoutMs: number;
}

/** Default cap on one line or one buffered event: 1 MiB. */
export const DEFAULT_MAX_SSE_LINE_BYTES: number = LIMITS.maxSseLineBytes.default;
/** Default deadline for the response head (the same as the WebSocket handshake's). */
export const DEFAULT_SSE_HANDSHAKE_TIMEOUT_MS = 10_000;
/** Largest POST body (the same bound as a message a user sends). */
export const MAX_SSE_BODY_BYTES = DEFAULT_MAX_MESSAGE_BYTES;

const MAX_INT32 = 2 ** 31 - 1;

/** Checks a URL for an SSE session; returns a message or undefined. */
export function checkSseUrl(input: string): string | undefined {
  return checkHttpUrl(input, 'http://localhost:3000/events', 'an event stream is fetched over');
}

/** Checks one request header of an SSE session; returns a message or undefined. */
export function checkSseHeader(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'last-event-id')
    return 'Set lastEventId instead: the session sends the last id it saw on every reconnect.';
  if (lower.startsWith('sec-websocket-')) return `Header "${name}" belongs to a WebSocket handshake, not to SSE.`;
  return checkHttpHeader(name, value);
}

/** Validates SSE options and fills in defaults. Never throws, whatever `input` is. */
export function validateSseOptions(input: unknown): ValidationResult<ResolvedSseOptions> {
  if (typeof input !== 'object' || input === null)
    return { ok: false, issues: [{ field: '', message: 'Connection options must be an object.' }] };
  try {
    return validateFields(input as Record<string, unknown>);
  } catch {
    // A getter on a hostile object could throw; be total anyway.
    return { ok: false, issues: [{ field: '', message: 'The connection options could not be read.' }] };
  }
}

function validateFields(o: Record<string, unknown>): ValidationResult<ResolvedSseOptions> {
  const issues: ValidationIssue[] = [];
  if (o.kind !== 'sse') issues.push({ field: 'kind', message: 'The kind of an SSE connection is "sse".' });
  const url = typeof o.url === 'string' ? o.url.trim() : '';
  const urlProblem = typeof o.url === 'string' ? checkSseUrl(url) : 'The URL is missing.';
  if (urlProblem) issues.push({ field: 'url', message: urlProblem });
  const method = validateMethod(o.method, issues);
  const headers = validatePairs(o.headers, 'headers', issues, checkSseHeader);
  const body = validateBody(o.body, method, MAX_SSE_BODY_BYTES, issues);
  const lastEventId = validateLastEventId(o.lastEventId, issues);
  const tls = validateTls(o.tls, issues);
  const limits = validateLimits(o, issues);
  const reconnect = booleanOr(o.reconnect, 'reconnect', true, issues);
  const redirects = validateRedirectOptions(o, issues);
  if (issues.length) return { ok: false, issues };
  const value: ResolvedSseOptions = { kind: 'sse', url, method, headers, tls, ...limits, reconnect, ...redirects };
  if (body !== undefined) value.body = body;
  if (lastEventId !== undefined) value.lastEventId = lastEventId;
  return { ok: true, value };
}

/** An id as a server could have sent it: one line, no NUL (WHATWG: an id with NUL is ignored). */
function validateLastEventId(value: unknown, issues: ValidationIssue[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && !FORBIDDEN_VALUE_CHARS.test(value) && value.length <= 1024) return value;
  issues.push({
    field: 'lastEventId',
    message: 'The last event id must be one line of at most 1024 characters, without NUL.',
  });
  return undefined;
}

type SseLimits = Pick<
  ResolvedSseOptions,
  'handshakeTimeoutMs' | 'maxLineBytes' | 'maxStoredPayloadBytes' | 'idleTimeoutMs'
>;

/** Deadlines and sizes, each in its range (a setting or a profile may hold anything). */
function validateLimits(o: Record<string, unknown>, issues: ValidationIssue[]): SseLimits {
  const timeout = DEFAULT_SSE_HANDSHAKE_TIMEOUT_MS;
  return {
    handshakeTimeoutMs: numberInRange(o.handshakeTimeoutMs, 'handshakeTimeoutMs', timeout, 100, 600_000, issues),
    maxLineBytes: numberInRange(o.maxLineBytes, 'maxLineBytes', DEFAULT_MAX_SSE_LINE_BYTES, 256, MAX_INT32, issues),
    maxStoredPayloadBytes: numberInRange(
      o.maxStoredPayloadBytes,
      'maxStoredPayloadBytes',
      1024 * 1024,
      1024,
      MAX_INT32,
      issues,
    ),
    idleTimeoutMs: numberInRange(o.idleTimeoutMs, 'idleTimeoutMs', 0, 0, 3_600_000, issues),
  };
}
