/**
 * A message book in the Outline view and the breadcrumbs (its variables, then one symbol per entry named by its
 * title) and folded one entry at a time.
 */
import * as vscode from 'vscode';
import { isMessageKind, type BookEntry } from '../../core/messageBook';
import { BOOK_LANGUAGE, type BookCache } from './bookCache';

/** Registers the symbol and folding range providers for books. */
export function registerBookOutline(cache: BookCache): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: BOOK_LANGUAGE };
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols: (document) => symbolsOf(cache, document),
    }),
    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges: (document) =>
        cache
          .get(document)
          .entries.filter((e) => e.range.endLine > e.range.startLine)
          .map((e) => new vscode.FoldingRange(e.range.startLine, e.range.endLine)),
    }),
  );
}

function symbolsOf(cache: BookCache, document: vscode.TextDocument): vscode.DocumentSymbol[] {
  const book = cache.get(document);
  const variables = book.variables.map((v) => {
    const { line, startCol, endCol } = v.nameRange;
    const range = new vscode.Range(line, startCol, line, endCol);
    return new vscode.DocumentSymbol(`@${v.name}`, '', vscode.SymbolKind.Variable, range, range);
  });
  const entries = book.entries.map((entry) => {
    const last = document.lineAt(Math.min(entry.range.endLine, document.lineCount - 1));
    const range = new vscode.Range(entry.range.startLine, 0, last.lineNumber, last.text.length);
    const header = entry.headerRange;
    const selection = new vscode.Range(header.line, header.startCol, header.line, header.endCol);
    return new vscode.DocumentSymbol(entryName(entry), entry.kind ?? '', symbolKind(entry), range, selection);
  });
  return [...variables, ...entries];
}

/** The entry's title, or its kind and line when it has none. */
export function entryName(entry: BookEntry): string {
  if (entry.title !== undefined) return entry.title;
  return `${entry.kind ?? 'entry'} (line ${entry.headerRange.line + 1})`;
}

function symbolKind(entry: BookEntry): vscode.SymbolKind {
  if (!entry.valid || !entry.kind) return vscode.SymbolKind.Null;
  return isMessageKind(entry.kind) ? vscode.SymbolKind.Event : vscode.SymbolKind.Operator;
}
