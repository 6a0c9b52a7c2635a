/**
 * Credential headers masked by name: `Authorization: Bearer ••••`, `Cookie: io=••••; theme=••••`,
 * `Set-Cookie: session=••••; Path=/; HttpOnly`. The names and the structure stay readable, the values
 * do not. Pure.
 */
import type { Header } from '../events/logEvent';
import { isSensitiveHeader } from './credentialRules';
import { maskSecret } from './secretMask';

/** The header's value masked when its name says it is a credential, otherwise as is. */
export function redactHeaderValue(name: string, value: string): string {
  if (!isSensitiveHeader(name)) return value;
  const lower = name.toLowerCase();
  if (lower === 'cookie')
    return value
      .split(';')
      .map((pair) => maskCookiePair(pair))
      .join(';');
  if (lower === 'set-cookie') {
    const semicolon = value.indexOf(';');
    return semicolon < 0
      ? maskCookiePair(value)
      : `${maskCookiePair(value.slice(0, semicolon))}${value.slice(semicolon)}`;
  }
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    // Keep the scheme (Basic, Bearer, Digest…): it says how the client authenticates, not with what.
    const match = /^(\s*[A-Za-z][\w-]*\s+)(\S.*)$/.exec(value);
    if (match) return `${match[1]}${maskSecret(match[2])}`;
  }
  return maskSecret(value);
}

/** Every header of a list, masked where needed (a new list; the input is left alone). */
export function redactHeaders(headers: readonly Header[]): Header[] {
  return headers.map(([name, value]) => [name, redactHeaderValue(name, value)]);
}

function maskCookiePair(pair: string): string {
  const eq = pair.indexOf('=');
  if (eq < 0) return pair.trim() === '' ? pair : `${/^\s*/.exec(pair)?.[0] ?? ''}${maskSecret(pair.trim())}`;
  const value = pair.slice(eq + 1).trim();
  return value === '' ? pair : `${pair.slice(0, eq + 1)}${maskSecret(value)}`;
}
