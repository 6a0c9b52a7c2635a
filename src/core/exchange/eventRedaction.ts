/**
 * A log event as it may leave the extension (issue 10, sanitized exports): the session's Redactor applied to
 * every string in it — URLs as URLs, headers as headers, the payload as a payload (bytes masked in place), and
 * every other string (notes, errors, the request a message was sent from, Socket.IO and SSE facts) as free
 * text. The redaction rules themselves stay in core/redaction; this only walks the event. Pure: the event in
 * the log is not touched.
 */
import type { EventMeta, Header, HttpMeta, LogEvent } from '../events/logEvent';
import type { Redactor } from '../redaction/secretRedactor';

/** Nesting deeper than this is cut (meta is ours and shallow; a hostile `send` could nest deep). */
const MAX_DEPTH = 32;

/** A copy of the event with every string redacted. */
export function redactEvent(event: LogEvent, redactor: Redactor): LogEvent {
  const out: LogEvent = { ...event };
  if (event.payload) out.payload = redactor.payload(event.payload);
  if (event.meta) out.meta = redactMeta(event.meta, redactor);
  return out;
}

/** HTTP facts: URL as a URL, headers as headers, the rest as text. */
export function redactHttp(http: HttpMeta, redactor: Redactor): HttpMeta {
  const out: HttpMeta = { ...http };
  if (http.url !== undefined) out.url = redactor.url(http.url);
  if (http.headers) out.headers = redactor.headers(http.headers);
  if (http.statusText !== undefined) out.statusText = redactor.text(http.statusText);
  if (http.method !== undefined) out.method = redactor.text(http.method);
  return out;
}

function redactMeta(meta: EventMeta, redactor: Redactor): EventMeta {
  const out: EventMeta = {};
  for (const [key, value] of Object.entries(meta) as Array<[keyof EventMeta, unknown]>) {
    if ((key === 'request' || key === 'response') && isObject(value))
      out[key] = redactHttp(value as HttpMeta, redactor);
    else (out as Record<string, unknown>)[key] = redactValue(value, redactor, 0);
  }
  return out;
}

/** A plain record (the session's facts) with every string redacted: `url` keys as URLs, the rest as text. */
export function redactRecord<T extends object>(record: T, redactor: Redactor): T {
  return redactValue(record, redactor, 0) as T;
}

/** Any value: strings as text (a key named `url` as a URL, `headers` pairs as headers), the rest walked. */
function redactValue(value: unknown, redactor: Redactor, depth: number, key?: string): unknown {
  if (typeof value === 'string') return key === 'url' ? redactor.url(value) : redactor.text(value);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    if (key === 'headers' && value.every(isHeader)) return redactor.headers(value as Header[]);
    return value.map((item) => redactValue(item, redactor, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, redactor, depth + 1, k);
  return out;
}

function isHeader(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
