/**
 * Whether and where a redirect is followed (issue 12), for every kind alike: the Location resolved against the
 * current URL (bounded, http/https — or ws/wss for a WebSocket handshake, where https:// maps to wss://), hops
 * counted and loops caught, and the credentials a request carries left behind when the origin changes. A
 * redirect from TLS to plain text is refused: it would hand the path, the query and the body to anyone on the
 * way, and a server that means it can be connected to by its plain URL on purpose. Pure; never throws.
 */
import { ErrorCode } from '../errors';
import type { ErrorMeta, Header } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { isSensitiveHeader, secretSubprotocols } from '../redaction/credentialRules';
import { redactUrl } from '../redaction/urlRedaction';

/** The statuses that redirect (RFC 9110 §15.4); 300, 304 and 305 do not name a place to go. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Longest Location followed: a real one is a URL, not a payload (browsers cap URLs near this too). */
export const MAX_LOCATION_CHARS = 8 * 1024;
/** How much of a refused Location an error message quotes. */
const QUOTED_CHARS = 200;
/** Headers that describe a body: dropped with it when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'content-language']);

/** A request as it can be sent again: where, how, with which headers (and, for a WebSocket, subprotocols). */
export interface HopRequest {
  url: URL;
  method: string;
  headers: Header[];
  body?: string;
  subprotocols?: string[];
}

/** The hops followed so far: their count and every URL visited (to catch a loop). */
export interface RedirectChain {
  readonly hops: number;
  readonly visited: readonly string[];
}

/** What a hop sends, and what the row says of it. */
export interface FollowedHop {
  ok: true;
  next: HopRequest;
  chain: RedirectChain;
  /** Names of what was left behind (header names, "URL user:password", subprotocol entries): never values. */
  stripped: string[];
  /** Set when the method changed (303, or a POST answered 301/302): the new one. */
  methodChangedTo?: string;
}

export type HopDecision = FollowedHop | { ok: false; error: ErrorMeta };

/** What the decision needs to know about the answer and the policy. */
export interface RedirectAnswer {
  status: number;
  headers: Header[];
  maxRedirects: number;
  /** `websocket`: the next URL is ws:// or wss:// (http(s) Locations map to them). */
  scheme: 'http' | 'websocket';
}

/** Whether `status` redirects (and so may be followed when the policy says so). */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** A chain that starts at `url` (no hops yet). */
export function startChain(url: URL): RedirectChain {
  return { hops: 0, visited: [withoutHash(url).href] };
}

/** Decides the next hop of `request` after `answer`, or the error that ends the chain. */
export function decideHop(chain: RedirectChain, request: HopRequest, answer: RedirectAnswer): HopDecision {
  const hop = chain.hops + 1;
  const target = resolveLocation(request.url, headerValue(answer.headers, 'location'), answer.scheme);
  if (!target.ok) return { ok: false, error: invalidLocation(answer.status, target.problem) };
  const url = target.url;
  if (hop > answer.maxRedirects) return { ok: false, error: tooManyRedirects(answer.maxRedirects, url) };
  if (chain.visited.includes(url.href)) return { ok: false, error: redirectLoop(url, chain.visited.length) };
  if (isDowngrade(request.url, url)) return { ok: false, error: downgrade(request.url, url) };
  const crossOrigin = url.origin !== request.url.origin;
  const stripped: string[] = [];
  let headers = request.headers;
  if (crossOrigin) headers = withoutCredentials(headers, stripped);
  if (crossOrigin && (url.username !== '' || url.password !== '')) {
    url.username = '';
    url.password = '';
    stripped.push('URL user:password');
  }
  const next: HopRequest = { url, method: request.method, headers };
  const subprotocols = crossOrigin ? withoutTokens(request.subprotocols, stripped) : request.subprotocols;
  if (subprotocols) next.subprotocols = subprotocols;
  const method = methodAfter(answer.status, request.method);
  if (method !== request.method) {
    next.method = method;
    next.headers = next.headers.filter(([name]) => !BODY_HEADERS.has(name.toLowerCase()));
  } else if (request.body !== undefined) next.body = request.body;
  const nextChain = { hops: hop, visited: [...chain.visited, url.href] };
  const followed: FollowedHop = { ok: true, next, chain: nextChain, stripped };
  if (method !== request.method) followed.methodChangedTo = method;
  return followed;
}

type Resolved = { ok: true; url: URL } | { ok: false; problem: string };

/** The Location against the current URL, checked: present, bounded, parseable, a scheme this kind can use. */
function resolveLocation(base: URL, location: string | undefined, scheme: 'http' | 'websocket'): Resolved {
  const text = (location ?? '').trim();
  if (text === '') return { ok: false, problem: 'it names no Location' };
  if (text.length > MAX_LOCATION_CHARS)
    return { ok: false, problem: `its Location is ${text.length} characters long (at most ${MAX_LOCATION_CHARS})` };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) return { ok: false, problem: 'its Location contains control characters' };
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return { ok: false, problem: `its Location "${quote(text)}" is not a URL` };
  }
  if (url.href.length > MAX_LOCATION_CHARS) return { ok: false, problem: 'its Location resolves to a URL too long' };
  const mapped = mapScheme(url.protocol, scheme);
  if (!mapped) return { ok: false, problem: `its Location uses the scheme "${quote(url.protocol.slice(0, -1))}"` };
  if (url.hostname === '') return { ok: false, problem: 'its Location has no host' };
  // `new URL` keeps the port as given; changing the protocol of a special URL is allowed between special schemes.
  if (mapped !== url.protocol) url.protocol = mapped;
  return { ok: true, url: withoutHash(url) };
}

/** The scheme a hop of this kind uses for `protocol`, or undefined when it cannot go there. */
function mapScheme(protocol: string, scheme: 'http' | 'websocket'): string | undefined {
  if (scheme === 'http') return protocol === 'http:' || protocol === 'https:' ? protocol : undefined;
  if (protocol === 'ws:' || protocol === 'http:') return 'ws:';
  if (protocol === 'wss:' || protocol === 'https:') return 'wss:';
  return undefined;
}

/** A fragment is never sent (and ws refuses a URL with one). */
function withoutHash(url: URL): URL {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy;
}

function isSecure(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'wss:';
}

function isDowngrade(from: URL, to: URL): boolean {
  return isSecure(from) && !isSecure(to);
}

/** RFC 9110 §15.4: 303 turns any method but HEAD into GET; user agents do the same for a POST on 301/302. */
function methodAfter(status: number, method: string): string {
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}

/** The headers without the credential ones (credentialRules.ts); their names go to `stripped`, once each. */
function withoutCredentials(headers: Header[], stripped: string[]): Header[] {
  const kept: Header[] = [];
  for (const header of headers) {
    if (!isSensitiveHeader(header[0])) kept.push(header);
    else if (!stripped.some((name) => name.toLowerCase() === header[0].toLowerCase())) stripped.push(header[0]);
  }
  return kept;
}

/** Subprotocol entries that are tokens are not offered to another origin. */
function withoutTokens(subprotocols: string[] | undefined, stripped: string[]): string[] | undefined {
  if (!subprotocols) return undefined;
  const tokens = secretSubprotocols(subprotocols);
  if (tokens.length === 0) return subprotocols;
  stripped.push(`${tokens.length} token ${tokens.length === 1 ? 'entry' : 'entries'} of Sec-WebSocket-Protocol`);
  return subprotocols.filter((entry) => !tokens.includes(entry));
}

function quote(text: string): string {
  return text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text;
}

function invalidLocation(status: number, problem: string): ErrorMeta {
  return {
    code: ErrorCode.RedirectInvalid,
    message: `The server answered ${status} to redirect, but ${problem}: the redirect was not followed.`,
    hint: 'The answer is shown on the response row; connect to the intended URL directly.',
  };
}

function tooManyRedirects(max: number, next: URL): ErrorMeta {
  return {
    code: ErrorCode.TooManyRedirects,
    message: `More than ${max} redirects: the next one (to ${redactUrl(next.href)}) was not followed.`,
    hint: 'Connect to the final URL directly, or raise maxRedirects (at most 5).',
  };
}

function redirectLoop(next: URL, visited: number): ErrorMeta {
  return {
    code: ErrorCode.RedirectLoop,
    message: `Redirect loop: ${redactUrl(next.href)} was visited already (after ${visited} URLs).`,
    hint: 'The server redirects in a circle (often a missing cookie or a proxy rule): fix the server or the URL.',
  };
}

function downgrade(from: URL, to: URL): ErrorMeta {
  return {
    code: ErrorCode.RedirectDowngrade,
    message:
      `Refused a redirect from ${from.protocol.slice(0, -1)} to plain ${to.protocol.slice(0, -1)} ` +
      `(${redactUrl(to.href)}): the request would leave TLS.`,
    hint: 'If the plain-text URL is really meant, connect to it directly.',
  };
}
