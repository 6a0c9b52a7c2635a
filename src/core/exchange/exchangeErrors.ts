/**
 * The errors of export and import (issue 10), each with a stable `RI_…` code and, for a file that could not be
 * read, where it broke: the byte position with its line and column (JSON), the line (JSON Lines), or the entry
 * (`log.entries[3]` of a HAR). The host shows the message as it is; it never needs the stack.
 */

/** Stable codes (kept here beside the exchange code; core/errors.ts may take them over). */
export const ExchangeErrorCode = {
  /** The export was cancelled; whatever was written is not a complete file. */
  ExportCancelled: 'RI_EXPORT_CANCELLED',
  /** The sink (a file) refused a write: disk full, permissions, a closed handle. */
  ExportWriteFailed: 'RI_EXPORT_WRITE_FAILED',
  /** The file is not what it says: bad JSON, a missing field, a value of the wrong type. */
  ImportMalformed: 'RI_IMPORT_MALFORMED',
  /** The file is well-formed but of a format or version this importer does not read. */
  ImportUnsupported: 'RI_IMPORT_UNSUPPORTED',
  /** The file is larger than the importer reads (named in the message). */
  ImportTooLarge: 'RI_IMPORT_TOO_LARGE',
  /** The file ends before its end marker: it was cut short. */
  ImportIncomplete: 'RI_IMPORT_INCOMPLETE',
  /** The file could not be opened or read (missing, a folder, no permission). */
  ImportUnreadable: 'RI_IMPORT_UNREADABLE',
  /** The import was cancelled; no session was made. */
  ImportCancelled: 'RI_IMPORT_CANCELLED',
  /** The file holds nothing that makes a session (no entries, no events). */
  ImportEmpty: 'RI_IMPORT_EMPTY',
} as const;

export type ExchangeErrorCodeValue = (typeof ExchangeErrorCode)[keyof typeof ExchangeErrorCode];

/** Where in a file a problem is: any of these that are known. */
export interface FileLocation {
  /** Character offset in the text (JSON). */
  position?: number;
  /** 1-based line and column. */
  line?: number;
  column?: number;
  /** 0-based index in `log.entries` (HAR). */
  entry?: number;
}

/** An export or import failure: a code, one line of plain words, and where in the file when known. */
export class ExchangeError extends Error {
  constructor(
    readonly code: ExchangeErrorCodeValue,
    message: string,
    readonly where?: FileLocation,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

/** The error of a cancelled export. */
export function exportCancelled(): ExchangeError {
  return new ExchangeError(ExchangeErrorCode.ExportCancelled, 'The export was cancelled; the file is incomplete.');
}

/** A sink write that failed, in plain words, with the system's code when there is one. */
export function writeFailed(cause: unknown): ExchangeError {
  const error = cause as { code?: unknown; message?: unknown };
  const code = typeof error?.code === 'string' ? ` (${error.code})` : '';
  const why = typeof error?.message === 'string' ? error.message : String(cause);
  return new ExchangeError(ExchangeErrorCode.ExportWriteFailed, `The export could not be written${code}: ${why}`);
}

/** Throws the cancellation error when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined, error: () => ExchangeError): void {
  if (signal?.aborted) throw error();
}

/** A malformed file at a place in it. */
export function malformed(message: string, where?: FileLocation): ExchangeError {
  return new ExchangeError(ExchangeErrorCode.ImportMalformed, message, where);
}

/** `entries[3]`-style location text for a HAR entry. */
export function entryPlace(index: number): string {
  return `log.entries[${index}]`;
}
