/**
 * What a transport comparison reports: the plan as run (credentials masked), and per transport the set-up
 * time, the round trips, the bytes on the wire and the HTTP requests, all counted from the session's own log
 * (so the figures are the ones the inspector shows for those rows). Plain data, ready for JSON and CSV.
 */
import type { Header } from '../events/logEvent';
import { isSensitiveHeader } from '../redaction/credentialRules';
import { MASK } from '../redaction/secretMask';
import { redactUrl } from '../redaction/urlRedaction';
import type { ResolvedPlan } from './comparisonPlan';
import type { ComparedTransport, ComparisonError, ReportedPlan, TransportResult } from './comparisonTypes';

export type {
  BytesPerMessage,
  ComparisonError,
  ComparisonReport,
  ReportedPlan,
  RttSummary,
  TransportResult,
} from './comparisonTypes';

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
