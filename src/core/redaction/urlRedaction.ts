/**
 * Credentials in URLs: the password of `user:password@`, and query parameters whose names say they
 * carry a token (credentialRules.ts). Works on URLs we never saw before (a server's `Location`, a URL
 * inside an error message), so it complements the redactor's known values. Pure; never throws.
 */
import { isSecretParam } from './credentialRules';
import { MASK, maskSecret } from './secretMask';

/** http(s) and ws(s) URLs inside free text (error messages, notes), up to whitespace or a quote. */
const URL_IN_TEXT = /\b(?:https?|wss?):\/\/[^\s"'<>`]+/gi;

/** `scheme://user:password@` — the password is group 2 (the URL text as given, not re-serialised). */
const USERINFO_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@]*?:)([^@/?#]*)@/i;

/**
 * The URL with the userinfo password and secret query values masked. Works on the text as given (no
 * re-serialisation, so everything else reads exactly as typed); text that is not a URL comes back as is.
 */
export function redactUrl(url: string): string {
  let out = url.replace(USERINFO_PASSWORD, (_all, before: string, password: string) =>
    password === '' ? _all : `${before}${MASK}@`,
  );
  const query = out.indexOf('?');
  if (query < 0) return out;
  const hash = out.indexOf('#', query);
  const end = hash < 0 ? out.length : hash;
  const redacted = redactQuery(out.slice(query + 1, end));
  out = `${out.slice(0, query + 1)}${redacted}${out.slice(end)}`;
  return out;
}

/** `a=1&token=xyz` → `a=1&token=••••`: values of parameters whose names say they are secrets. */
export function redactQuery(query: string): string {
  if (query === '') return query;
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const value = part.slice(eq + 1);
      if (value === '' || !isSecretParam(safeDecode(part.slice(0, eq), true))) return part;
      return `${part.slice(0, eq + 1)}${maskSecret(safeDecode(value, true))}`;
    })
    .join('&');
}

/**
 * The URL as it may be remembered (the recent-URL list in globalState): no userinfo at all, and the
 * secret query parameters removed, since a masked value would only fail when used again.
 */
export function urlForHistory(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return url;
  if (parsed.username === '' && parsed.password === '' && ![...parsed.searchParams.keys()].some(isSecretParam))
    return url;
  parsed.username = '';
  parsed.password = '';
  for (const name of [...new Set(parsed.searchParams.keys())])
    if (isSecretParam(name)) parsed.searchParams.delete(name);
  return parsed.toString();
}

/** Every URL inside `text` passed through redactUrl. */
export function redactUrlsInText(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

/** The URL, or undefined when it does not parse (redaction never throws). */
export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * A percent-decoded URL part, or the text as is when it is not valid percent-encoding. `plusIsSpace` for
 * query strings (form encoding); a `+` in userinfo is a `+`.
 */
export function safeDecode(text: string, plusIsSpace = false): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}
