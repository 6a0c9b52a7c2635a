/**
 * Masks the credentials of one session wherever its text is shown, logged or stored (issue #7): the
 * values the user gave (URL password, secret query values, credential headers, token subprotocols,
 * Socket.IO auth payloads) in every form they can take on the wire — as typed, URL-encoded, JSON-escaped,
 * base64 (Basic auth), hex — plus anything that looks like a credential by its name (urlRedaction.ts,
 * headerRedaction.ts), so a cookie the server set or a token in a redirect is masked too. Pure.
 */
import type { Header, Payload } from '../events/logEvent';
import { isSecretParam, isSensitiveHeader, secretSubprotocols } from './credentialRules';
import { redactHeaders } from './headerRedaction';
import { maskSecret } from './secretMask';
import { parseUrl, redactUrl, redactUrlsInText, safeDecode } from './urlRedaction';

/** What of a session's options can hold credentials (every connection kind has a subset of these). */
export interface CredentialSources {
  url: string;
  headers?: readonly Header[];
  query?: readonly Header[];
  subprotocols?: readonly string[];
  /** Socket.IO namespaces with their auth payload (JSON text). */
  namespaces?: ReadonlyArray<{ name: string; auth?: string }>;
}

/**
 * Values shorter than this are not searched for in free text: masking every "1234" in a log would hide
 * real data. They are still masked where they stand (URL, header, query), by name.
 */
export const MIN_SEARCHED_SECRET_CHARS = 6;
/** More auth leaves than this are not collected (a hostile profile cannot make redaction quadratic). */
const MAX_COLLECTED_SECRETS = 64;

export interface Redactor {
  /** True when the session has credentials of its own to search for. */
  readonly hasKnownSecrets: boolean;
  /** Free text (previews, notes, error messages, log lines): known secrets in every form, and URLs. */
  text(text: string): string;
  /** A URL: password and secret query values, and known secrets. */
  url(url: string): string;
  /** Headers: credential headers by name, known secrets in the others. */
  headers(headers: readonly Header[]): Header[];
  /** A payload with known secrets masked (text replaced; bytes overwritten with `*`); the same object when clean. */
  payload(payload: Payload): Payload;
}

/**
 * A redactor for a session with these options. `extraSecrets`: values known to be secret that the options do
 * not show as such (a profile's `${secret:NAME}` values, wherever they were placed), masked in every form too;
 * like the others, values shorter than MIN_SEARCHED_SECRET_CHARS are not searched for in free text.
 */
export function createRedactor(sources: CredentialSources, extraSecrets: readonly string[] = []): Redactor {
  const extras = extraSecrets.filter((v) => v.length >= MIN_SEARCHED_SECRET_CHARS).slice(0, MAX_COLLECTED_SECRETS);
  const forms = searchForms([...new Set([...extras, ...collectSecrets(sources)])]);
  const byteForms = forms.map((f) => Buffer.from(f.found, 'utf8'));
  const replaceKnown = (text: string): string => {
    let out = text;
    for (const form of forms) if (out.includes(form.found)) out = out.split(form.found).join(form.mask);
    return out;
  };
  return {
    hasKnownSecrets: forms.length > 0,
    text: (text) => redactUrlsInText(replaceKnown(text)),
    url: (url) => replaceKnown(redactUrl(url)),
    headers: (headers) => redactHeaders(headers).map(([n, v]) => [n, replaceKnown(v)]),
    payload: (payload) => {
      if (forms.length === 0) return payload;
      if (payload.kind === 'text') {
        const text = replaceKnown(payload.text);
        return text === payload.text ? payload : { ...payload, text };
      }
      return maskBytes(payload, byteForms);
    },
  };
}

/** Redacts nothing: for tests of projection logic and for the revealed details of one row. */
export const NO_REDACTION: Redactor = {
  hasKnownSecrets: false,
  text: (t) => t,
  url: (u) => u,
  headers: (h) => h.map(([n, v]) => [n, v]),
  payload: (p) => p,
};

/** The credential values in a session's options. */
export function collectSecrets(sources: CredentialSources): string[] {
  const secrets = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value !== undefined && value.length >= MIN_SEARCHED_SECRET_CHARS && secrets.size < MAX_COLLECTED_SECRETS)
      secrets.add(value);
  };
  const parsed = parseUrl(sources.url);
  if (parsed) {
    const password = safeDecode(parsed.password);
    add(password);
    if (password !== '') add(`${safeDecode(parsed.username)}:${password}`);
    for (const [name, value] of parsed.searchParams) if (isSecretParam(name)) add(value);
  }
  for (const [name, value] of sources.query ?? []) if (isSecretParam(name)) add(value);
  for (const [name, value] of sources.headers ?? []) {
    if (!isSensitiveHeader(name)) continue;
    add(value);
    // The credential after the scheme ("Bearer <token>") and each cookie value stand alone in other places.
    add(/^\s*[A-Za-z][\w-]*\s+(\S.*)$/.exec(value)?.[1]);
    for (const pair of value.split(';')) add(pair.slice(pair.indexOf('=') + 1).trim());
  }
  for (const entry of secretSubprotocols(sources.subprotocols ?? [])) add(entry);
  for (const namespace of sources.namespaces ?? []) for (const leaf of authLeaves(namespace.auth)) add(leaf);
  return [...secrets];
}

interface SearchForm {
  found: string;
  mask: string;
}

/**
 * Each secret as typed, URL-encoded, JSON-escaped, base64, base64url and hex: longest first, so a form
 * containing another wins.
 */
function searchForms(secrets: string[]): SearchForm[] {
  const forms = new Map<string, string>();
  for (const secret of secrets) {
    const mask = maskSecret(secret);
    const bytes = Buffer.from(secret, 'utf8');
    const variants = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      JSON.stringify(secret).slice(1, -1),
      bytes.toString('base64'),
      bytes.toString('base64').replace(/=+$/, ''),
      bytes.toString('base64url'),
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
    ];
    for (const variant of variants)
      if (variant.length >= MIN_SEARCHED_SECRET_CHARS && !forms.has(variant)) forms.set(variant, mask);
  }
  return [...forms].map(([found, mask]) => ({ found, mask })).sort((a, b) => b.found.length - a.found.length);
}

/** String leaves of a Socket.IO auth payload (JSON text), or the text itself when it is not JSON. */
function authLeaves(auth: string | undefined): string[] {
  if (auth === undefined || auth.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(auth);
  } catch {
    return [auth];
  }
  const leaves: string[] = [];
  // Iterative walk: a hostile profile's auth nested 10,000 deep must not overflow the stack.
  const stack: unknown[] = [value];
  while (stack.length > 0 && leaves.length < MAX_COLLECTED_SECRETS) {
    const item = stack.pop();
    if (typeof item === 'string') leaves.push(item);
    else if (typeof item === 'number') leaves.push(String(item));
    else if (item !== null && typeof item === 'object')
      stack.push(...Object.values(item as Record<string, unknown>).slice(0, MAX_COLLECTED_SECRETS));
  }
  return leaves;
}

/** Overwrites every occurrence of a secret's bytes with `*` (same length, so offsets in the hex view stay true). */
function maskBytes(payload: Extract<Payload, { kind: 'binary' }>, forms: Buffer[]): Payload {
  const source = Buffer.from(payload.bytes.buffer, payload.bytes.byteOffset, payload.bytes.byteLength);
  let copy: Uint8Array | undefined;
  for (const form of forms) {
    let at = source.indexOf(form);
    while (at >= 0) {
      copy ??= new Uint8Array(payload.bytes);
      copy.fill(0x2a, at, at + form.length);
      at = source.indexOf(form, at + form.length);
    }
  }
  return copy ? { ...payload, bytes: copy } : payload;
}
