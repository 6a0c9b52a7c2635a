/**
 * Edit and send: an outgoing row opened as a message-book entry in a new untitled editor beside the panel, its
 * CodeLens sending to the session the row came from. Nothing is sent until the user clicks Send.
 */
import * as vscode from 'vscode';
import type { Session } from '../../core/session/session';
import { BOOK_LANGUAGE } from '../messageBooks/bookCache';
import type { BookTarget } from '../messageBooks/bookTarget';
import { bookSecretsOf } from '../messageBooks/sessionBookSecrets';
import { describeThrown, type OutputLog } from '../outputLog';
import { redactorFor } from '../sessionRedaction';
import type { ActionResult } from '../panel/panelLogActions';
import { logEntryText } from './logEntry';

/** Opens the editor (not awaited); the answer says so, or why not. */
export function editAndSend(
  session: Session,
  requestId: number,
  seq: number,
  deps: { target: BookTarget; log: OutputLog },
): ActionResult {
  const redactor = redactorFor(session);
  const entry = logEntryText(seq, session.log.get(seq), redactor, bookSecretsOf(session));
  if (!entry.ok) return { type: 'action/result', requestId, ok: false, message: entry.reason };
  const where = redactor.url(session.options.url).replace(/[\r\n]/g, ' ');
  // The first line names the editor's tab.
  const content =
    `# Event #${seq}, to edit and send again\n` +
    `# "Send" above the entry sends it to ${where}. Save as a .rimessages file to keep it.\n\n` +
    entry.text;
  open(content, session, deps).then(undefined, (error: unknown) => {
    deps.log.warn(`[${session.id}] Edit and send: the editor could not be opened: ${describeThrown(error)}`);
    void vscode.window.showErrorMessage(`Edit and send: the editor could not be opened for event #${seq}.`);
  });
  return { type: 'action/result', requestId, ok: true, message: `Event #${seq} opened in an editor beside.` };
}

async function open(content: string, session: Session, deps: { target: BookTarget }): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: BOOK_LANGUAGE, content });
  deps.target.choose(document.uri, session.id);
  const line = document.lineCount - 1;
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
  // The cursor at the end of the body, where an edit starts.
  const end = document.lineAt(Math.max(0, line - 1)).range.end;
  editor.selection = new vscode.Selection(end, end);
}
