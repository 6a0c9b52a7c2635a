/**
 * The commands the book CodeLenses run: Send (one entry: the lens's, or the one at the cursor), Send all
 * (bookSendAll.ts), and the choice of the session a book sends to.
 */
import * as vscode from 'vscode';
import { entryRefusal, entryToSendRequest, type BookEntry } from '../../core/messageBook';
import type { SendRequest } from '../../core/session/sendRequest';
import type { SendOutcome, Session } from '../../core/session/session';
import { inert } from '../notificationText';
import { redactorFor } from '../sessionRedaction';
import { BOOK_COMMANDS } from './bookCommandIds';
import { bookFilesFor } from './bookFileAccess';
import { sendAll } from './bookSendAll';
import { bookSession, fillValues, openBook, showFailure, type BookSendDeps, type OpenBook } from './bookSendContext';
import { entryName } from './bookOutline';
import { targetLabel } from './lensModel';

/** Registers Send, Send all and Choose Session. */
export function registerBookSendCommands(deps: BookSendDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(BOOK_COMMANDS.send, (uri?: unknown, index?: unknown, sessionId?: unknown) =>
      sendEntry(deps, uri, index, sessionId),
    ),
    vscode.commands.registerCommand(BOOK_COMMANDS.sendAll, (uri?: unknown, sessionId?: unknown) =>
      sendAll(deps, uri, sessionId),
    ),
    vscode.commands.registerCommand(BOOK_COMMANDS.chooseSession, async (uri?: unknown) => {
      const open = await openBook(deps.cache, uri);
      return open ? (await deps.target.ask(open.document.uri))?.id : undefined;
    }),
  );
}

/** Sends one entry; the outcome, or undefined when nothing was sent. */
async function sendEntry(
  deps: BookSendDeps,
  uriArg: unknown,
  indexArg: unknown,
  sessionId: unknown,
): Promise<SendOutcome | undefined> {
  const open = await openBook(deps.cache, uriArg);
  if (!open) return undefined;
  const entry = typeof indexArg === 'number' ? open.book.entries[indexArg] : entryAtCursor(open);
  if (!entry) {
    void vscode.window.showInformationMessage('There is no entry here to send: put the cursor in one.');
    return undefined;
  }
  const session = bookSession(deps, open.document.uri, sessionId);
  if (!session) return undefined;
  const request = await requestOf(deps, open, entry, session);
  if (!request) return undefined;
  const outcome = session.send(request);
  if (!outcome.ok) {
    showFailure(deps, session, `Could not send ${inert(entryName(entry), 60)}`, outcome.error);
    return outcome;
  }
  const where = targetLabel(redactorFor(session).url(session.options.url), session.info.state);
  vscode.window.setStatusBarMessage(
    `$(check) Sent ${inert(entryName(entry), 60)} → ${inert(where, 80)} (#${outcome.seq})`,
    4000,
  );
  return outcome;
}

/** The entry's request with its placeholders filled in; undefined when there is none (said). */
async function requestOf(
  deps: BookSendDeps,
  open: OpenBook,
  entry: BookEntry,
  session: Session,
): Promise<SendRequest | undefined> {
  const prefix = `Cannot send ${inert(entryName(entry), 60)}`;
  const refused = entryRefusal(entry, session.options.kind);
  if (refused) {
    showFailure(deps, session, prefix, refused);
    return undefined;
  }
  const values = await fillValues(deps, open, [entry], session);
  if (!values) return undefined;
  const built = await entryToSendRequest(entry, values, session.options.kind, bookFilesFor(open.document));
  if (built.ok) return built.request;
  showFailure(deps, session, prefix, built.error);
  return undefined;
}

/** The entry whose lines hold the active editor's cursor, when the editor shows this book. */
function entryAtCursor(open: OpenBook): BookEntry | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document !== open.document) return undefined;
  const line = editor.selection.active.line;
  return open.book.entries.find((e) => line >= e.range.startLine && line <= e.range.endLine);
}
