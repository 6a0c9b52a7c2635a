/**
 * The optional argument of the export and import commands, for tests and automation: export takes
 * `{ sessionId, target, sanitize }` (each field skips its prompt; with a `target` and no `sanitize` the export is
 * sanitized), import takes `{ file }`. Checked field by field; a wrong one is refused with its name, never with
 * its value. Pure (no vscode).
 */
import * as path from 'node:path';

export interface ExportArgs {
  /** The session to export (else the active panel's, the only one, or the user's pick). */
  sessionId?: string;
  /** The absolute path of the file to write (else the save dialog). */
  target?: string;
  /** Mask credentials (else the user is asked; default true when `target` is given). */
  sanitize?: boolean;
}

export interface ImportArgs {
  /** The absolute path of the file to read (else the open dialog). */
  file?: string;
}

export type ArgsResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Longest session id accepted (ids are short: `ws-3`, `imported-2`). */
const MAX_ID_CHARS = 200;
/** Longest path accepted. */
const MAX_PATH_CHARS = 4096;

/** The export command's argument: nothing, a session id, or `{ sessionId?, target?, sanitize? }`. */
export function parseExportArgs(arg: unknown): ArgsResult<ExportArgs> {
  if (arg === undefined || arg === null) return { ok: true, value: {} };
  if (typeof arg === 'string') return checkId(arg) ? { ok: true, value: { sessionId: arg } } : badId();
  const record = plainRecord(arg, ['sessionId', 'target', 'sanitize']);
  if (typeof record === 'string') return { ok: false, reason: record };
  const value: ExportArgs = {};
  if (record.sessionId !== undefined) {
    if (!checkId(record.sessionId)) return badId();
    value.sessionId = record.sessionId;
  }
  if (record.target !== undefined) {
    if (!isAbsolutePath(record.target)) return badPath('target');
    value.target = record.target;
  }
  if (record.sanitize !== undefined) {
    if (typeof record.sanitize !== 'boolean') return { ok: false, reason: '"sanitize" must be true or false.' };
    value.sanitize = record.sanitize;
  }
  return { ok: true, value };
}

/** The import command's argument: nothing, a path, or `{ file? }`. */
export function parseImportArgs(arg: unknown): ArgsResult<ImportArgs> {
  if (arg === undefined || arg === null) return { ok: true, value: {} };
  if (typeof arg === 'string') return isAbsolutePath(arg) ? { ok: true, value: { file: arg } } : badPath('file');
  const record = plainRecord(arg, ['file']);
  if (typeof record === 'string') return { ok: false, reason: record };
  if (record.file === undefined) return { ok: true, value: {} };
  return isAbsolutePath(record.file) ? { ok: true, value: { file: record.file } } : badPath('file');
}

/** The argument as a record of known keys, or why it is not one. */
function plainRecord(arg: unknown, keys: readonly string[]): Record<string, unknown> | string {
  if (typeof arg !== 'object' || Array.isArray(arg)) return 'The argument must be an object.';
  const record = arg as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !keys.includes(key));
  if (unknown.length > 0) return `The argument takes only ${keys.map((k) => `"${k}"`).join(', ')}.`;
  return record;
}

function checkId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_ID_CHARS;
}

function isAbsolutePath(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PATH_CHARS && !value.includes('\0') && path.isAbsolute(value);
}

function badId<T>(): ArgsResult<T> {
  return { ok: false, reason: `"sessionId" must be a session id (1 to ${MAX_ID_CHARS} characters).` };
}

function badPath<T>(field: string): ArgsResult<T> {
  return { ok: false, reason: `"${field}" must be an absolute file path.` };
}
