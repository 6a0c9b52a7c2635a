/**
 * How a connection is described: one plain, serialisable object (what a saved profile stores),
 * validated in one place. Engines receive only validated options.
 */
import type { Header } from '../events/logEvent';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  FORBIDDEN_VALUE_CHARS,
  TOKEN,
  booleanOr,
  checkHeader,
  numberInRange,
  truncate,
  validatePairs,
  validateTls,
  type TlsOptions,
  type ValidationIssue,
  type ValidationResult,
} from './commonOptions';
import {
  validateEngineIoOptions,
  type EngineIoConnectionOptions,
  type ResolvedEngineIoOptions,
} from './engineIoOptions';
import { validatePollOptions, type PollConnectionOptions, type ResolvedPollOptions } from './pollOptions';
import { validateWebSocketLimits, type WebSocketLimitOptions } from './limitOptions';
import { validateRedirectOptions, type RedirectOptions } from './redirectOptions';
import { validateSseOptions, type ResolvedSseOptions, type SseConnectionOptions } from './sseOptions';

export { checkHeader, parseHeaderLines, formatIssues } from './commonOptions';
export type { TlsOptions, ValidationIssue, ValidationResult } from './commonOptions';

/** Default absolute deadline for the opening handshake (issue #2): 10 s. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
/**
 * Largest incoming message we accept before closing with 1009 (issue #7: ws's own 100 MiB let one message
 * block the host).
 */
export const DEFAULT_MAX_PAYLOAD_BYTES = DEFAULT_MAX_MESSAGE_BYTES;
/** Stored payloads longer than this are truncated in the log (full length and SHA-256 kept). */
export const DEFAULT_MAX_STORED_PAYLOAD_BYTES = 1024 * 1024;
/**
 * Default pong deadline of the heartbeat (issue 12: "close after 10 s without a pong"), never longer than the
 * interval itself when that is shorter (a ping every 5 s gives up when the next one is due, as before).
 */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 10_000;

export interface WebSocketConnectionOptions extends RedirectOptions, WebSocketLimitOptions {
  kind: 'websocket';
  /** ws:// or wss:// URL. */
  url: string;
  /** Extra request headers, in order. Handshake headers (Sec-WebSocket-*, Upgrade, Connection) are not allowed. */
  headers?: Header[];
  /** Subprotocols offered in Sec-WebSocket-Protocol. */
  subprotocols?: string[];
  /** Origin header. */
  origin?: string;
  /** Offer permessage-deflate (default true). */
  perMessageDeflate?: boolean;
  tls?: TlsOptions;
  /** Absolute handshake deadline in ms (default 10 000). */
  handshakeTimeoutMs?: number;
  /** Client heartbeat: a ping every N ms. 0/absent = off. */
  heartbeatIntervalMs?: number;
  /** Heartbeat: close when the pong of a ping is not back within N ms (default 10 000, at most the interval). */
  heartbeatTimeoutMs?: number;
  /** Largest incoming message in bytes. */
  maxPayloadBytes?: number;
  /** Payloads above this many bytes are stored truncated. */
  maxStoredPayloadBytes?: number;
}

/** Every kind of connection; grows with each engine (SSE, long-polling…). */
export type ConnectionOptions =
  WebSocketConnectionOptions | EngineIoConnectionOptions | SseConnectionOptions | PollConnectionOptions;

/** Options after validation, of any kind. */
export type ResolvedConnectionOptions =
  ResolvedWebSocketOptions | ResolvedEngineIoOptions | ResolvedSseOptions | ResolvedPollOptions;

/** Options after validation: defaults filled in. */
export type ResolvedWebSocketOptions = Required<Omit<WebSocketConnectionOptions, 'tls' | 'origin'>> & {
  origin?: string;
  tls: TlsOptions;
};

/** Checks a URL typed by a user for a WebSocket session. Returns a message, or undefined when valid. */
export function checkWebSocketUrl(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return 'Enter a URL such as ws://localhost:8080/ or wss://example.com/socket.';
  if (/[\r\n\0\s]/.test(text)) return 'The URL must not contain spaces or line breaks.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${truncate(text)}" is not a valid URL. Expected ws://host[:port]/path or wss://….`;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    const hint =
      url.protocol === 'http:' || url.protocol === 'https:'
        ? ` Use ${url.protocol === 'https:' ? 'wss' : 'ws'}:// for a raw WebSocket.`
        : '';
    const scheme = url.protocol.replace(/:$/, '');
    return `Unsupported scheme "${scheme}": a WebSocket URL starts with ws:// or wss://.${hint}`;
  }
  if (url.hostname === '') return 'The URL has no host.';
  if (url.hash !== '') return 'A WebSocket URL must not contain a fragment (#…).';
  return undefined;
}

/** The kinds validateConnectionOptions knows, as its message names them. */
const SUPPORTED_KINDS = '"websocket", "socketio", "engineio", "sse", "longpoll", "shortpoll"';

/** Validates options of any kind and fills in defaults. Never throws, whatever `input` is. */
export function validateConnectionOptions(input: unknown): ValidationResult<ResolvedConnectionOptions> {
  if (typeof input !== 'object' || input === null)
    return { ok: false, issues: [{ field: '', message: 'Connection options must be an object.' }] };
  const o = input as Record<string, unknown>;
  if (o.kind === 'websocket') return validateWebSocketOptions(o);
  if (o.kind === 'engineio' || o.kind === 'socketio') return validateEngineIoOptions(o);
  if (o.kind === 'sse') return validateSseOptions(o);
  if (o.kind === 'longpoll' || o.kind === 'shortpoll') return validatePollOptions(o);
  return {
    ok: false,
    issues: [
      {
        field: 'kind',
        message: `Unsupported connection kind ${JSON.stringify(o.kind)}; supported: ${SUPPORTED_KINDS}.`,
      },
    ],
  };
}

/** Validates raw WebSocket options and fills in defaults. */
export function validateWebSocketOptions(o: Record<string, unknown>): ValidationResult<ResolvedWebSocketOptions> {
  const issues: ValidationIssue[] = [];
  const url = typeof o.url === 'string' ? o.url.trim() : '';
  const urlProblem = typeof o.url === 'string' ? checkWebSocketUrl(url) : 'The URL is missing.';
  if (urlProblem) issues.push({ field: 'url', message: urlProblem });
  const headers: Header[] = validatePairs(o.headers, 'headers', issues, checkHeader);
  const subprotocols = validateSubprotocols(o.subprotocols, issues);
  const origin = validateOrigin(o.origin, issues);
  const tls = validateTls(o.tls, issues);
  const handshakeTimeoutMs = numberInRange(
    o.handshakeTimeoutMs,
    'handshakeTimeoutMs',
    DEFAULT_HANDSHAKE_TIMEOUT_MS,
    100,
    600_000,
    issues,
  );
  const { heartbeatIntervalMs, heartbeatTimeoutMs } = validateHeartbeat(o, issues);
  const redirects = validateRedirectOptions(o, issues);
  const limits = validateWebSocketLimits(o, issues);
  const maxPayloadBytes = numberInRange(
    o.maxPayloadBytes,
    'maxPayloadBytes',
    DEFAULT_MAX_PAYLOAD_BYTES,
    1,
    2 ** 31 - 1,
    issues,
  );
  const maxStoredPayloadBytes = numberInRange(
    o.maxStoredPayloadBytes,
    'maxStoredPayloadBytes',
    DEFAULT_MAX_STORED_PAYLOAD_BYTES,
    1024,
    2 ** 31 - 1,
    issues,
  );
  const perMessageDeflate = booleanOr(o.perMessageDeflate, 'perMessageDeflate', true, issues);
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      kind: 'websocket',
      url,
      headers,
      subprotocols,
      origin,
      perMessageDeflate,
      tls,
      handshakeTimeoutMs,
      heartbeatIntervalMs,
      heartbeatTimeoutMs,
      maxPayloadBytes,
      maxStoredPayloadBytes,
      ...redirects,
      ...limits,
    },
  };
}

/** The heartbeat: an interval of 0 (off) or at least 100 ms, and the pong deadline (issue 12). */
function validateHeartbeat(
  o: Record<string, unknown>,
  issues: ValidationIssue[],
): { heartbeatIntervalMs: number; heartbeatTimeoutMs: number } {
  const heartbeatIntervalMs = numberInRange(o.heartbeatIntervalMs, 'heartbeatIntervalMs', 0, 0, 3_600_000, issues);
  if (heartbeatIntervalMs > 0 && heartbeatIntervalMs < 100) {
    issues.push({ field: 'heartbeatIntervalMs', message: 'A heartbeat interval must be 0 (off) or at least 100 ms.' });
  }
  const timeoutFallback = Math.min(DEFAULT_HEARTBEAT_TIMEOUT_MS, heartbeatIntervalMs || DEFAULT_HEARTBEAT_TIMEOUT_MS);
  const field = 'heartbeatTimeoutMs';
  const heartbeatTimeoutMs = numberInRange(o.heartbeatTimeoutMs, field, timeoutFallback, 100, 600_000, issues);
  return { heartbeatIntervalMs, heartbeatTimeoutMs };
}

/** Subprotocols: RFC 7230 tokens (RFC 6455 §4.1), each offered once. */
function validateSubprotocols(value: unknown, issues: ValidationIssue[]): string[] {
  const subprotocols: string[] = [];
  if (value === undefined) return subprotocols;
  if (!Array.isArray(value)) {
    issues.push({ field: 'subprotocols', message: 'Subprotocols must be a list of strings.' });
    return subprotocols;
  }
  value.forEach((p: unknown, i) => {
    const field = `subprotocols[${i}]`;
    if (typeof p !== 'string' || !TOKEN.test(p))
      issues.push({ field, message: `Subprotocol ${JSON.stringify(p)} is not a valid token.` });
    else if (subprotocols.includes(p)) issues.push({ field, message: `Subprotocol "${p}" is listed twice.` });
    else subprotocols.push(p);
  });
  return subprotocols;
}

function validateOrigin(value: unknown, issues: ValidationIssue[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && !FORBIDDEN_VALUE_CHARS.test(value)) return value;
  issues.push({ field: 'origin', message: 'Origin must be a single-line string.' });
  return undefined;
}
