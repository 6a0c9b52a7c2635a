/**
 * What went wrong with a proxy (issue 12), as errors that carry their own ErrorMeta (`explained`, see
 * errors.ts), so every engine's error row says it in the same plain words. The proxy is named by its host and
 * port only (never its credentials); whatever the proxy itself sent is cut short and stripped of control
 * characters before it is quoted.
 */
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { sourceLabel, type ProxySource } from './proxyChoice';

/** A network failure that says what it means: an Error (for Node and ws) with its ErrorMeta attached. */
export class NetworkFailure extends Error {
  readonly code: string;

  constructor(readonly explained: ErrorMeta) {
    super(explained.message);
    this.code = explained.code;
  }
}

/** Who the words are about: the proxy (host:port) and where it was configured. */
export interface ProxyIdentity {
  /** `127.0.0.1:3128`. */
  hostPort: string;
  source: ProxySource;
  /** Whether the proxy URL carried credentials (a 407 then means they were rejected). */
  hasCredentials: boolean;
}

/** Longest proxy-sent text (a reason phrase) quoted in a message. */
const MAX_QUOTED_CHARS = 80;

/** A reason phrase from the proxy, safe to quote: one line, printable, short. */
export function quoteProxyText(text: string): string {
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > MAX_QUOTED_CHARS ? `${clean.slice(0, MAX_QUOTED_CHARS)}…` : clean;
}

export function proxyAuthRequired(who: ProxyIdentity): NetworkFailure {
  const where = sourceLabel(who.source);
  return new NetworkFailure({
    code: ErrorCode.ProxyAuthRequired,
    message: who.hasCredentials
      ? `The proxy ${who.hostPort} answered 407 Proxy Authentication Required: it rejected the credentials in ${where}.`
      : `The proxy ${who.hostPort} answered 407 Proxy Authentication Required: set credentials in ${where} ` +
        "(http://user:password@host:port) or the profile's proxy.",
    hint: "Put the proxy's user and password in the proxy URL; in a profile, the password as a ${secret:…}.",
  });
}

export function proxyConnectFailed(who: ProxyIdentity, status: number, reason: string): NetworkFailure {
  const said = quoteProxyText(reason);
  const answer = said ? `${status} ${said}` : `${status}`;
  return new NetworkFailure({
    code: ErrorCode.ProxyConnectFailed,
    message: `The proxy ${who.hostPort} refused the tunnel: it answered CONNECT with ${answer}.`,
    hint:
      status === 403
        ? 'The proxy does not allow this host or port; ask its administrator, or list the host in http.noProxy.'
        : 'A 5xx usually means the proxy could not reach the server itself: check the URL, or bypass the proxy ' +
          'for this host (http.noProxy, NO_PROXY or the profile).',
  });
}

export function proxyRefused(who: ProxyIdentity, detail: string): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.ProxyRefused,
    message:
      `The proxy ${who.hostPort} (from ${sourceLabel(who.source)}) refused the connection: ` + 'nothing listens there.',
    hint: 'Check the proxy host and port, or that the proxy is running.',
    detail,
  });
}

export function proxyUnreachable(who: ProxyIdentity, detail: string): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.ProxyUnreachable,
    message: `The proxy ${who.hostPort} (from ${sourceLabel(who.source)}) could not be reached.`,
    hint: 'Check the proxy host name, your network or VPN.',
    detail,
  });
}

/** An https:// proxy whose own certificate was refused (http.proxyStrictSSL). */
export function proxyCertificateRefused(who: ProxyIdentity, detail: string): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.ProxyUnreachable,
    message: `The https:// proxy ${who.hostPort} presented a certificate that is not trusted, so it was not used.`,
    hint: 'Trust its CA on this machine, or set http.proxyStrictSSL to false for a proxy you trust.',
    detail,
  });
}

export function proxyTimeout(who: ProxyIdentity, timeoutMs: number): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.ProxyTimeout,
    message: `The proxy ${who.hostPort} did not answer CONNECT within ${timeoutMs} ms.`,
    hint: 'The proxy accepted the TCP connection but never set up the tunnel: check that it is an HTTP proxy.',
  });
}

export function proxyClosed(who: ProxyIdentity, receivedBytes: number): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.ProxyClosed,
    message:
      `The proxy ${who.hostPort} closed the connection before answering CONNECT ` +
      `(${receivedBytes ? `after ${receivedBytes} bytes` : 'it sent nothing'}).`,
    hint: 'Check that this is an HTTP proxy that supports CONNECT.',
  });
}

export function proxyBadResponse(who: ProxyIdentity, why: string): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.ProxyBadResponse,
    message: `The proxy ${who.hostPort} answered CONNECT with something that is not HTTP: ${why}.`,
    hint: 'Check that the proxy URL names an HTTP proxy (not a SOCKS proxy or a web server).',
  });
}

export function proxyInvalid(message: string): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.ProxyInvalid,
    message,
    hint: "Fix http.proxy, the *_PROXY variables or the profile's proxy (http://[user:password@]host:port).",
  });
}
