/**
 * Watches one session for the output channel and for the one notification the user can act on:
 * a connection that failed before it ever opened (refused, unknown host, TLS, handshake timeout,
 * non-101 answer) gets "Retry" and "Show Log" (style.md rule 7). Details go to the log, with the
 * session's credentials masked; the notification says what happened in our own words only
 * (notificationText.ts): no server text, never a stack trace.
 */
import * as vscode from 'vscode';
import { DisposableStore } from '../core/disposable';
import { ErrorCode } from '../core/errors';
import type { ErrorMeta, LogEvent } from '../core/events/logEvent';
import type { Session } from '../core/session/session';
import { shortUrl } from '../core/view/sessionProjection';
import { connectFailureMessage, isProxyFailure } from './notificationText';
import { describeThrown, type OutputLog } from './outputLog';
import { redactorFor } from './sessionRedaction';

/** Errors before `open` that the user can do something about (fix the URL, start the server, trust a CA, retry). */
const CONNECT_FAILURES = new Set<string>([
  ErrorCode.ConnectionRefused,
  ErrorCode.HostNotFound,
  ErrorCode.TlsError,
  ErrorCode.HandshakeTimeout,
  ErrorCode.UnexpectedResponse,
  ErrorCode.ProxyAuthRequired,
  ErrorCode.ProxyRefused,
  ErrorCode.ProxyUnreachable,
  ErrorCode.ProxyConnectFailed,
  ErrorCode.ProxyTimeout,
  ErrorCode.ProxyClosed,
  ErrorCode.ProxyBadResponse,
  ErrorCode.ProxyInvalid,
]);

export interface SessionWatcherActions {
  retry(session: Session): void;
  showLog(): void;
  /** Takes over the notification of a failure before open (issue 12: a certificate trust offer); true = handled. */
  connectFailed?(session: Session, error: ErrorMeta): boolean;
}

/** Starts watching; dispose to stop. */
export function watchSession(session: Session, log: OutputLog, actions: SessionWatcherActions): vscode.Disposable {
  const store = new DisposableStore();
  let opened = false;
  let notified = false;
  /** Status of the last non-101 handshake answer: the one server fact a notification may carry (a number). */
  let lastStatus: number | undefined;
  const redactor = redactorFor(session);
  const label = `[${session.id}] ${shortUrl(session.options.url)}`;
  const write = (level: 'info' | 'error', line: string): void => log[level](redactor.text(line));

  const onEvent = (event: LogEvent): void => {
    const meta = event.meta ?? {};
    if (event.type === 'handshake-response' && meta.response?.status !== undefined) {
      lastStatus = meta.response.status;
    } else if (event.type === 'open') {
      opened = true;
      write('info', `${label}: open${meta.subprotocol ? ` (subprotocol ${meta.subprotocol})` : ''}`);
    } else if (event.type === 'closed') {
      write('info', `${label}: closed${meta.note ? `: ${meta.note}` : ''}`);
    } else if ((event.type === 'error' || event.type === 'heartbeat-timeout') && meta.error) {
      const error = meta.error;
      write(
        'error',
        `${label}: ${error.code}: ${error.message}${error.hint ? ` ${error.hint}` : ''}${detailText(error)}`,
      );
      if (!opened && !notified && session.info.openedAt === undefined) {
        // A handler may take over any failure before open (a certificate one: the trust offer, issue 12).
        if (actions.connectFailed?.(session, error)) notified = true;
        else if (CONNECT_FAILURES.has(error.code)) {
          notified = true;
          notify(error.code);
        }
      }
    }
  };

  const notify = (code: string): void => {
    const text = connectFailureMessage(session.options.url, code, lastStatus);
    const choices = isProxyFailure(code) ? ['Retry', 'Proxy Settings', 'Show Log'] : ['Retry', 'Show Log'];
    void vscode.window.showErrorMessage(text, ...choices).then(
      (choice) => {
        if (choice === 'Retry') actions.retry(session);
        else if (choice === 'Show Log') actions.showLog();
        // VS Code's own proxy settings; a profile's `proxy` overrides them (the route row says which applied).
        else if (choice === 'Proxy Settings')
          void vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
      },
      (error: unknown) => log.warn(`${label}: notification failed: ${describeThrown(error)}`),
    );
  };

  store.add(
    session.log.onAppend((event) => {
      try {
        onEvent(event);
      } catch (error) {
        log.error(`${label}: watching the session failed: ${describeThrown(error)}`);
      }
    }),
  );
  return store;
}

/** The library's own words, when they add something to ours. */
function detailText(error: ErrorMeta): string {
  return error.detail && error.detail !== error.message ? ` (${error.detail})` : '';
}
