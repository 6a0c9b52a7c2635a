/**
 * Credentials typed in clear in a profile (issue 10): a URL's `user:password@`, a token-looking query
 * parameter (in the URL or in `query`), an Authorization, Cookie or API-key header, a Socket.IO auth payload
 * (of a namespace or of a saved `sio-connect`) and a token subprotocol, judged by the rules of
 * redaction/credentialRules.ts. A finding says where the value is, never what it is; moveToSecret.ts
 * moves it into a secret. A value that already is (or holds) a placeholder is not a finding. Pure.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { isSecretParam, isSensitiveHeader, secretSubprotocols } from '../redaction/credentialRules';
import { safeDecode } from '../redaction/urlRedaction';
import { formatJsonPath, isJsonObject, type JsonSegment } from './jsonPath';
import type { Profile } from './profileModel';

export type ClearCredentialKind =
  'userinfo' | 'query-token' | 'authorization' | 'cookie' | 'api-key' | 'socketio-auth' | 'subprotocol-token';

/** One credential in clear. */
export interface ClearCredential {
  /** JSON path of the string holding it, relative to the profile: `connection.headers[0][1]`. */
  path: string;
  kind: ClearCredentialKind;
  /** A free secret name to offer: `<profile>.<what>`. */
  suggestedSecretName: string;
  /** What it is, in words, without its value: `the password in the URL`, `query parameter "token"`. */
  label: string;
  /** Where the credential is inside that string: [start, end). The rest of the string stays. */
  span: { start: number; end: number };
}

interface Candidate extends Omit<ClearCredential, 'path' | 'suggestedSecretName'> {
  segments: JsonSegment[];
  /** The secret name's last part. */
  what: string;
}

/** The scheme of an Authorization value (`Bearer `, `Basic `): kept in clear, only the credential moves. */
const AUTH_SCHEME = /^(\s*[A-Za-z][\w-]*\s+)(\S.*)$/;
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;
/** Auth payloads are walked this deep at most. */
const MAX_AUTH_DEPTH = 8;

/** Every credential typed in clear in the profile. */
export function findClearCredentials(profile: Profile): ClearCredential[] {
  const candidates = [
    ...connectionCandidates(profile.connection),
    ...messageCandidates(profile.messages),
    ...proxyCandidates(profile.proxy),
  ];
  const base = slug(profile.name) || 'profile';
  const taken = new Set<string>();
  return candidates.map(({ segments, what, ...rest }) => {
    let name = `${base}.${what}`;
    for (let n = 2; taken.has(name); n++) name = `${base}.${what}-${n}`;
    taken.add(name);
    return { path: formatJsonPath(segments), suggestedSecretName: name, ...rest };
  });
}

function connectionCandidates(connection: unknown): Candidate[] {
  if (!isJsonObject(connection)) return [];
  const out: Candidate[] = [];
  if (typeof connection.url === 'string') out.push(...urlCandidates(connection.url));
  pairs(connection.query).forEach(([name, value], i) => {
    if (isSecretParam(name) && isClear(value, 0, value.length))
      out.push(whole(['query', i, 1], value, 'query-token', `query parameter "${name}"`, slug(name)));
  });
  pairs(connection.headers).forEach(([name, value], i) => {
    const found = headerCandidate(name, value, ['headers', i, 1]);
    if (found) out.push(found);
  });
  out.push(...subprotocolCandidates(connection.subprotocols));
  if (Array.isArray(connection.namespaces))
    connection.namespaces.forEach((ns: unknown, i) => {
      if (isJsonObject(ns) && typeof ns.auth === 'string') {
        const where = `Socket.IO auth of ${typeof ns.name === 'string' ? ns.name : 'a namespace'}`;
        out.push(...authCandidates(ns.auth, ['namespaces', i, 'auth'], where));
      }
    });
  return out.map((c) => ({ ...c, segments: ['connection', ...c.segments] }));
}

/** The password in the profile's own proxy URL (issue 12): it goes only to the proxy, but it is a password. */
function proxyCandidates(proxy: unknown): Candidate[] {
  if (!isJsonObject(proxy) || typeof proxy.url !== 'string') return [];
  return urlCandidates(proxy.url)
    .filter((c) => c.kind === 'userinfo')
    .map((c) => ({ ...c, segments: ['proxy', 'url'], label: 'the password in the proxy URL', what: 'proxy-password' }));
}

function messageCandidates(messages: unknown): Candidate[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message: unknown, i) => {
    const request = isJsonObject(message) ? message.request : undefined;
    if (!isJsonObject(request) || request.kind !== 'sio-connect' || typeof request.auth !== 'string') return [];
    return authCandidates(request.auth, ['messages', i, 'request', 'auth'], 'Socket.IO auth of a saved message');
  });
}

/** The password of `user:password@` and the values of token-named query parameters. */
function urlCandidates(url: string): Candidate[] {
  const out: Candidate[] = [];
  const userinfo = USERINFO.exec(url);
  const colon = userinfo ? userinfo[2].indexOf(':') : -1;
  if (userinfo && colon >= 0) {
    const span = { start: userinfo[1].length + colon + 1, end: userinfo[1].length + userinfo[2].length };
    if (isClear(url, span.start, span.end))
      out.push({ segments: ['url'], kind: 'userinfo', label: 'the password in the URL', span, what: 'password' });
  }
  const query = url.indexOf('?');
  if (query < 0) return out;
  const hash = url.indexOf('#', query);
  let at = query + 1;
  for (const part of url.slice(at, hash < 0 ? url.length : hash).split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? '' : safeDecode(part.slice(0, eq), true);
    const span = { start: at + eq + 1, end: at + part.length };
    if (eq > 0 && isSecretParam(name) && isClear(url, span.start, span.end))
      out.push({
        segments: ['url'],
        kind: 'query-token',
        label: `query parameter "${name}" in the URL`,
        span,
        what: slug(name),
      });
    at += part.length + 1;
  }
  return out;
}

function headerCandidate(name: string, value: string, segments: JsonSegment[]): Candidate | undefined {
  if (!isSensitiveHeader(name)) return undefined;
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const scheme = AUTH_SCHEME.exec(value);
    const span = { start: scheme ? scheme[1].length : 0, end: value.length };
    if (!isClear(value, span.start, span.end)) return undefined;
    return { segments, kind: 'authorization', label: `the credential of the ${name} header`, span, what: lower };
  }
  if (!isClear(value, 0, value.length)) return undefined;
  const kind = lower === 'cookie' || lower === 'set-cookie' ? 'cookie' : 'api-key';
  return whole(segments, value, kind, `the ${name} header`, slug(lower));
}

function subprotocolCandidates(value: unknown): Candidate[] {
  if (!Array.isArray(value) || !value.every((p) => typeof p === 'string')) return [];
  const flagged = new Set(secretSubprotocols(value));
  return value.flatMap((entry: string, i) =>
    flagged.has(entry) && isClear(entry, 0, entry.length)
      ? [whole(['subprotocols', i], entry, 'subprotocol-token', 'a token subprotocol', 'subprotocol-token')]
      : [],
  );
}

/** The string values of credential-named keys in a Socket.IO auth payload (JSON text), as typed in it. */
function authCandidates(auth: string, segments: JsonSegment[], where: string): Candidate[] {
  const errors: ParseError[] = [];
  const root = parseTree(auth, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) return [];
  const out: Candidate[] = [];
  const walk = (node: Node, depth: number): void => {
    if (depth > MAX_AUTH_DEPTH) return;
    for (const child of node.children ?? []) {
      const [key, value] = child.type === 'property' ? (child.children ?? []) : [undefined, child];
      if (!value) continue;
      if (value.type === 'object' || value.type === 'array') walk(value, depth + 1);
      if (value.type !== 'string' || typeof key?.value !== 'string' || !isSecretParam(key.value)) continue;
      const span = { start: value.offset + 1, end: value.offset + value.length - 1 };
      if (isClear(auth, span.start, span.end))
        out.push({
          segments,
          kind: 'socketio-auth',
          label: `"${key.value}" in the ${where}`,
          span,
          what: `auth-${slug(key.value)}`,
        });
    }
  };
  walk(root, 0);
  return out;
}

function whole(
  segments: JsonSegment[],
  value: string,
  kind: ClearCredentialKind,
  label: string,
  what: string,
): Candidate {
  return { segments, kind, label, span: { start: 0, end: value.length }, what };
}

/** A non-blank value with no placeholder (nor anything like one) in it. */
function isClear(text: string, start: number, end: number): boolean {
  const part = text.slice(start, end);
  return part.trim() !== '' && !part.includes('${');
}

function pairs(value: unknown): Array<[string, string]> {
  if (!Array.isArray(value)) return [];
  return value.map((p: unknown) =>
    Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string' ? [p[0], p[1]] : ['', ''],
  );
}

/** Lower-case letters and digits joined by "-", at most 40 characters. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
