/**
 * The shapes of a parsed message book (a `.rimessages` file, FORMAT.md): its entries, file variables,
 * host placeholders and diagnostics. Plain data, so the host can keep a parse per document version and
 * the CodeLens, diagnostics and Send commands all read the same one.
 *
 * Positions are 0-based lines and UTF-16 columns (as in a VS Code `Position`); `endCol` is exclusive.
 */

/** A stretch of one line. */
export interface TextRange {
  line: number;
  startCol: number;
  endCol: number;
}

/** Whole lines, both ends included. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A problem in the file, pointing at the exact place, in plain words. */
export interface BookDiagnostic {
  range: TextRange;
  severity: DiagnosticSeverity;
  message: string;
}

/** The word on an entry's kind line. */
export type EntryKind =
  'text' | 'json' | 'binary' | 'emit' | 'connect' | 'disconnect' | 'eio' | 'ping' | 'close' | 'delay' | 'wait';

/** What a `wait for` entry waits for. */
export type WaitPattern = { type: 'regex'; source: string; flags: string } | { type: 'text'; text: string };

/**
 * What an entry holds, by kind. Texts are kept as written: `{{name}}`, `${env:NAME}` and `${secret:NAME}`
 * are filled in (and `\{{`, `\${` unescaped) only when the entry is turned into a send request.
 */
export type EntryFields =
  /** A text message (the lines below the kind line, or the value on it). */
  | { kind: 'text'; text: string }
  /** A JSON text message, sent as written. */
  | { kind: 'json'; text: string }
  /** A binary message typed as hex or base64 (whitespace and line breaks allowed). */
  | { kind: 'binary'; encoding: 'hex' | 'base64'; data: string }
  /** A binary message read from a file, relative to the book's folder. */
  | { kind: 'binary'; encoding: 'file'; path: string }
  /** Socket.IO: emit `event` on `namespace` with `args` (the JSON text of an array). */
  | { kind: 'emit'; event: string; namespace: string; ack: boolean; args: string }
  /** Socket.IO: join a namespace, with an optional auth object (JSON text). */
  | { kind: 'connect'; namespace: string; auth?: string }
  /** Socket.IO: leave a namespace. */
  | { kind: 'disconnect'; namespace: string }
  /** Engine.IO: a raw message (the text after the `4` of a message packet). */
  | { kind: 'eio'; text: string }
  /** WebSocket: a ping control frame with an optional payload. */
  | { kind: 'ping'; text?: string }
  /** A close frame (WebSocket) or the end of the session (Engine.IO, Socket.IO). */
  | { kind: 'close'; code?: number; reason?: string }
  /** A pause in a sequence. */
  | { kind: 'delay'; ms: number }
  /** A pause until an incoming message matches, or a failure after `timeoutMs`. */
  | { kind: 'wait'; pattern: WaitPattern; timeoutMs: number };

/** One entry of the book: a message to send, a delay, or a wait. */
export interface BookEntry {
  /** Position among the book's entries, from 0. */
  index: number;
  /** The kind named on its kind line; absent when that word is not a kind. */
  kind?: EntryKind;
  /** The text after `###`, trimmed; absent when empty. */
  title?: string;
  /** From its `###` line (or its first line) to its last line. */
  range: LineRange;
  /** Its kind line, where the CodeLens goes. */
  headerRange: TextRange;
  /** The line of its `###`; absent for an entry before the first separator. */
  separatorLine?: number;
  /** Whether it can be sent (or run): no error diagnostic points into it. */
  valid: boolean;
  /** Present exactly when `valid`. */
  fields?: EntryFields;
}

/** A file variable: `@name = value`. */
export interface BookVariable {
  name: string;
  /** As written (trimmed): may hold `{{other}}`, `${env:NAME}`, `${secret:NAME}`. */
  value: string;
  /** The name, for go-to-definition and hovers. */
  nameRange: TextRange;
}

/** A value the host resolves: an environment variable or a secret from SecretStorage. */
export interface HostPlaceholder {
  source: 'env' | 'secret';
  name: string;
}

/** A parsed book. */
export interface MessageBook {
  entries: BookEntry[];
  /** In file order; a name defined twice keeps its last definition (with a warning). */
  variables: BookVariable[];
  /** Every distinct `${env:…}` and `${secret:…}` the file uses, in order of first use. */
  hostPlaceholders: HostPlaceholder[];
  diagnostics: BookDiagnostic[];
}

/** Kinds that send something (delay and wait only pace a sequence). */
export function isMessageKind(kind: EntryKind): boolean {
  return kind !== 'delay' && kind !== 'wait';
}
