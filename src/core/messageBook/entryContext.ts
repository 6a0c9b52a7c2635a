/**
 * What the parsers of one entry's kind line and body share: the diagnostics, and the hook that records the
 * placeholders of a piece of text (checked against the file's variables once the whole file is read).
 */
import type { DiagnosticSink } from './bookDiagnostics';
import type { EntryFields, EntryKind } from './bookTypes';

export interface EntryContext {
  readonly sink: DiagnosticSink;
  /** Records the placeholders in `text`, whose first character is at (line, col). */
  templates(line: number, col: number, text: string): void;
}

/** What the lines below a kind line hold. */
export type BodyRole = 'none' | 'text' | 'json' | 'hex' | 'base64' | 'args' | 'auth';

/** A kind line, read. */
export interface ParsedHeader {
  kind?: EntryKind;
  /** The fields as far as the kind line decides them (the body fills in the rest). */
  fields?: EntryFields;
  body: BodyRole;
  /**
   * The column where the body's value starts on the kind line itself (`json {"a": 1}`, `binary hex 01 02`):
   * then that rest of the line is the body, and the lines below must be empty.
   */
  inline?: number;
}

/** A kind line whose kind word is known but whose arguments are wrong (the diagnostic is reported). */
export function headerOnly(kind: EntryKind, fields?: EntryFields): ParsedHeader {
  return { kind, fields, body: 'none' };
}
