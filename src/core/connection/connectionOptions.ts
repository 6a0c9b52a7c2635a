/**
 * How a connection is described: one plain, serialisable object (what a saved profile stores),
 * validated in one place. Engines receive only validated options.
 */
import type { Header } from '../events/logEvent';

/** Default absolute deadline for the opening handshake (issue #2): 10 s. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
/** Largest incoming message we accept before closing with 1009 (ws's own default). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 100 * 1024 * 1024;
/** Stored payloads longer than this are truncated in the log (full length and SHA-256 kept). */
export const DEFAULT_MAX_STORED_PAYLOAD_BYTES = 1024 * 1024;

export interface TlsOptions {
  /** Verify the server certificate (default true). */
  rejectUnauthorized?: boolean;
  /** Extra trusted CA certificates, PEM text. */
  ca?: string;
  /** SNI / certificate host name override. */
  servername?: string;
}

export interface WebSocketConnectionOptions {
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
  /** Client heartbeat: ping every N ms, give up when the pong is not back by the next one. 0/absent = off. */
  heartbeatIntervalMs?: number;
  /** Largest incoming message in bytes. */
  maxPayloadBytes?: number;
  /** Payloads above this many bytes are stored truncated. */
  maxStoredPayloadBytes?: number;
}

/** Every kind of connection; grows with each engine (Socket.IO, SSE, long-polling…). */
export type ConnectionOptions = WebSocketConnectionOptions;

/** Options after validation: defaults filled in. */
export type ResolvedWebSocketOptions = Required<Omit<WebSocketConnectionOptions, 'tls' | 'origin'>> & {
  origin?: string;
  tls: TlsOptions;
};

export interface ValidationIssue {
  /** Which field ("url", "headers[2]", "subprotocols[0]"…). */
  field: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

// RFC 7230 token: the characters allowed in a header name and a subprotocol.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values must not smuggle a new header or request line (CR, LF) or contain NUL.
const FORBIDDEN_VALUE_CHARS = /[\r\n\0]/;
/** Headers the WebSocket handshake owns; setting them by hand breaks it. */
const HANDSHAKE_HEADERS = new Set([
  'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol',
  'upgrade', 'connection', 'host', 'content-length', 'transfer-encoding',
]);

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
    const hint = url.protocol === 'http:' || url.protocol === 'https:' ? ` Use ${url.protocol === 'https:' ? 'wss' : 'ws'}:// for a raw WebSocket.` : '';
    return `Unsupported scheme "${url.protocol.replace(/:$/, '')}": a WebSocket URL starts with ws:// or wss://.${hint}`;
  }
  if (url.hostname === '') return 'The URL has no host.';
  if (url.hash !== '') return 'A WebSocket URL must not contain a fragment (#…).';
  return undefined;
}

/** Checks one header; returns a message or undefined. */
export function checkHeader(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `Header name "${truncate(name)}" is not a valid HTTP token.`;
  if (FORBIDDEN_VALUE_CHARS.test(value)) return `Header "${name}" contains a line break or NUL: that would inject another header.`;
  if (HANDSHAKE_HEADERS.has(name.toLowerCase())) {
    return name.toLowerCase() === 'sec-websocket-protocol'
      ? 'Set subprotocols with the subprotocols option, not as a header.'
      : `Header "${name}" is set by the WebSocket handshake itself and cannot be overridden.`;
  }
  return undefined;
}

/** Parses `Name: value` lines (one per line, blank lines ignored) into headers, or reports the bad line. */
export function parseHeaderLines(text: string): ValidationResult<Header[]> {
  const headers: Header[] = [];
  const issues: ValidationIssue[] = [];
  text.split(/\n/).forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      issues.push({ field: `headers[${index}]`, message: `Line ${index + 1} is not "Name: value".` });
      return;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const problem = checkHeader(name, value);
    if (problem) issues.push({ field: `headers[${index}]`, message: problem });
    else headers.push([name, value]);
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: headers };
}

/** Validates options of any kind and fills in defaults. Never throws, whatever `input` is. */
export function validateConnectionOptions(input: unknown): ValidationResult<ResolvedWebSocketOptions> {
  const issues: ValidationIssue[] = [];
  if (typeof input !== 'object' || input === null) return { ok: false, issues: [{ field: '', message: 'Connection options must be an object.' }] };
  const o = input as Record<string, unknown>;
  if (o.kind !== 'websocket') issues.push({ field: 'kind', message: `Unsupported connection kind ${JSON.stringify(o.kind)}; supported: "websocket".` });

  const url = typeof o.url === 'string' ? o.url.trim() : '';
  const urlProblem = typeof o.url === 'string' ? checkWebSocketUrl(url) : 'The URL is missing.';
  if (urlProblem) issues.push({ field: 'url', message: urlProblem });

  const headers: Header[] = [];
  if (o.headers !== undefined) {
    if (!Array.isArray(o.headers)) issues.push({ field: 'headers', message: 'Headers must be a list of [name, value] pairs.' });
    else o.headers.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        issues.push({ field: `headers[${i}]`, message: 'Each header must be a [name, value] pair of strings.' });
        return;
      }
      const problem = checkHeader(pair[0], pair[1]);
      if (problem) issues.push({ field: `headers[${i}]`, message: problem });
      else headers.push([pair[0], pair[1]]);
    });
  }

  const subprotocols: string[] = [];
  if (o.subprotocols !== undefined) {
    if (!Array.isArray(o.subprotocols)) issues.push({ field: 'subprotocols', message: 'Subprotocols must be a list of strings.' });
    else o.subprotocols.forEach((p, i) => {
      if (typeof p !== 'string' || !TOKEN.test(p)) issues.push({ field: `subprotocols[${i}]`, message: `Subprotocol ${JSON.stringify(p)} is not a valid token.` });
      else if (subprotocols.includes(p)) issues.push({ field: `subprotocols[${i}]`, message: `Subprotocol "${p}" is listed twice.` });
      else subprotocols.push(p);
    });
  }

  let origin: string | undefined;
  if (o.origin !== undefined && o.origin !== '') {
    if (typeof o.origin !== 'string' || FORBIDDEN_VALUE_CHARS.test(o.origin)) issues.push({ field: 'origin', message: 'Origin must be a single-line string.' });
    else origin = o.origin;
  }

  const tls: { rejectUnauthorized?: boolean; ca?: string; servername?: string } = {};
  if (o.tls !== undefined) {
    const t = o.tls as Record<string, unknown>;
    if (typeof t !== 'object' || t === null) issues.push({ field: 'tls', message: 'TLS options must be an object.' });
    else {
      if (t.rejectUnauthorized !== undefined && typeof t.rejectUnauthorized !== 'boolean') issues.push({ field: 'tls.rejectUnauthorized', message: 'Must be true or false.' });
      else if (t.rejectUnauthorized !== undefined) tls.rejectUnauthorized = t.rejectUnauthorized as boolean;
      if (t.ca !== undefined && t.ca !== '') {
        if (typeof t.ca !== 'string' || !t.ca.includes('-----BEGIN CERTIFICATE-----')) issues.push({ field: 'tls.ca', message: 'The CA must be PEM text (-----BEGIN CERTIFICATE-----).' });
        else tls.ca = t.ca;
      }
      if (t.servername !== undefined && t.servername !== '') {
        if (typeof t.servername !== 'string') issues.push({ field: 'tls.servername', message: 'Server name must be a string.' });
        else tls.servername = t.servername;
      }
    }
  }
  if (tls.rejectUnauthorized === undefined) tls.rejectUnauthorized = true;

  const handshakeTimeoutMs = numberInRange(o.handshakeTimeoutMs, 'handshakeTimeoutMs', DEFAULT_HANDSHAKE_TIMEOUT_MS, 100, 600_000, issues);
  const heartbeatIntervalMs = numberInRange(o.heartbeatIntervalMs, 'heartbeatIntervalMs', 0, 0, 3_600_000, issues);
  if (heartbeatIntervalMs > 0 && heartbeatIntervalMs < 100) issues.push({ field: 'heartbeatIntervalMs', message: 'A heartbeat interval must be 0 (off) or at least 100 ms.' });
  const maxPayloadBytes = numberInRange(o.maxPayloadBytes, 'maxPayloadBytes', DEFAULT_MAX_PAYLOAD_BYTES, 1, 2 ** 31 - 1, issues);
  const maxStoredPayloadBytes = numberInRange(o.maxStoredPayloadBytes, 'maxStoredPayloadBytes', DEFAULT_MAX_STORED_PAYLOAD_BYTES, 1024, 2 ** 31 - 1, issues);
  let perMessageDeflate = true;
  if (o.perMessageDeflate !== undefined) {
    if (typeof o.perMessageDeflate !== 'boolean') issues.push({ field: 'perMessageDeflate', message: 'Must be true or false.' });
    else perMessageDeflate = o.perMessageDeflate;
  }

  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: { kind: 'websocket', url, headers, subprotocols, origin, perMessageDeflate, tls, handshakeTimeoutMs, heartbeatIntervalMs, maxPayloadBytes, maxStoredPayloadBytes },
  };
}

function numberInRange(value: unknown, field: string, fallback: number, min: number, max: number, issues: ValidationIssue[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    issues.push({ field, message: `${field} must be a number from ${min} to ${max}.` });
    return fallback;
  }
  return Math.floor(value);
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Formats validation issues as one message for the user. */
export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join(' ');
}
