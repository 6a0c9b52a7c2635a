/**
 * Validation shared by every connection kind: headers, TLS, numeric limits, and how issues are
 * reported. Pure; never throws, whatever the input.
 */
import { rootCertificates } from 'node:tls';
import type { Header } from '../events/logEvent';
import { LIMITS } from '../limits/limits';

export interface TlsOptions {
  /** Verify the server certificate (default true). */
  rejectUnauthorized?: boolean;
  /** Extra trusted CA certificates, PEM text. */
  ca?: string;
  /** SNI / certificate host name override. */
  servername?: string;
}

/**
 * The `ca` option for Node's TLS: the extra CA *added to* Node's root store. Setting `ca` alone replaces
 * the store, so once a development CA was configured, public `wss://` servers failed (issue #7).
 */
export function caWithDefaultRoots(ca: string | undefined): string[] | undefined {
  return ca === undefined || ca === '' ? undefined : [...rootCertificates, ca];
}

export interface ValidationIssue {
  /** Which field ("url", "headers[2]", "subprotocols[0]"…). */
  field: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/**
 * Largest single incoming message (a WebSocket message on any transport, an Engine.IO packet) accepted
 * before the session refuses it (WebSocket: close 1009). A setting overrides it (issue #7).
 */
export const DEFAULT_MAX_MESSAGE_BYTES: number = LIMITS.maxMessageBytes.default;

// RFC 7230 token: the characters allowed in a header name and a subprotocol.
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values must not smuggle a new header or request line (CR, LF) or contain NUL.
export const FORBIDDEN_VALUE_CHARS = /[\r\n\0]/;
/** Headers the WebSocket handshake (and HTTP framing) own; setting them by hand breaks it. */
const HANDSHAKE_HEADERS = new Set([
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'upgrade',
  'connection',
  'host',
  'content-length',
  'transfer-encoding',
]);

/** Checks one header; returns a message or undefined. */
export function checkHeader(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `Header name "${truncate(name)}" is not a valid HTTP token.`;
  if (FORBIDDEN_VALUE_CHARS.test(value))
    return `Header "${name}" contains a line break or NUL: that would inject another header.`;
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

/** Validates a list of [name, value] pairs (headers, query parameters). */
export function validatePairs(
  value: unknown,
  field: string,
  issues: ValidationIssue[],
  check: (name: string, value: string) => string | undefined,
): Header[] {
  const out: Header[] = [];
  if (value === undefined) return out;
  if (!Array.isArray(value)) {
    issues.push({ field, message: `${field} must be a list of [name, value] pairs.` });
    return out;
  }
  value.forEach((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      issues.push({ field: `${field}[${i}]`, message: 'Each entry must be a [name, value] pair of strings.' });
      return;
    }
    const problem = check(pair[0], pair[1]);
    if (problem) issues.push({ field: `${field}[${i}]`, message: problem });
    else out.push([pair[0], pair[1]]);
  });
  return out;
}

export function validateTls(value: unknown, issues: ValidationIssue[]): TlsOptions {
  const tls: TlsOptions = {};
  if (value !== undefined) {
    const t = value as Record<string, unknown>;
    if (typeof t !== 'object' || t === null) issues.push({ field: 'tls', message: 'TLS options must be an object.' });
    else {
      if (t.rejectUnauthorized !== undefined && typeof t.rejectUnauthorized !== 'boolean')
        issues.push({ field: 'tls.rejectUnauthorized', message: 'Must be true or false.' });
      else if (t.rejectUnauthorized !== undefined) tls.rejectUnauthorized = t.rejectUnauthorized as boolean;
      if (t.ca !== undefined && t.ca !== '') {
        if (typeof t.ca !== 'string' || !t.ca.includes('-----BEGIN CERTIFICATE-----'))
          issues.push({ field: 'tls.ca', message: 'The CA must be PEM text (-----BEGIN CERTIFICATE-----).' });
        else tls.ca = t.ca;
      }
      if (t.servername !== undefined && t.servername !== '') {
        if (typeof t.servername !== 'string')
          issues.push({ field: 'tls.servername', message: 'Server name must be a string.' });
        else tls.servername = t.servername;
      }
    }
  }
  if (tls.rejectUnauthorized === undefined) tls.rejectUnauthorized = true;
  return tls;
}

export function numberInRange(
  value: unknown,
  field: string,
  fallback: number,
  min: number,
  max: number,
  issues: ValidationIssue[],
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    issues.push({ field, message: `${field} must be a number from ${min} to ${max}.` });
    return fallback;
  }
  return Math.floor(value);
}

export function booleanOr(value: unknown, field: string, fallback: boolean, issues: ValidationIssue[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    issues.push({ field, message: 'Must be true or false.' });
    return fallback;
  }
  return value;
}

export function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Formats validation issues as one message for the user. */
export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join(' ');
}
