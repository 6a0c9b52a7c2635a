/**
 * What a transport comparison runs (issue 11, "Transport comparison"): one plain object, as a profile or the
 * panel would hold it, validated here into a plan with every default filled in, and turned into the options
 * of the session each transport gets (through createSession: the comparison never opens a socket itself).
 */
import { formatIssues, validateConnectionOptions, type ValidationIssue } from '../connection/connectionOptions';
import type { EngineIoConnectionOptions } from '../connection/engineIoOptions';
import type { Header } from '../events/logEvent';
import { RESERVED_EVENTS } from '../socketio/sioPacket';
import type { ComparedTransport, ExchangeMode } from './comparisonTypes';

export type { ComparedTransport, ExchangeMode } from './comparisonTypes';

export const COMPARED_TRANSPORTS: readonly ComparedTransport[] = ['polling-only', 'websocket-only'];

export interface ComparisonPlan {
  kind: 'socketio' | 'engineio';
  /** http(s) or ws(s) URL of the server. */
  url: string;
  /** Engine.IO path (default: the URL's path, else `/socket.io/` or `/engine.io/`). */
  path?: string;
  /** Socket.IO: the namespace the messages go to (default `/`). */
  namespace?: string;
  /** Extra request headers (credentials among them are masked in the report). */
  headers?: Header[];
  /** How many round trips per transport, one after the other (1 to 10 000). */
  messages: number;
  /** Size of each message's data in bytes (1 byte to 1 MiB). */
  messageBytes: number;
  mode: ExchangeMode;
  /** Socket.IO: the event emitted (default `echo`). */
  event?: string;
  /** Socket.IO echo mode: the event the server answers with (default: the same as `event`). */
  replyEvent?: string;
  /** Default: both, polling first. */
  transports?: ComparedTransport[];
  /** Deadline for the connection set-up and for each answer, in ms (default 10 000). */
  timeoutMs?: number;
}

/** A validated plan: defaults filled in. */
export interface ResolvedPlan {
  kind: 'socketio' | 'engineio';
  url: string;
  path?: string;
  namespace: string;
  headers: Header[];
  messages: number;
  messageBytes: number;
  mode: ExchangeMode;
  event: string;
  replyEvent: string;
  transports: ComparedTransport[];
  timeoutMs: number;
}

export const MAX_MESSAGES = 10_000;
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 600_000;
const MAX_EVENT_NAME = 200;
/**
 * Payloads the comparison's sessions keep in their logs. The figures are counted as rows are appended
 * (sizes are always full), so a small stored copy keeps 10 000 messages of 1 MiB from filling the memory.
 */
const STORED_PAYLOAD_BYTES = 4096;

export type PlanValidation = { ok: true; plan: ResolvedPlan } | { ok: false; issues: ValidationIssue[] };

/** Validates a plan from anywhere (the panel, a profile, a test). Never throws, whatever `input` is. */
export function validatePlan(input: unknown): PlanValidation {
  if (typeof input !== 'object' || input === null)
    return { ok: false, issues: [{ field: '', message: 'The comparison plan must be an object.' }] };
  const o = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const kind = o.kind === 'socketio' || o.kind === 'engineio' ? o.kind : undefined;
  if (!kind) issues.push({ field: 'kind', message: 'The kind must be "socketio" or "engineio".' });
  const messages = integerIn(o.messages, 'messages', 1, MAX_MESSAGES, undefined, issues);
  const messageBytes = integerIn(o.messageBytes, 'messageBytes', 1, MAX_MESSAGE_BYTES, undefined, issues);
  const timeoutMs = integerIn(o.timeoutMs, 'timeoutMs', MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, issues);
  const mode = o.mode === 'echo' || o.mode === 'ack' ? o.mode : undefined;
  if (!mode) issues.push({ field: 'mode', message: 'The mode must be "echo" or "ack".' });
  if (mode === 'ack' && kind === 'engineio')
    issues.push({ field: 'mode', message: 'Engine.IO has no acknowledgements: use the echo mode.' });
  const event = eventName(o.event, 'event', issues);
  const replyEvent = o.replyEvent === undefined ? event : eventName(o.replyEvent, 'replyEvent', issues);
  const transports = transportList(o.transports, issues);
  if (issues.length || !kind || !mode) return { ok: false, issues };
  const plan: ResolvedPlan = {
    kind,
    url: typeof o.url === 'string' ? o.url.trim() : '',
    path: typeof o.path === 'string' && o.path !== '' ? o.path : undefined,
    namespace: typeof o.namespace === 'string' && o.namespace !== '' ? o.namespace : '/',
    headers: o.headers === undefined ? [] : (o.headers as Header[]),
    messages: messages!,
    messageBytes: messageBytes!,
    mode,
    event,
    replyEvent,
    transports,
    timeoutMs: timeoutMs!,
  };
  // URL, path, headers and namespace: the session's own rules, asked once (one place per rule).
  const session = validateConnectionOptions(sessionOptions(plan, transports[0]));
  if (!session.ok) return { ok: false, issues: session.issues };
  return { ok: true, plan: { ...plan, headers: session.value.headers } };
}

/** The issues of a plan in one line, for an error message. */
export function describeIssues(issues: ValidationIssue[]): string {
  return `The comparison plan is not valid: ${formatIssues(issues)}`;
}

/**
 * The options of the session that measures `transport`. No compression on the WebSocket: our own frames
 * are logged before `ws` would compress them, so their bytes are exact only uncompressed (socket.io
 * servers do not enable permessage-deflate by default either).
 */
export function sessionOptions(plan: ResolvedPlan, transport: ComparedTransport): EngineIoConnectionOptions {
  const options: EngineIoConnectionOptions = {
    kind: plan.kind,
    url: plan.url,
    headers: plan.headers,
    transports: transport,
    perMessageDeflate: false,
    handshakeTimeoutMs: plan.timeoutMs,
    maxStoredPayloadBytes: STORED_PAYLOAD_BYTES,
  };
  if (plan.path !== undefined) options.path = plan.path;
  if (plan.kind === 'socketio') options.namespaces = [{ name: plan.namespace }];
  return options;
}

function integerIn(
  value: unknown,
  field: string,
  min: number,
  max: number,
  fallback: number | undefined,
  issues: ValidationIssue[],
): number | undefined {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  issues.push({ field, message: `${field} must be a whole number from ${min} to ${max}.` });
  return undefined;
}

function eventName(value: unknown, field: string, issues: ValidationIssue[]): string {
  if (value === undefined) return 'echo';
  if (typeof value !== 'string' || value === '' || value.length > MAX_EVENT_NAME) {
    issues.push({ field, message: `${field} must be an event name of 1 to ${MAX_EVENT_NAME} characters.` });
    return 'echo';
  }
  if (RESERVED_EVENTS.has(value))
    issues.push({ field, message: `"${value}" is a reserved Socket.IO event name; choose another.` });
  return value;
}

function transportList(value: unknown, issues: ValidationIssue[]): ComparedTransport[] {
  if (value === undefined) return [...COMPARED_TRANSPORTS];
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((t) => COMPARED_TRANSPORTS.includes(t as ComparedTransport)) &&
    new Set(value).size === value.length;
  if (valid) return [...(value as ComparedTransport[])];
  const message = `transports must list "polling-only" and/or "websocket-only", each at most once.`;
  issues.push({ field: 'transports', message });
  return [...COMPARED_TRANSPORTS];
}
