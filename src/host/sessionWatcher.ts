/**
 * Watches one session for the output channel and for the one notification the user can act on:
 * a connection that failed before it ever opened (refused, unknown host, TLS, handshake timeout,
 * non-101 answer) gets "Retry" and "Show Log" (style.md rule 7). Details go to the log; the
 * notification carries the plain-words message only, never a stack trace.
 */
import * as vscode from 'vscode';
import { DisposableStore } from '../core/disposable';
import { ErrorCode } from '../core/errors';
import type { LogEvent } from '../core/events/logEvent';
import type { Session } from '../core/session/session';
import { shortUrl } from '../core/view/sessionProjection';
import { describeThrown, type OutputLog } from './outputLog';

/** Errors before `open` that the user can do something about (fix the URL, start the server, trust a CA, retry). */
const CONNECT_FAILURES = new Set<string>([
  ErrorCode.ConnectionRefused, ErrorCode.HostNotFound, ErrorCode.TlsError, ErrorCode.HandshakeTimeout, ErrorCode.UnexpectedResponse,
]);

export interface SessionWatcherActions {
  retry(session: Session): void;
  showLog(): void;
}

/** Starts watching; dispose to stop. */
export function watchSession(session: Session, log: OutputLog, actions: SessionWatcherActions): vscode.Disposable {
  const store = new DisposableStore();
  let opened = false;
  let notified = false;
  const label = `[${session.id}] ${shortUrl(session.options.url)}`;

  const onEvent = (event: LogEvent): void => {
    const meta = event.meta ?? {};
    if (event.type === 'open') {
      opened = true;
      log.info(`${label}: open${meta.subprotocol ? ` (subprotocol ${meta.subprotocol})` : ''}`);
    } else if (event.type === 'closed') {
      log.info(`${label}: closed${meta.note ? `: ${meta.note}` : ''}`);
    } else if ((event.type === 'error' || event.type === 'heartbeat-timeout') && meta.error) {
      const error = meta.error;
      log.error(`${label}: ${error.code}: ${error.message}${error.hint ? ` ${error.hint}` : ''}${error.detail && error.detail !== error.message ? ` (${error.detail})` : ''}`);
      if (!opened && !notified && session.info.openedAt === undefined && CONNECT_FAILURES.has(error.code)) {
        notified = true;
        notify(error.message, error.hint);
      }
    }
  };

  const notify = (message: string, hint: string | undefined): void => {
    const text = `Could not connect to ${shortUrl(session.options.url)}: ${message}${hint ? ` ${hint}` : ''}`;
    void vscode.window.showErrorMessage(text, 'Retry', 'Show Log').then((choice) => {
      if (choice === 'Retry') actions.retry(session);
      else if (choice === 'Show Log') actions.showLog();
    }, (error: unknown) => log.warn(`${label}: notification failed: ${describeThrown(error)}`));
  };

  store.add(session.log.onAppend((event) => {
    try {
      onEvent(event);
    } catch (error) {
      log.error(`${label}: watching the session failed: ${describeThrown(error)}`);
    }
  }));
  return store;
}
