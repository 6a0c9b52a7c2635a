/**
 * Which `${env:…}` and `${secret:…}` sending some entries of a book needs — directly, or through the file
 * variables they use (and the variables those use). Sending one entry then asks only for its own secrets, not
 * for every secret the book names. Pure (no vscode).
 */
import type { BookEntry, HostPlaceholder, MessageBook } from '../../core/messageBook';
import { scanPlaceholders } from '../../core/messageBook/placeholders';

/** The host placeholders `entries` use, each once, in order of first use. `lines`: the book's text by line. */
export function placeholdersUsedBy(
  book: MessageBook,
  lines: readonly string[],
  entries: readonly BookEntry[],
): HostPlaceholder[] {
  // The last definition of a name counts (as the parser says).
  const variables = new Map(book.variables.map((v) => [v.name, v.value]));
  const found = new Map<string, HostPlaceholder>();
  const seenVariables = new Set<string>();
  const visit = (text: string): void => {
    for (const token of scanPlaceholders(text)) {
      if (token.type === 'env' || token.type === 'secret') {
        const key = `${token.type}:${token.name}`;
        if (!found.has(key)) found.set(key, { source: token.type, name: token.name });
      } else if (token.type === 'variable' && !seenVariables.has(token.name)) {
        seenVariables.add(token.name);
        const value = variables.get(token.name);
        if (value !== undefined) visit(value);
      }
    }
  };
  for (const entry of entries) {
    for (let line = entry.headerRange.line; line <= entry.range.endLine && line < lines.length; line++) {
      visit(lines[line]);
    }
  }
  return [...found.values()];
}
