/**
 * Options of Engine.IO and Socket.IO connections: one plain object (what a profile stores),
 * validated here. The URL may be http(s) or ws(s); the Engine.IO path comes from `path`, else from
 * the URL's own path, else the kind's default (`/engine.io/`, `/socket.io/`).
 */
import { authProblem, isNamespaceName } from '../socketio/sioInput';
import type { Header } from '../events/logEvent';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  FORBIDDEN_VALUE_CHARS,
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
import { validateRedirectOptions, type RedirectOptions, type ResolvedRedirectOptions } from './redirectOptions';
import {
  validateSocketIoLimits,
  validateWebSocketLimits,
  type ResolvedSocketIoLimitOptions,
  type ResolvedWebSocketLimitOptions,
  type SocketIoLimitOptions,
  type WebSocketLimitOptions,
} from './limitOptions';
import { LIMITS } from '../limits/limits';

/** How the session uses its transports. */
export type TransportPolicy =
  /** Start on HTTP long-polling, then probe and upgrade to WebSocket (what Socket.IO does). */
  | 'polling-then-websocket'
  /** Open the WebSocket transport directly. */
  | 'websocket-only'
  /** Never upgrade. */
  | 'polling-only';

export const TRANSPORT_POLICIES: readonly TransportPolicy[] = [
  'polling-then-websocket',
  'websocket-only',
  'polling-only',
];

/** Engine.IO protocol version: 4 (Socket.IO 3+), 3 (Socket.IO 1/2), or detect from the handshake. */
export type EioVersionOption = 'auto' | 3 | 4;

export interface NamespaceOption {
  /** `/`, `/admin`… */
  name: string;
  /** Optional auth payload as JSON text (v5: CONNECT data; v4: query string inside the namespace). */
  auth?: string;
}

export interface EngineIoConnectionOptions extends RedirectOptions, WebSocketLimitOptions, SocketIoLimitOptions {
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

export interface ResolvedEngineIoOptions
  extends ResolvedRedirectOptions, ResolvedWebSocketLimitOptions, ResolvedSocketIoLimitOptions {
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
export const DEFAULT_MAX_POLL_BODY: number = LIMITS.maxPollBodyBytes.default;

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
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol))
    return `Unsupported scheme "${url.protocol.replace(/:$/, '')}": use http://, https://, ws:// or wss://.`;
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
  const query = validatePairs(o.query, 'query', issues, queryProblem);
  const headers = validatePairs(o.headers, 'headers', issues, checkHeader);
  const tls = validateTls(o.tls, issues);
  const path = validatePath(o.path, issues);
  const choices = validateChoices(o, issues);
  const namespaces = validateNamespaces(o.namespaces, kind, issues);
  const limits = validateLimits(o, issues);
  const redirects = validateRedirectOptions(o, issues);
  const caps = { ...validateWebSocketLimits(o, issues), ...validateSocketIoLimits(o, issues) };
  if (issues.length) return { ok: false, issues };
  const endpoint = resolveEndpoint(url, path, kind, query);
  const parts = { url, endpoint, query, headers, tls, ...choices, ...limits, ...caps, namespaces, ...redirects };
  return { ok: true, value: { kind, ...parts } };
}

type EngineIoChoices = Pick<ResolvedEngineIoOptions, 'transports' | 'protocolVersion' | 'perMessageDeflate' | 'parser'>;

/** The options chosen from a list: transports, protocol version, compression, parser. */
function validateChoices(o: Record<string, unknown>, issues: ValidationIssue[]): EngineIoChoices {
  const transportsMessage = `Transports must be one of ${TRANSPORT_POLICIES.join(', ')}.`;
  const versionMessage = 'The Engine.IO protocol version must be "auto", 3 or 4.';
  const versions: EioVersionOption[] = ['auto', 3, 4];
  const parsers = ['default', 'msgpack'] as const;
  return {
    transports: oneOf(
      o.transports,
      'transports',
      TRANSPORT_POLICIES,
      'polling-then-websocket',
      issues,
      transportsMessage,
    ),
    protocolVersion: oneOf(o.protocolVersion, 'protocolVersion', versions, 'auto', issues, versionMessage),
    perMessageDeflate: booleanOr(o.perMessageDeflate, 'perMessageDeflate', true, issues),
    parser: oneOf(o.parser, 'parser', parsers, 'default', issues, 'The parser must be "default" or "msgpack".'),
  };
}

type EngineIoLimits = Pick<
  ResolvedEngineIoOptions,
  'handshakeTimeoutMs' | 'maxPollBodyBytes' | 'maxPayloadBytes' | 'maxStoredPayloadBytes'
>;

/** Deadlines and sizes, each in its range (a setting or a profile may hold anything). */
function validateLimits(o: Record<string, unknown>, issues: ValidationIssue[]): EngineIoLimits {
  const bytes = (field: keyof EngineIoLimits, fallback: number, min: number): number =>
    numberInRange(o[field], field, fallback, min, MAX_INT32, issues);
  return {
    handshakeTimeoutMs: numberInRange(o.handshakeTimeoutMs, 'handshakeTimeoutMs', 10_000, 100, 600_000, issues),
    maxPollBodyBytes: bytes('maxPollBodyBytes', DEFAULT_MAX_POLL_BODY, 1024),
    maxPayloadBytes: bytes('maxPayloadBytes', DEFAULT_MAX_MESSAGE_BYTES, 1),
    maxStoredPayloadBytes: bytes('maxStoredPayloadBytes', 1024 * 1024, 1024),
  };
}

/** Largest value a Node timer or buffer size setting takes here (2^31 − 1). */
const MAX_INT32 = 2 ** 31 - 1;
/** Query parameters Engine.IO sets itself: a user's value would break the protocol. */
const ENGINE_IO_PARAMS = ['EIO', 'transport', 'sid', 't', 'b64'];

function queryProblem(name: string, value: string): string | undefined {
  if (name === '') return 'A query parameter needs a name.';
  if (ENGINE_IO_PARAMS.includes(name)) return `Query parameter "${name}" is set by Engine.IO itself.`;
  return FORBIDDEN_VALUE_CHARS.test(name + value) ? 'Query parameters must not contain line breaks or NUL.' : undefined;
}

function validatePath(value: unknown, issues: ValidationIssue[]): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string' && value.startsWith('/') && !/[\s?#]/.test(value)) return value;
  issues.push({ field: 'path', message: 'The path must start with "/" and contain no spaces, "?" or "#".' });
  return '';
}

/** `value` when it is one of `allowed`, the fallback when absent; otherwise an issue. */
function oneOf<T>(
  value: unknown,
  field: string,
  allowed: readonly T[],
  fallback: T,
  issues: ValidationIssue[],
  message: string,
): T {
  if (value === undefined) return fallback;
  if (allowed.includes(value as T)) return value as T;
  issues.push({ field, message });
  return fallback;
}

/** The namespaces to join, each with its auth as JSON object text; Socket.IO joins "/" when none is given. */
function validateNamespaces(
  value: unknown,
  kind: 'engineio' | 'socketio',
  issues: ValidationIssue[],
): NamespaceOption[] {
  const namespaces: NamespaceOption[] = [];
  if (value !== undefined && !Array.isArray(value))
    issues.push({ field: 'namespaces', message: 'Namespaces must be a list.' });
  else
    (value ?? []).forEach((entry: unknown, i: number) => {
      const namespace = validateNamespace(entry, `namespaces[${i}]`, issues);
      if (namespace) namespaces.push(namespace);
    });
  const bad = issues.some((i) => i.field.startsWith('namespaces'));
  if (kind === 'socketio' && namespaces.length === 0 && !bad) namespaces.push({ name: '/' });
  return namespaces;
}

function validateNamespace(entry: unknown, field: string, issues: ValidationIssue[]): NamespaceOption | undefined {
  const ns = entry as Record<string, unknown> | null;
  if (typeof ns !== 'object' || ns === null || !isNamespaceName(ns.name)) {
    issues.push({ field, message: 'A namespace needs a name that starts with "/" and has no commas or spaces.' });
    return undefined;
  }
  if (ns.auth === undefined || ns.auth === '') return { name: ns.name };
  const problem = typeof ns.auth === 'string' ? authProblem(ns.auth) : 'Auth must be JSON text.';
  if (problem) {
    issues.push({ field: `${field}.auth`, message: problem });
    return undefined;
  }
  return { name: ns.name, auth: ns.auth as string };
}

/** http(s) origin + Engine.IO path (given, else the URL's own, else the kind's default); URL query joins `query`. */
function resolveEndpoint(url: string, path: string, kind: 'engineio' | 'socketio', query: Header[]): URL {
  const parsed = new URL(url);
  for (const [name, value] of parsed.searchParams) if (!query.some(([n]) => n === name)) query.push([name, value]);
  const endpoint = new URL(parsed.origin.replace(/^ws/, 'http'));
  endpoint.pathname =
    path || (parsed.pathname !== '/' ? parsed.pathname : kind === 'socketio' ? '/socket.io/' : '/engine.io/');
  return endpoint;
}
