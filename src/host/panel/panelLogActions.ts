/**
 * The panel's actions on rows of its log that VS Code carries out — Edit and send, Save to message book,
 * Replay range… — as the panel sees them: a handler that answers at once (started, or why not) and goes on in
 * VS Code's own prompts. The message-book feature provides the handler (SessionLauncher.setLogActions). No vscode.
 */
import type { Session } from '../../core/session/session';
import type { HostToWebview, WebviewToHost } from '../../shared/protocol';

export type LogActionMessage = Extract<
  WebviewToHost,
  { type: 'events/editAndSend' | 'events/saveToBook' | 'events/replayRange' }
>;

export type ActionResult = Extract<HostToWebview, { type: 'action/result' }>;

/** Answers a row action of `session`'s panel. Never throws. */
export type LogActionHandler = (session: Session, message: LogActionMessage) => ActionResult;

/** The answer when no handler is registered. */
export function actionUnavailable(requestId: number): ActionResult {
  return { type: 'action/result', requestId, ok: false, message: 'This action is not available in this window.' };
}
