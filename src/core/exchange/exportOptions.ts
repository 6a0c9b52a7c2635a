/**
 * What every export takes and gives back: sanitized by default (the session's Redactor on every string that
 * leaves), progress, cancellation; an outcome instead of a throw.
 */
import type { ConnectionOptions } from '../connection/connectionOptions';
import type { EventLog } from '../events/eventLog';
import { createRedactor, NO_REDACTION, type CredentialSources, type Redactor } from '../redaction/secretRedactor';
import type { SessionInfo } from '../session/session';
import { ExchangeError, ExchangeErrorCode } from './exchangeErrors';

/** What is exported: a session (a live one, an imported one) or anything with its info and its log. */
export interface ExportSource {
  readonly info: Readonly<SessionInfo>;
  readonly log: EventLog;
  /** The session's options: what the default redactor learns its secrets from. */
  readonly options?: ConnectionOptions;
}

/** How far an export is: events read of the session's events (`total` fixed when the export starts). */
export interface ExportProgress {
  events: number;
  total: number;
  /** Characters handed to the sink so far. */
  written: number;
}

export interface ExportOptions {
  /**
   * Mask credentials (default true): headers such as Authorization and Cookie, secret query parameters, URL
   * passwords, and every value the redactor knows in every form, payloads included. `false` exports the log
   * as it is: the host asks the user first and warns.
   */
  sanitize?: boolean;
  /** The session's redactor (the host's `redactorFor(session)`); default: one built from `source.options`. */
  redactor?: Redactor;
  /** Called after each page of events (and once at the end). */
  onProgress?(progress: ExportProgress): void;
  /** Cancels the export: it resolves with `RI_EXPORT_CANCELLED`; the caller discards what was written. */
  signal?: AbortSignal;
  /** Events read per page (default 512). */
  pageSize?: number;
}

export type ExportOutcome =
  { ok: true; events: number; written: number } | { ok: false; error: ExchangeError; cancelled: boolean };

/** The redactor an export applies: none when unsanitized, else the given one or one from the options. */
export function exportRedactor(source: ExportSource, options: ExportOptions): Redactor {
  if (options.sanitize === false) return NO_REDACTION;
  if (options.redactor) return options.redactor;
  return createRedactor((source.options ?? { url: source.info.url }) as CredentialSources);
}

/** The outcome of an export that threw: cancellation and write failures as they are, anything else internal. */
export function failedExport(error: unknown): ExportOutcome {
  if (error instanceof ExchangeError)
    return { ok: false, error, cancelled: error.code === ExchangeErrorCode.ExportCancelled };
  const message = `The export failed: ${error instanceof Error ? error.message : String(error)}`;
  return { ok: false, error: new ExchangeError(ExchangeErrorCode.ExportWriteFailed, message), cancelled: false };
}
