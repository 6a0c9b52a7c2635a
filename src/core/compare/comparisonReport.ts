/**
 * What a transport comparison reports: the plan as run (credentials masked), and per transport the set-up
 * time, the round trips, the bytes on the wire and the HTTP requests, all counted from the session's own log
 * (so the figures are the ones the inspector shows for those rows). Plain data, ready for JSON and CSV.
 */
import type { Header } from '../events/logEvent';
import { isSensitiveHeader } from '../redaction/credentialRules';
import { MASK } from '../redaction/secretMask';
import { redactUrl } from '../redaction/urlRedaction';
import type { ComparedTransport, ExchangeMode, ResolvedPlan } from './comparisonPlan';

/** Why a transport has no (or only partial) figures: a stable code and our own words. */
export interface ComparisonError {
  /** `RI_COMPARE_…` (core/errors.ts). */
  code: string;
  /** One line, plain words. */
  message: string;
  /** What the session itself reported (its code and message), when it did. */
  cause?: { code: string; message: string };
}

/** Round trips in ms: null when no message was answered. Median of an even count: the mean of the middle two. */
export interface RttSummary {
  median: number | null;
  /** Nearest-rank 95th percentile. */
  p95: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Bytes on the wire per message sent, during the exchange (from the first send to the last answer, and the
 * POSTs still in flight then). Polling: HTTP request and response heads and bodies (request heads
 * reconstructed, see wireBytes.ts); WebSocket: frame headers and payloads. Null when nothing was sent.
 */
export interface BytesPerMessage {
  /** Client to server. */
  up: number | null;
  /** Server to client. */
  down: number | null;
  total: number | null;
}

export interface TransportResult {
  transport: ComparedTransport;
  /** Every message answered, nothing failed, not cancelled. */
  ok: boolean;
  /** The run was cancelled while (or before) this transport ran: its figures are what was measured. */
  cancelled: boolean;
  error?: ComparisonError;
  /** Start → ready to send: the Engine.IO session open, and for Socket.IO the namespace joined. */
  setupMs: number | null;
  /** Start → the Engine.IO session open (the open packet). */
  openMs: number | null;
  rtt: RttSummary;
  bytesPerMessage: BytesPerMessage;
  /**
   * HTTP requests of the whole session: handshake, polling GETs and POSTs (the goodbye too), WebSocket upgrade.
   * A polling request counts once logged as sent, even if its connection was then refused.
   */
  httpRequests: number;
  /**
   * Bytes on the wire of the whole session, both directions, as its rows record them, from the first request
   * until it closed (with the goodbye POST's answer; not the answer to the long-poll GET the close aborts).
   */
  totalBytes: number;
  /** Messages answered (round trips measured). */
  messages: number;
  /** Messages sent. */
  sent: number;
  /** Messages sent but not answered: no answer within the timeout, or the session ended first. */
  timedOut: number;
}

/** The plan as the report shows it: header values that are credentials masked, the URL's secrets too. */
export interface ReportedPlan {
  kind: string;
  url: string;
  path: string | null;
  namespace: string | null;
  headers: Header[];
  messages: number | null;
  messageBytes: number | null;
  mode: ExchangeMode | null;
  event: string | null;
  replyEvent: string | null;
  transports: ComparedTransport[];
  timeoutMs: number | null;
}

export interface ComparisonReport {
  /** ISO 8601, when the run started and ended. */
  startedAt: string;
  finishedAt: string;
  /** The run was cancelled: the results hold what was measured until then. */
  cancelled: boolean;
  plan: ReportedPlan;
  /** The plan could not run at all (every result then carries the same error). */
  error?: ComparisonError;
  results: TransportResult[];
}

/** The plan as reported: whole values of credential headers replaced (not even a tail is kept). */
export function reportedPlan(plan: ResolvedPlan): ReportedPlan {
  return {
    kind: plan.kind,
    url: redactUrl(plan.url),
    path: plan.path ?? null,
    namespace: plan.kind === 'socketio' ? plan.namespace : null,
    headers: maskedHeaders(plan.headers),
    messages: plan.messages,
    messageBytes: plan.messageBytes,
    mode: plan.mode,
    event: plan.kind === 'socketio' ? plan.event : null,
    replyEvent: plan.kind === 'socketio' && plan.mode === 'echo' ? plan.replyEvent : null,
    transports: [...plan.transports],
    timeoutMs: plan.timeoutMs,
  };
}

/** What can be shown of a plan that did not validate: its well-typed fields, credentials masked. */
export function reportedInvalidPlan(input: unknown, transports: ComparedTransport[]): ReportedPlan {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const headers = Array.isArray(o.headers)
    ? o.headers.filter((h): h is Header => Array.isArray(h) && typeof h[0] === 'string' && typeof h[1] === 'string')
    : [];
  return {
    kind: text(o.kind) ?? '',
    url: redactUrl(text(o.url) ?? ''),
    path: text(o.path),
    namespace: text(o.namespace),
    headers: maskedHeaders(headers),
    messages: count(o.messages),
    messageBytes: count(o.messageBytes),
    mode: o.mode === 'echo' || o.mode === 'ack' ? o.mode : null,
    event: text(o.event),
    replyEvent: text(o.replyEvent),
    transports,
    timeoutMs: count(o.timeoutMs),
  };
}

/** A result with no figures yet (a transport that failed before sending, or did not run). */
export function emptyResult(transport: ComparedTransport, error?: ComparisonError, cancelled = false): TransportResult {
  return {
    transport,
    ok: false,
    cancelled,
    error,
    setupMs: null,
    openMs: null,
    rtt: { median: null, p95: null, min: null, max: null },
    bytesPerMessage: { up: null, down: null, total: null },
    httpRequests: 0,
    totalBytes: 0,
    messages: 0,
    sent: 0,
    timedOut: 0,
  };
}

function maskedHeaders(headers: readonly Header[]): Header[] {
  return headers.map(([name, value]): Header => [name, isSensitiveHeader(name) ? MASK : value]);
}
