/**
 * What Send and Send all share: the book a command is about (its URI argument, else the active editor), the
 * session it goes to, the values of its placeholders (secrets added to the session's redaction before anything
 * leaves), and how a failure is said (our words around core's, masked, made inert, details in the log).
 */
import * as vscode from 'vscode';
import { bookValues, type BookEntry, type BookValues, type MessageBook } from '../../core/messageBook';
import type { ErrorMeta } from '../../core/events/logEvent';
import { splitLines } from '../../core/messageBook/bookLines';
import type { Session } from '../../core/session/session';
import { canSend, offerConnect } from '../editorSend/sendTargets';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import { redactorFor } from '../sessionRedaction';
import type { SessionRegistry } from '../sessionRegistry';
import { isBook, type BookCache } from './bookCache';
import type { BookSecrets } from './bookSecrets';
import type { BookTarget } from './bookTarget';
import { placeholdersUsedBy } from './entryPlaceholders';
import { noteBookSecrets } from './sessionBookSecrets';

export interface BookSendDeps {
  registry: SessionRegistry;
  cache: BookCache;
  target: BookTarget;
  secrets: BookSecrets;
  log: OutputLog;
}

export interface OpenBook {
  document: vscode.TextDocument;
  book: MessageBook;
}

/** The book named by `uriArg` (a Uri or its string), else the active editor's; undefined (said) when none. */
export async function openBook(cache: BookCache, uriArg: unknown): Promise<OpenBook | undefined> {
  let document: vscode.TextDocument | undefined;
  if (uriArg instanceof vscode.Uri || typeof uriArg === 'string') {
    const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg, true) : uriArg;
    document =
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
      (await vscode.workspace.openTextDocument(uri));
  } else {
    document = vscode.window.activeTextEditor?.document;
  }
  if (!document || !isBook(document)) {
    void vscode.window.showInformationMessage('Open a message book (a .rimessages file) first.');
    return undefined;
  }
  return { document, book: cache.get(document) };
}

/** The session the book sends to: the one named by `sessionId`, else the book's target. */
export function bookSession(deps: BookSendDeps, book: vscode.Uri, sessionId: unknown): Session | undefined {
  if (typeof sessionId === 'string') {
    const named = deps.registry.get(sessionId);
    if (named && canSend(named)) return named;
    void vscode.window.showErrorMessage(
      `There is no open Realtime Inspector session with id "${inert(sessionId, 40)}" that can send.`,
    );
    return undefined;
  }
  const session = deps.target.current(book);
  if (!session) void offerConnect('No open Realtime Inspector session can send this book. Connect first.');
  return session;
}

/**
 * The values to fill `entries` in with, asking for missing secrets; every secret value is masked in the
 * session's log from now on. Undefined (said, or cancelled) when they cannot be had.
 */
export async function fillValues(
  deps: BookSendDeps,
  open: OpenBook,
  entries: readonly BookEntry[],
  session: Session,
): Promise<BookValues | undefined> {
  const lines = splitLines(open.document.getText());
  const read = await deps.secrets.read(placeholdersUsedBy(open.book, lines, entries));
  if (!read.ok) {
    if (read.message) void vscode.window.showErrorMessage(read.message);
    return undefined;
  }
  noteBookSecrets(session, read.values.secrets);
  return bookValues(open.book.variables, read.values);
}

/** Says why sending stopped: `prefix: <core's words, masked> <hint>`; the same line goes to the log. */
export function showFailure(deps: BookSendDeps, session: Session, prefix: string, error: ErrorMeta): void {
  const redactor = redactorFor(session);
  deps.log.info(redactor.text(`[${session.id}] ${prefix}: ${error.code}: ${error.message}`));
  const text = redactor.text(error.hint ? `${error.message} ${error.hint}` : error.message);
  void vscode.window.showErrorMessage(`${prefix}: ${inert(text, 400)}`);
}
