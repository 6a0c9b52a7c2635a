/**
 * `realtimeInspector.sendSelection` and `realtimeInspector.sendFile [sessionId]`: send the selected text, or the
 * whole document, to a session (editorTextRequest says how the text is read for the session's kind). Nothing
 * leaves on a parse error; problems and refusals are said in our words, the details go to the output channel
 * with credentials masked. Each returns the SendOutcome, or undefined when nothing was sent.
 */
import * as vscode from 'vscode';
import type { SendOutcome, Session } from '../../core/session/session';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import { redactorFor } from '../sessionRedaction';
import type { SessionRegistry } from '../sessionRegistry';
import { canSend, pickSendSession } from './sendTargets';
import { editorTextRequest, isJsonDocument } from './textRequest';

export const SEND_SELECTION_COMMAND = 'realtimeInspector.sendSelection';
export const SEND_FILE_COMMAND = 'realtimeInspector.sendFile';

const BOOK_LANGUAGE = 'realtime-messages';

export interface SendTextDeps {
  registry: SessionRegistry;
  log: OutputLog;
}

/** Registers both commands. */
export function registerSendTextCommands(deps: SendTextDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(SEND_SELECTION_COMMAND, (arg?: unknown) => sendFromEditor(deps, 'selection', arg)),
    vscode.commands.registerCommand(SEND_FILE_COMMAND, (arg?: unknown) => sendFromEditor(deps, 'file', arg)),
  );
}

type Source = 'selection' | 'file';

async function sendFromEditor(deps: SendTextDeps, source: Source, arg: unknown): Promise<SendOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open an editor first: its text is what Realtime Inspector sends.');
    return undefined;
  }
  const text = textOf(editor, source);
  if (text === undefined) return undefined;
  // A menu passes the document's URI; a string is a session id (tests, keybindings).
  const session = await targetSession(deps.registry, arg, source);
  if (!session) return undefined;
  const document = editor.document;
  const what = source === 'selection' ? 'The selection' : 'The file';
  const parsed = editorTextRequest(
    text,
    session.options.kind,
    isJsonDocument(document.languageId, document.fileName),
    what,
  );
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`Cannot send: ${inert(parsed.problem, 300)} Nothing was sent.`);
    return undefined;
  }
  const outcome = session.send(parsed.request);
  const redactor = redactorFor(session);
  if (!outcome.ok) {
    deps.log.info(redactor.text(`[${session.id}] send refused: ${outcome.error.code}: ${outcome.error.message}`));
    const hint = outcome.error.hint ? ` ${outcome.error.hint}` : '';
    void vscode.window.showErrorMessage(
      `Could not send: ${inert(redactor.text(`${outcome.error.message}${hint}`), 300)}`,
    );
    return outcome;
  }
  const where = inert(redactor.url(session.options.url), 80);
  vscode.window.setStatusBarMessage(
    `$(check) Sent ${source === 'selection' ? 'the selection' : 'the file'} to ${where} (#${outcome.seq})`,
    4000,
  );
  return outcome;
}

/** The text to send, or undefined (said) when there is none. */
function textOf(editor: vscode.TextEditor, source: Source): string | undefined {
  if (source === 'file') {
    if (editor.document.languageId === BOOK_LANGUAGE) {
      void vscode.window.showInformationMessage(
        'This is a message book: use "Send all" above its first entry, or "Send" above one entry.',
      );
      return undefined;
    }
    return editor.document.getText();
  }
  if (editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Select the text to send first, or use "Send File to Session".');
    return undefined;
  }
  return editor.document.getText(editor.selection);
}

async function targetSession(registry: SessionRegistry, arg: unknown, source: Source): Promise<Session | undefined> {
  if (typeof arg !== 'string') {
    return pickSendSession(registry, source === 'selection' ? 'Send Selection' : 'Send File');
  }
  const named = registry.get(arg);
  if (named && canSend(named)) return named;
  void vscode.window.showErrorMessage(
    `There is no open Realtime Inspector session with id "${inert(arg, 40)}" that can send.`,
  );
  return undefined;
}
