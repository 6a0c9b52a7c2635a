/**
 * The typed message protocol between the host (extension) and the panel's webview.
 * One discriminated union per direction; `type` strings are `noun/verb`.
 * The host validates every message from the webview with `parseWebviewMessage` (src/host/panel/webviewMessages.ts):
 * the webview renders hostile data and must never make the host do more than this protocol offers.
 */
import type { EventDetailsDto, EventRowDto, SessionInfoDto } from './dto';

/** Why a request failed: a stable code (`RI_…`), one line in plain words, and what to do. */
export interface RequestErrorDto {
  code: string;
  message: string;
  hint?: string;
}
import type { SendRequest } from './sendRequest';

/** Most rows the host puts into one `events/appended` batch or page. */
export const MAX_ROWS_PER_MESSAGE = 500;
/** The host flushes appended rows at most this often (ms): never one message per frame. */
export const APPEND_FLUSH_MS = 50;

// ---- host → webview -------------------------------------------------------------------------

export type HostToWebview =
  /** Full state after `webview/ready` (first load, reload, or becoming visible again). */
  | { type: 'session/snapshot'; session: SessionInfoDto; rows: EventRowDto[]; total: number; firstSeq: number }
  /** Session header changed (state, counters, negotiated values). */
  | { type: 'session/changed'; session: SessionInfoDto }
  /** New rows since the last batch, in seq order. `total` is the log's event count. */
  | { type: 'events/appended'; rows: EventRowDto[]; total: number }
  /** Reply to `events/getPage`. */
  | { type: 'events/page'; requestId: number; rows: EventRowDto[]; total: number }
  /** Reply to `events/getDetails`. */
  | { type: 'events/details'; requestId: number; details: EventDetailsDto | null }
  /**
   * Reply to `composer/send` or `events/replay`: ok with the new event's seq, or the refusal in plain
   * words (`error`) with its stable code and what to do about it.
   */
  | { type: 'send/result'; requestId: number; ok: boolean; error?: string; code?: string; hint?: string; seq?: number }
  /**
   * Reply to any request the host could not handle (invalid fields, an internal error): the webview
   * settles the request at once instead of waiting out its timeout.
   */
  | { type: 'request/failed'; requestId: number; error: RequestErrorDto }
  /** The host asks the composer to focus (after `Send Message…` with an open panel). */
  | { type: 'composer/focus' };

// ---- webview → host -------------------------------------------------------------------------

export type WebviewToHost =
  /** The webview (re)loaded and wants a snapshot. */
  | { type: 'webview/ready' }
  /** Rows with seq in [fromSeq, fromSeq + limit). */
  | { type: 'events/getPage'; requestId: number; fromSeq: number; limit: number }
  /** Details for one row; `reveal` asks for them without masking credentials (the user clicked "Show secrets"). */
  | { type: 'events/getDetails'; requestId: number; seq: number; reveal?: boolean }
  /** Send a message on this panel's session. */
  | { type: 'composer/send'; requestId: number; request: SendRequest }
  /** Send an earlier outgoing message again. */
  | { type: 'events/replay'; requestId: number; seq: number }
  /** Close the session (normal closure). */
  | { type: 'session/disconnect' }
  /** Open a new session with the same options. */
  | { type: 'session/reconnect' };

export type WebviewMessageType = WebviewToHost['type'];
