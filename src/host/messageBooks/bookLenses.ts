/**
 * The CodeLens provider of message books: lensModel.ts decides the lenses, this turns them into CodeLenses
 * whose commands carry the book's URI (and the entry's index), and asks VS Code to redraw them when the
 * target session changes.
 */
import * as vscode from 'vscode';
import { BOOK_LANGUAGE, type BookCache } from './bookCache';
import { BOOK_COMMANDS } from './bookCommandIds';
import type { BookTarget } from './bookTarget';
import { bookLenses, type LensAction } from './lensModel';

/** Registers the provider. */
export function registerBookLenses(cache: BookCache, target: BookTarget): vscode.Disposable {
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: target.onDidChange,
    provideCodeLenses: (document) =>
      bookLenses(cache.get(document), target.lensTarget(document.uri)).map((lens) => {
        const range = new vscode.Range(lens.line, 0, lens.line, 0);
        return new vscode.CodeLens(range, {
          title: lens.title,
          tooltip: lens.tooltip,
          // A lens without a command is drawn as plain text: it says why, and does nothing when clicked.
          command: lens.action ? commandOf(lens.action) : '',
          arguments: lens.action ? argumentsOf(document.uri, lens.action) : undefined,
        });
      }),
  };
  return vscode.languages.registerCodeLensProvider({ language: BOOK_LANGUAGE }, provider);
}

function commandOf(action: LensAction): string {
  switch (action.command) {
    case 'send':
      return BOOK_COMMANDS.send;
    case 'sendAll':
      return BOOK_COMMANDS.sendAll;
    case 'chooseSession':
      return BOOK_COMMANDS.chooseSession;
    case 'connect':
      return BOOK_COMMANDS.connect;
  }
}

function argumentsOf(uri: vscode.Uri, action: LensAction): unknown[] {
  if (action.command === 'connect') return [];
  return action.command === 'send' ? [uri, action.index] : [uri];
}
