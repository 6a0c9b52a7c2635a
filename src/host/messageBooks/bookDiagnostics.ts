/**
 * The parser's diagnostics of every open message book in the Problems view and as squiggles: set when a book
 * opens, refreshed a moment after the typing stops (debounced per document), removed when it closes.
 */
import * as vscode from 'vscode';
import type { BookDiagnostic } from '../../core/messageBook';
import { isBook, type BookCache } from './bookCache';

/** Quiet time after an edit before the diagnostics are refreshed. */
export const DIAGNOSTICS_DEBOUNCE_MS = 250;

const SEVERITY: Record<BookDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Starts watching the books; the result stops it and clears the collection. */
export function registerBookDiagnostics(cache: BookCache): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('realtime-messages');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const cancel = (key: string): void => {
    clearTimeout(timers.get(key));
    timers.delete(key);
  };
  const refresh = (document: vscode.TextDocument): void => {
    cancel(document.uri.toString());
    if (document.isClosed || !isBook(document)) return;
    collection.set(document.uri, cache.get(document).diagnostics.map(toDiagnostic));
  };
  const later = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    cancel(key);
    timers.set(
      key,
      setTimeout(() => refresh(document), DIAGNOSTICS_DEBOUNCE_MS),
    );
  };
  const forget = (document: vscode.TextDocument): void => {
    cancel(document.uri.toString());
    collection.delete(document.uri);
  };
  vscode.workspace.textDocuments.forEach(refresh);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => (isBook(e.document) ? later(e.document) : undefined)),
    // A document whose language changes (to or from realtime-messages) is closed and opened again.
    vscode.workspace.onDidCloseTextDocument(forget),
    { dispose: () => [...timers.keys()].forEach(cancel) },
  );
}

function toDiagnostic(d: BookDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.line, d.range.startCol, d.range.line, d.range.endCol);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = 'Realtime Inspector';
  return diagnostic;
}
