/**
 * Parses a message book (`.rimessages`). Pure, never throws, linear in the size of the file: a 10 MB file
 * or a 1 MB line parses in one pass (no regular expression here can backtrack), and at most
 * MAX_BOOK_ENTRIES entries and MAX_BOOK_DIAGNOSTICS diagnostics are kept.
 *
 * Grammar (one line at a time; FORMAT.md says the same for users):
 *
 *   book       = preamble block*
 *   preamble   = (blank | comment | variable)* [entry]            -- before the first separator
 *   block      = separator (blank | comment | variable)* [entry]  -- a block without a kind line is no entry
 *   separator  = "###" title                                       -- at column 0; title = the rest, trimmed
 *   comment    = ws* ("#" | "//") any*                             -- only outside bodies
 *   variable   = ws* "@" name ws* "=" ws* value                    -- name = [A-Za-z_][A-Za-z0-9_-]*
 *   entry      = kind-line body
 *   kind-line  = ws* kind args
 *     text [value]                    eio [value]
 *     json [json]                     binary hex [hex] | binary base64 [base64] | binary file <path>
 *     emit <event> [ack] [in /ns]     connect [/ns] [auth-json]       disconnect [/ns]
 *     ping [value]                    close [code [value]]
 *     delay <duration>                wait for (/regex/flags | "text") [timeout <duration>]
 *   value      = a JSON string literal ("…", decoded) when it is the whole rest of the line, else the rest
 *                of the line as written (trailing whitespace dropped)
 *   duration   = digits ["." digits] ("ms" | "s")
 *   body       = every line after the kind line up to the next separator, without the blank lines at its
 *                start and end, each line kept exactly as written (indentation included), joined by "\n".
 *                Kinds that take a body: text and eio (when no value is on the kind line), json, binary
 *                hex/base64, emit (one JSON array, or one JSON value per line), connect (a JSON object).
 *                After other kind lines only blank lines, comments and variables may follow.
 *   placeholders (in values, bodies, event names, paths and wait texts; not in a wait /regex/):
 *                {{name}}  ${env:NAME}  ${secret:NAME}    and the escapes  \{{  \${  for a literal {{ or ${
 */
import { DiagnosticSink } from './bookDiagnostics';
import { MAX_BOOK_ENTRIES } from './bookLimits';
import { indentOf, isBlank, isComment, isSeparator, isVariableLine, separatorTitle, splitLines } from './bookLines';
import type { BookEntry, HostPlaceholder, MessageBook } from './bookTypes';
import { VariableTable, type VariableReference } from './bookVariables';
import type { EntryContext, ParsedHeader } from './entryContext';
import { finishBody, type BodyLine } from './entryBodies';
import { parseHeader } from './entryHeaders';
import { scanPlaceholders } from './placeholders';

/** Parses the text of a message book. */
export function parseMessageBook(text: string): MessageBook {
  try {
    return new BookParser(splitLines(text)).parse();
  } catch (error) {
    // Never expected; a book must never take its editor features down with it.
    const message = `The book could not be read (${String(error)}). Please report this.`;
    const diagnostics = [{ range: { line: 0, startCol: 0, endCol: 0 }, severity: 'error' as const, message }];
    return { entries: [], variables: [], hostPlaceholders: [], diagnostics };
  }
}

/** The lines of one block: from its separator (or the file's start) to before the next one. */
interface Block {
  startLine: number;
  separatorLine?: number;
  title?: string;
  header?: number;
}

class BookParser implements EntryContext {
  readonly sink = new DiagnosticSink();
  private readonly entries: BookEntry[] = [];
  private readonly variables = new VariableTable(this.sink);
  private readonly entryRefs: VariableReference[] = [];
  private readonly host = new Map<string, HostPlaceholder>();
  /** The entry being parsed (its index): the placeholders of its texts are recorded against it. */
  private current: number | undefined;
  private full = false;

  constructor(private readonly lines: readonly string[]) {}

  parse(): MessageBook {
    let block: Block = { startLine: 0 };
    for (let i = 0; i < this.lines.length && !this.full; i++) {
      const line = this.lines[i];
      if (isSeparator(line)) {
        this.closeBlock(block, i - 1);
        block = { startLine: i, separatorLine: i, title: separatorTitle(line) };
      } else if (block.header === undefined && !isBlank(line) && !isComment(line)) {
        if (isVariableLine(line)) this.defineVariable(i);
        else block.header = i;
      }
    }
    if (!this.full) this.closeBlock(block, this.lines.length - 1);
    this.variables.checkReferences(this.entryRefs, this.entries);
    return {
      entries: this.entries,
      variables: this.variables.list(),
      hostPlaceholders: [...this.host.values()],
      diagnostics: this.sink.finish(),
    };
  }

  /** Records the placeholders of a piece of text (EntryContext). */
  templates(line: number, col: number, text: string): void {
    for (const ref of this.scan(line, col, text)) this.entryRefs.push({ ...ref, entry: this.current });
  }

  private scan(line: number, col: number, text: string): VariableReference[] {
    const refs: VariableReference[] = [];
    for (const token of scanPlaceholders(text)) {
      if (token.type === 'escape') continue;
      if (token.type !== 'variable') {
        const key = `${token.type}:${token.name}`;
        if (!this.host.has(key)) this.host.set(key, { source: token.type, name: token.name });
        continue;
      }
      refs.push({ name: token.name, range: { line, startCol: col + token.start, endCol: col + token.end } });
    }
    return refs;
  }

  private defineVariable(lineNo: number): void {
    this.variables.define(this.lines[lineNo], lineNo, (col, value) => this.scan(lineNo, col, value));
  }

  private closeBlock(block: Block, lastLine: number): void {
    const headerLine = block.header;
    if (headerLine === undefined) return;
    if (this.entries.length >= MAX_BOOK_ENTRIES) {
      const message = `A book holds at most ${MAX_BOOK_ENTRIES} entries: this one and the rest are ignored.`;
      this.sink.error(headerLine, 0, this.lines[headerLine].length, message);
      this.full = true;
      return;
    }
    this.current = this.entries.length;
    this.sink.startEntry();
    const line = this.lines[headerLine];
    const header = parseHeader(line, headerLine, this);
    const fields = this.readBody(header, headerLine, lastLine);
    const valid = !this.sink.entryHasErrors && fields !== undefined;
    this.entries.push({
      index: this.entries.length,
      ...(header.kind && { kind: header.kind }),
      ...(block.title !== undefined && { title: block.title }),
      range: { startLine: block.separatorLine ?? headerLine, endLine: this.lastNonBlank(headerLine, lastLine) },
      headerRange: { line: headerLine, startCol: indentOf(line), endCol: line.trimEnd().length },
      ...(block.separatorLine !== undefined && { separatorLine: block.separatorLine }),
      valid,
      ...(valid && { fields }),
    });
    this.current = undefined;
  }

  /** The fields, completed from the body when the kind takes one. */
  private readBody(header: ParsedHeader, headerLine: number, lastLine: number) {
    if (header.body === 'none' || header.inline !== undefined) {
      this.checkNothingBelow(header, headerLine, lastLine);
      if (header.body === 'none') return header.fields;
      const text = this.lines[headerLine].slice(header.inline).trimEnd();
      return finishBody(
        header.body,
        header.fields,
        [{ line: headerLine, col: header.inline!, text }],
        headerLine,
        this,
      );
    }
    let first = headerLine + 1;
    let last = lastLine;
    while (first <= last && isBlank(this.lines[first])) first++;
    while (last >= first && isBlank(this.lines[last])) last--;
    const body: BodyLine[] = [];
    for (let i = first; i <= last; i++) body.push({ line: i, col: 0, text: this.lines[i] });
    return finishBody(header.body, header.fields, body, headerLine, this);
  }

  /** After a kind line that takes no body: blank lines, comments and variables only. */
  private checkNothingBelow(header: ParsedHeader, headerLine: number, lastLine: number): void {
    // Below an unknown kind word the lines are its body, most likely: one diagnostic (on the word) is enough.
    let reported = header.kind === undefined;
    for (let i = headerLine + 1; i <= lastLine; i++) {
      const line = this.lines[i];
      if (isBlank(line) || isComment(line)) continue;
      if (isVariableLine(line)) {
        this.sink.outsideEntry(() => this.defineVariable(i));
      } else if (!reported) {
        reported = true;
        this.sink.error(i, 0, line.length, nothingBelowMessage(header));
      }
    }
  }

  private lastNonBlank(from: number, to: number): number {
    let last = to;
    while (last > from && isBlank(this.lines[last])) last--;
    return last;
  }
}

function nothingBelowMessage(header: ParsedHeader): string {
  if (header.inline !== undefined || header.kind === 'text' || header.kind === 'eio') {
    return 'The value is on the kind line already, so these lines would not be sent. Start a new entry with ###.';
  }
  return `"${header.kind}" takes nothing below its line: start a new entry with ###, or make this line a # comment.`;
}
