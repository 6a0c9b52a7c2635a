/**
 * The line-level grammar of a message book: how a line is split off, and whether it is a separator
 * (`###`), blank, a comment (`#`, `//`), a file variable (`@name = value`) or something else (a kind line
 * or a body line). Linear in the line's length, whatever it holds.
 */

/** Splits on CR LF, CR and LF, as an editor does; a byte order mark at the start is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0].charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  return lines;
}

/** A separator starts at column 0 with three `#`. */
export function isSeparator(line: string): boolean {
  return line.startsWith('###');
}

/** The title of a separator line: what follows the `#`s, trimmed; undefined when empty. */
export function separatorTitle(line: string): string | undefined {
  let i = 0;
  while (line.charCodeAt(i) === 0x23 /* # */) i++;
  const title = line.slice(i).trim();
  return title === '' ? undefined : title;
}

/** Index of the first character that is not a space or a tab (the line's length when there is none). */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** Only whitespace (of any kind). */
export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** `# …` or `// …` after optional indentation (a `###` at column 0 is a separator, checked first). */
export function isComment(line: string): boolean {
  const i = indentOf(line);
  return line.charCodeAt(i) === 0x23 || line.startsWith('//', i);
}

/** Names of file variables and of `{{…}}` references. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A `@…` line: a variable, or a malformed one with the column of the problem. */
export type VariableLine =
  | { ok: true; name: string; nameCol: number; value: string; valueCol: number }
  | { ok: false; col: number; endCol: number; message: string };

/** Whether the line is a `@…` line (a variable definition, well formed or not). */
export function isVariableLine(line: string): boolean {
  return line.charCodeAt(indentOf(line)) === 0x40; /* @ */
}

/** Reads `@name = value`: the value is the rest of the line, trimmed. */
export function parseVariableLine(line: string): VariableLine {
  const at = indentOf(line);
  const eq = line.indexOf('=', at);
  const nameEnd = eq < 0 ? line.length : eq;
  const rawName = line.slice(at + 1, nameEnd);
  const name = rawName.trim();
  const nameCol = at + 1 + (rawName.length - rawName.trimStart().length);
  if (name === '') {
    return { ok: false, col: at, endCol: nameEnd, message: 'A variable needs a name: write @name = value.' };
  }
  if (eq < 0) {
    return { ok: false, col: at, endCol: line.length, message: 'A variable is written @name = value.' };
  }
  if (!VARIABLE_NAME.test(name)) {
    const message =
      `"${shorten(name)}" is not a variable name: use letters, digits, "_" and "-", starting with a letter ` +
      'or "_".';
    return { ok: false, col: nameCol, endCol: nameCol + name.length, message };
  }
  const rawValue = line.slice(eq + 1);
  const value = rawValue.trim();
  const valueCol = eq + 1 + (rawValue.length - rawValue.trimStart().length);
  return { ok: true, name, nameCol, value, valueCol };
}

/** At most 40 characters of user text, for a message. */
export function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
