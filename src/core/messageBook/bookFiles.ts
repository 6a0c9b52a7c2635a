/**
 * Reading the file of a `binary file <path>` entry, through the host's file system (injected): the path is
 * relative to the book's folder and must stay inside the allowed root (a book from a cloned repository
 * must not send ~/.ssh/id_rsa to a server), and the file may hold at most MAX_BOOK_FILE_BYTES.
 */
import * as path from 'node:path';
import type { ErrorMeta } from '../events/logEvent';
import { MAX_BOOK_FILE_BYTES } from './bookLimits';
import { BookErrorCode, bookError } from './bookErrors';

/** The host's way to files, for `binary file` entries. */
export interface BookFiles {
  /** The folder of the book: relative paths start here. */
  folder: string;
  /** Files must lie inside this folder (default: `folder`); the host may pass the workspace folder. */
  root?: string;
  /** Reads a whole file (an absolute path). */
  readFile(absolutePath: string): Promise<Uint8Array>;
  /** The size of a file in bytes, when the host can tell without reading it. */
  fileSize?(absolutePath: string): Promise<number>;
}

export type BookFileRead = { ok: true; bytes: Uint8Array } | { ok: false; error: ErrorMeta };

const LIMIT_MIB = MAX_BOOK_FILE_BYTES / (1024 * 1024);

/**
 * Reads the file at `filled` (the path with its variables filled in); messages show it as `written` in the
 * book (a value filled in is never quoted in an error). Never rejects.
 */
export async function readBookFile(
  filled: string,
  files: BookFiles | undefined,
  written = filled,
): Promise<BookFileRead> {
  if (!files) return fail(`"${written}" cannot be read here: this editor gave no access to files.`);
  const absolute = path.resolve(files.folder, filled);
  const root = path.resolve(files.root ?? files.folder);
  const relative = path.relative(root, absolute);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return fail(
      `"${written}" is outside ${files.root === undefined ? "the book's folder" : 'the workspace folder'}.`,
      'Copy the file next to the book (or into a folder below it) and name it by a relative path.',
    );
  }
  try {
    if (files.fileSize && (await files.fileSize(absolute)) > MAX_BOOK_FILE_BYTES) return tooLarge(written);
    const bytes = await files.readFile(absolute);
    return bytes.length > MAX_BOOK_FILE_BYTES ? tooLarge(written) : { ok: true, bytes };
  } catch (error) {
    return fail(readFailure(written, error));
  }
}

function tooLarge(written: string): BookFileRead {
  return fail(`"${written}" is larger than ${LIMIT_MIB} MiB, the most a binary file entry sends.`);
}

function readFailure(written: string, error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT' || code === 'FileNotFound') return `"${written}" was not found (relative to the book).`;
  if (code === 'EISDIR' || code === 'FileIsADirectory') return `"${written}" is a folder, not a file.`;
  if (code === 'EACCES' || code === 'NoPermissions') return `"${written}" cannot be read: permission denied.`;
  return `"${written}" could not be read${typeof code === 'string' ? ` (${code})` : ''}.`;
}

function fail(message: string, hint?: string): BookFileRead {
  return { ok: false, error: bookError(BookErrorCode.File, message, hint) };
}
