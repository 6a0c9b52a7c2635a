/**
 * One parse per version of each open message book: the CodeLenses, the diagnostics, the outline, the folding
 * ranges and the Send commands all read the same MessageBook. A closed document's parse is let go.
 */
import * as vscode from 'vscode';
import { parseMessageBook, type MessageBook } from '../../core/messageBook';

/** The language id of message books (package.json contributes it). */
export const BOOK_LANGUAGE = 'realtime-messages';

interface Parsed {
  version: number;
  book: MessageBook;
}

export class BookCache implements vscode.Disposable {
  private readonly parsed = new Map<string, Parsed>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidCloseTextDocument((document) =>
      this.parsed.delete(document.uri.toString()),
    );
  }

  /** The parse of the document as it is now. */
  get(document: vscode.TextDocument): MessageBook {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.book;
    const book = parseMessageBook(document.getText());
    this.parsed.set(key, { version: document.version, book });
    return book;
  }

  dispose(): void {
    this.subscription.dispose();
    this.parsed.clear();
  }
}

/** Whether `document` is a message book. */
export function isBook(document: vscode.TextDocument): boolean {
  return document.languageId === BOOK_LANGUAGE;
}
