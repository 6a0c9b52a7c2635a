/**
 * The words of notifications. VS Code renders `[text](command:…)` in a notification message as a link
 * that runs the command with its arguments after one click (issue #7: a server's reason phrase, a
 * redirect's Location or a certificate's host name reached `showErrorMessage` verbatim). So a
 * notification says what happened in our own words and points to the log, where server text is inert;
 * the only outside text allowed in is the host the user connected to, and what the user typed, both
 * made inert first. Pure (no vscode import), so it is unit-tested in plain Node.
 */
import { ErrorCode } from '../core/errors';

/** Longest piece of outside text we put in a notification. */
const MAX_INSERTED_CHARS = 120;

/** What went wrong, per error code, in our words; the log row has the server's own words. */
const CONNECT_FAILURE_WORDS: Record<string, string> = {
  [ErrorCode.ConnectionRefused]: 'the connection was refused (nothing listens on that port?)',
  [ErrorCode.HostNotFound]: 'the host name could not be resolved',
  [ErrorCode.TlsError]: 'the TLS handshake failed (certificate or TLS version)',
  [ErrorCode.HandshakeTimeout]: 'the server did not complete the handshake in time',
  [ErrorCode.ProxyAuthRequired]: 'the proxy asks for credentials, or refused the ones given (407)',
  [ErrorCode.ProxyRefused]: 'the proxy refused the connection (nothing listens on its port?)',
  [ErrorCode.ProxyUnreachable]: 'the proxy could not be reached',
  [ErrorCode.ProxyConnectFailed]: 'the proxy would not open a tunnel to the server',
  [ErrorCode.ProxyTimeout]: 'the proxy did not answer in time',
  [ErrorCode.ProxyClosed]: 'the proxy closed the connection before the tunnel was open',
  [ErrorCode.ProxyBadResponse]: 'the proxy answered with something that is not HTTP',
  [ErrorCode.ProxyInvalid]: 'the proxy setting cannot be used',
};

/** Whether a failure is the proxy's (its notification offers the proxy settings). */
export function isProxyFailure(code: string): boolean {
  return code.startsWith('RI_PROXY_');
}

/**
 * Outside text made inert for a notification: one line, bounded, and no `](` pair, which is what turns
 * `[label](command:…)` into a link (VS Code's linked-text parser needs the two characters side by side).
 */
export function inert(text: string, max = MAX_INSERTED_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\]\s*\(/g, '] (');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `host:port` of a URL (no path, query or credentials), made inert; "the server" when it does not parse. */
export function hostOf(url: string): string {
  try {
    const host = new URL(url).host;
    return host ? inert(host) : 'the server';
  } catch {
    return 'the server';
  }
}

/**
 * "Could not connect to host:port: <what happened>. The session's log shows the details." — the status
 * code of a non-101 answer is the only fact taken from the server, and it is a number we parsed.
 */
export function connectFailureMessage(url: string, code: string, status?: number): string {
  const words =
    code === ErrorCode.UnexpectedResponse
      ? `the server answered ${answerText(status)} instead of switching protocols`
      : (CONNECT_FAILURE_WORDS[code] ?? 'the connection failed');
  return `Could not connect to ${hostOf(url)}: ${words}. The session's log shows the details.`;
}

/** `HTTP 403`: the status is a number we parsed, never the server's reason phrase. */
function answerText(status: number | undefined): string {
  return status !== undefined && Number.isInteger(status) ? `HTTP ${status}` : 'with an HTTP response';
}
