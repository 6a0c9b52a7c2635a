/**
 * Save to message book: an outgoing row appended as an entry to a `.rimessages` file the user picks among the
 * workspace's books, or creates. The book is saved and shown beside the panel at the new entry.
 */
import * as vscode from 'vscode';
import type { Session } from '../../core/session/session';
import { bookSecretsOf } from '../messageBooks/sessionBookSecrets';
import { describeThrown, type OutputLog } from '../outputLog';
import type { ActionResult } from '../panel/panelLogActions';
import { redactorFor } from '../sessionRedaction';
import { logEntryText } from './logEntry';

/** Most books listed in the picker. */
const MAX_BOOKS = 200;
const NEW_BOOK_HEADER =
  '# A message book: "Send" above an entry sends it to a Realtime Inspector session, "Send all" runs them\n' +
  '# in order. Entries start with ###; comments with # or //.\n';

/** Asks where to save (not awaited); the answer says so, or why the row cannot be saved. */
export function saveToBook(session: Session, requestId: number, seq: number, log: OutputLog): ActionResult {
  const entry = logEntryText(seq, session.log.get(seq), redactorFor(session), bookSecretsOf(session));
  if (!entry.ok) return { type: 'action/result', requestId, ok: false, message: entry.reason };
  save(entry.text).then(undefined, (error: unknown) => {
    log.warn(`[${session.id}] Save to message book failed: ${describeThrown(error)}`);
    void vscode.window.showErrorMessage(
      `Event #${seq} could not be saved to the message book (details in the Realtime Inspector log).`,
    );
  });
  return { type: 'action/result', requestId, ok: true, message: 'Choose the message book to save it to…' };
}

async function save(entryText: string): Promise<void> {
  const book = await pickBook();
  if (!book) return;
  const document = await vscode.workspace.openTextDocument(book);
  const text = document.getText();
  const separator = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  const end = document.lineAt(document.lineCount - 1).range.end;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(book, end, separator + entryText);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was not applied');
  await document.save();
  const line = end.line + (separator.match(/\n/g)?.length ?? 0);
  // Where the book is shown already, else beside the panel.
  const shown = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn;
  await vscode.window.showTextDocument(document, {
    viewColumn: shown ?? vscode.ViewColumn.Beside,
    selection: new vscode.Range(line, 0, line, 0),
    preview: false,
  });
}

/** A book of the workspace, or a new one; undefined when the user cancels. */
async function pickBook(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/*.rimessages', '**/node_modules/**', MAX_BOOKS);
  const items = [
    { label: '$(new-file) New message book…', uri: undefined as vscode.Uri | undefined },
    ...found
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Realtime Inspector: Save to message book',
    placeHolder: found.length ? 'The book to append the message to' : 'No message book yet: create one',
  });
  if (!picked) return undefined;
  return picked.uri ?? createBook();
}

async function createBook(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: 'Realtime Inspector: New message book',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'messages.rimessages') : undefined,
    filters: { 'Message books': ['rimessages'] },
    saveLabel: 'Create',
  });
  if (!uri) return undefined;
  // An existing file chosen in the dialog is appended to, never overwritten.
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists) await vscode.workspace.fs.writeFile(uri, Buffer.from(NEW_BOOK_HEADER, 'utf8'));
  return uri;
}
