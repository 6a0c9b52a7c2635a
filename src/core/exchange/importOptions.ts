/**
 * What every import takes and gives back: where the events go (a fresh log from the caller's factory, as for a
 * live session), limits, progress, cancellation; a whole session or an error, never half of one.
 */
import type { EventLog } from '../events/eventLog';
import { ExchangeError, ExchangeErrorCode } from './exchangeErrors';
import type { ImportedSession } from './importedSession';

export interface ImportOptions {
  /** Makes the session's log (the host's SpillingEventLog factory); disposed by the importer on failure. */
  logFactory: () => EventLog;
  /**
   * HAR: payloads longer than this are stored truncated, as a live session stores them (default 1 MiB). JSON Lines
   * payloads are kept as the file holds them (they were stored by a live session).
   */
  maxStoredPayloadBytes?: number;
  /** HAR: the largest file read (default 256 MiB). JSON Lines: the longest line (default 64 MiB). */
  maxBytes?: number;
  /** Called now and then with how far the import is (HAR: entries; JSON Lines: lines). */
  onProgress?(progress: { done: number; total?: number }): void;
  signal?: AbortSignal;
}

export type ImportResult =
  { ok: true; session: ImportedSession; warnings: string[] } | { ok: false; error: ExchangeError };

export const DEFAULT_MAX_STORED_PAYLOAD = 1024 * 1024;

/** The result of an import that threw: its error as it is, or an internal one in plain words. */
export function failedImport(error: unknown): ImportResult {
  if (error instanceof ExchangeError) return { ok: false, error };
  const message = `The file could not be imported: ${error instanceof Error ? error.message : String(error)}`;
  return { ok: false, error: new ExchangeError(ExchangeErrorCode.ImportMalformed, message) };
}
