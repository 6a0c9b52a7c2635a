/**
 * Options of Engine.IO and Socket.IO connections: one plain object (what a profile stores),
 * validated here. The URL may be http(s) or ws(s); the Engine.IO path comes from `path`, else from
 * the URL's own path, else the kind's default (`/engine.io/`, `/socket.io/`).
 */
import type { Header } from '../events/logEvent';
import {
  DEFAULT_MAX_MESSAGE_BYTES, FORBIDDEN_VALUE_CHARS, booleanOr, checkHeader, numberInRange, truncate, validatePairs, validateTls,
  type TlsOptions, type ValidationIssue, type ValidationResult,
} from './commonOptions';

/** How the session uses its transports. */
export type TransportPolicy =
  /** Start on HTTP long-polling, then probe and upgrade to WebSocket (what Socket.IO does). */
  | 'polling-then-websocket'
  /** Open the WebSocket transport directly. */
  | 'websocket-only'
  /** Never upgrade. */
  | 'polling-only';

export const TRANSPORT_POLICIES: readonly TransportPolicy[] = ['polling-then-websocket', 'websocket-only', 'polling-only'];

/** Engine.IO protocol version: 4 (Socket.IO 3+), 3 (Socket.IO 1/2), or detect from the handshake. */
export type EioVersionOption = 'auto' | 3 | 4;

export interface NamespaceOption {
  /** `/`, `/admin`… */
  name: string;
  /** Optional auth payload as JSON text (v5: CONNECT data; v4: query string inside the namespace). */
  auth?: string;
}

export interface EngineIoConnectionOptions {
  kind: 'engineio' | 'socketio';
  url: string;
  path?: string;
  query?: Header[];
  headers?: Header[];
  transports?: TransportPolicy;
  protocolVersion?: EioVersionOption;
  tls?: TlsOptions;
  perMessageDeflate?: boolean;
  /** Absolute deadline for the handshake and for the upgrade probe (ms). */
  handshakeTimeoutMs?: number;
  /** Largest polling response body accepted (bytes). */
  maxPollBodyBytes?: number;
  /** Largest WebSocket message accepted on the WebSocket transport (bytes); larger ones close with 1009. */
  maxPayloadBytes?: number;
  maxStoredPayloadBytes?: number;
  /** Socket.IO only: namespaces to join on open (default `/`). */
  namespaces?: NamespaceOption[];
  /** Socket.IO only: the packet format, `default` (JSON text) or `msgpack` (socket.io-msgpack-parser). */
  parser?: 'default' | 'msgpack';
}

export interface ResolvedEngineIoOptions {
  kind: 'engineio' | 'socketio';
  /** The URL as given (shown in the header). */
  url: string;
  /** http: or https: origin + Engine.IO path, without query. */
  endpoint: URL;
  query: Header[];
  headers: Header[];
  transports: TransportPolicy;
  protocolVersion: EioVersionOption;
  tls: TlsOptions;
  perMessageDeflate: boolean;
  handshakeTimeoutMs: number;
  maxPollBodyBytes: number;
  maxPayloadBytes: number;
  maxStoredPayloadBytes: number;
  namespaces: Array<{ name: string; auth?: string }>;
  parser: 'default' | 'msgpack';
}

/**
 * Largest polling body accepted by default (a setting overrides it). Issue #7: a 10 MiB body of 5 million
 * noops took a minute and 3.2 GB of heap to decode; 4 MiB is far above what a real server batches into one
 * long-poll answer, and the body is decoded in slices anyway (engineio/bodySlicer.ts).
 */
export const DEFAULT_MAX_POLL_BODY = 4 * 1024 * 1024;

/** Checks a URL for an Engine.IO / Socket.IO session; returns a message or undefined. */
export function checkEngineIoUrl(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return 'Enter a URL such as http://localhost:3000 or http://localhost:3000/socket.io/.';
  if (/[\s\0]/.test(text)) return 'The URL must not contain spaces or line breaks.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${truncate(text)}" is not a valid URL. Expected http(s)://host[:port][/path].`;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return `Unsupported scheme "${url.protocol.replace(/:$/, '')}": use http://, https://, ws:// or wss://.`;
  if (url.hostname === '') return 'The URL has no host.';
  if (url.hash !== '') return 'The URL must not contain a fragment (#…).';
  return undefined;
}

export function validateEngineIoOptions(o: Record<string, unknown>): ValidationResult<ResolvedEngineIoOptions> {
  const issues: ValidationIssue[] = [];
  const kind = o.kind === 'socketio' ? 'socketio' : 'engineio';
  const url = typeof o.url === 'string' ? o.url.trim() : '';
  const urlProblem = typeof o.url === 'string' ? checkEngineIoUrl(url) : 'The URL is missing.';
  if (urlProblem) issues.push({ field: 'url', message: urlProblem });

  const query = validatePairs(o.query, 'query', issues, (name, value) =>
    name === '' ? 'A query parameter needs a name.'
      : ['EIO', 'transport', 'sid', 't', 'b64'].includes(name) ? `Query parameter "${name}" is set by Engine.IO itself.`
        : FORBIDDEN_VALUE_CHARS.test(name + value) ? 'Query parameters must not contain line breaks or NUL.' : undefined);
  const headers = validatePairs(o.headers, 'headers', issues, checkHeader);
  const tls = validateTls(o.tls, issues);

  let path = '';
  if (o.path !== undefined && o.path !== '') {
    if (typeof o.path !== 'string' || !o.path.startsWith('/') || /[\s?#]/.test(o.path)) issues.push({ field: 'path', message: 'The path must start with "/" and contain no spaces, "?" or "#".' });
    else path = o.path;
  }

  let transports: TransportPolicy = 'polling-then-websocket';
  if (o.transports !== undefined) {
    if (!TRANSPORT_POLICIES.includes(o.transports as TransportPolicy)) issues.push({ field: 'transports', message: `Transports must be one of ${TRANSPORT_POLICIES.join(', ')}.` });
    else transports = o.transports as TransportPolicy;
  }
  let protocolVersion: EioVersionOption = 'auto';
  if (o.protocolVersion !== undefined) {
    if (o.protocolVersion !== 'auto' && o.protocolVersion !== 3 && o.protocolVersion !== 4) issues.push({ field: 'protocolVersion', message: 'The Engine.IO protocol version must be "auto", 3 or 4.' });
    else protocolVersion = o.protocolVersion;
  }

  const namespaces: Array<{ name: string; auth?: string }> = [];
  if (o.namespaces !== undefined) {
    if (!Array.isArray(o.namespaces)) issues.push({ field: 'namespaces', message: 'Namespaces must be a list.' });
    else o.namespaces.forEach((n, i) => {
      const ns = n as Record<string, unknown>;
      if (typeof ns !== 'object' || ns === null || typeof ns.name !== 'string' || !ns.name.startsWith('/') || /[,\s]/.test(ns.name)) {
        issues.push({ field: `namespaces[${i}]`, message: 'A namespace needs a name that starts with "/" and has no commas or spaces.' });
        return;
      }
      if (ns.auth !== undefined && ns.auth !== '') {
        if (typeof ns.auth !== 'string') { issues.push({ field: `namespaces[${i}].auth`, message: 'Auth must be JSON text.' }); return; }
        try {
          const parsed = JSON.parse(ns.auth);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        } catch {
          issues.push({ field: `namespaces[${i}].auth`, message: 'Auth must be a JSON object, e.g. {"token":"abc"}.' });
          return;
        }
        namespaces.push({ name: ns.name, auth: ns.auth });
      } else namespaces.push({ name: ns.name });
    });
  }
  if (kind === 'socketio' && namespaces.length === 0 && !issues.some((i) => i.field.startsWith('namespaces'))) namespaces.push({ name: '/' });

  const handshakeTimeoutMs = numberInRange(o.handshakeTimeoutMs, 'handshakeTimeoutMs', 10_000, 100, 600_000, issues);
  const maxPollBodyBytes = numberInRange(o.maxPollBodyBytes, 'maxPollBodyBytes', DEFAULT_MAX_POLL_BODY, 1024, 2 ** 31 - 1, issues);
  const maxPayloadBytes = numberInRange(o.maxPayloadBytes, 'maxPayloadBytes', DEFAULT_MAX_MESSAGE_BYTES, 1, 2 ** 31 - 1, issues);
  const maxStoredPayloadBytes = numberInRange(o.maxStoredPayloadBytes, 'maxStoredPayloadBytes', 1024 * 1024, 1024, 2 ** 31 - 1, issues);
  const perMessageDeflate = booleanOr(o.perMessageDeflate, 'perMessageDeflate', true, issues);
  let parser: 'default' | 'msgpack' = 'default';
  if (o.parser !== undefined) {
    if (o.parser !== 'default' && o.parser !== 'msgpack') issues.push({ field: 'parser', message: 'The parser must be "default" or "msgpack".' });
    else parser = o.parser;
  }

  if (issues.length) return { ok: false, issues };
  const parsed = new URL(url);
  for (const [name, value] of parsed.searchParams) if (!query.some(([n]) => n === name)) query.push([name, value]);
  const endpoint = new URL(parsed.origin.replace(/^ws/, 'http'));
  endpoint.pathname = path || (parsed.pathname !== '/' ? parsed.pathname : kind === 'socketio' ? '/socket.io/' : '/engine.io/');
  return {
    ok: true,
    value: { kind, url, endpoint, query, headers, transports, protocolVersion, tls, perMessageDeflate, handshakeTimeoutMs, maxPollBodyBytes, maxPayloadBytes, maxStoredPayloadBytes, namespaces, parser },
  };
}
