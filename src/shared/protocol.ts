/**
 * The typed message protocol between the host (extension) and the panel's webview.
 * One discriminated union per direction; `type` strings are `noun/verb`.
 * The host validates every message from the webview with `parseWebviewMessage` (src/host/panel/webviewMessages.ts):
 * the webview renders hostile data and must never make the host do more than this protocol offers.
 */
import type { EventDetailsDto, EventQuery, EventRowDto, SessionInfoDto } from './dto';

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
/** Rows per page the webview asks for (issue #9): its cache holds a few of these, never the log. */
export const PAGE_ROWS = 200;
/**
 * Most of the newest rows one `events/appended` batch carries while the webview follows the tail: a tall screenful
 * and a margin. Under a flood each batch has thousands of new events; projecting and sending them all cost the
 * extension host time the webview never shows (rows further up come by page when the user scrolls there).
 */
export const TAIL_ROWS = 120;
/** Longest filter text or regular expression the host accepts in a query (core: QUERY_TEXT_MAX_CHARS). */
export const MAX_QUERY_CHARS = 1000;
/** Most folded rows (`collapsed`) one view may name. */
export const MAX_COLLAPSED_ROWS = 1000;
/** Most events one `events/replayRange` may span (the host reads them all to pick the messages out). */
export const MAX_REPLAY_RANGE_EVENTS = 100_000;

/**
 * What the table shows (issue #9): the events the query matches, less the children of folded rows.
 * The host runs it over the whole log; the webview only ever holds pages of the result.
 */
export interface ViewSpecDto {
  query: EventQuery;
  /** Seqs of rows whose children (and their children) are folded away. */
  collapsed: number[];
}

/**
 * Where a view stands. Each row of a view has a position that never changes while the view lives
 * (unfiltered: seq − 1; filtered: its rank among the matches), so a page stays valid when the log
 * lets its oldest events go: rows [start, end) are the ones still there.
 */
export interface ViewRangeDto {
  /** The view this is about; bumped by every `events/query` and `webview/ready`. */
  view: number;
  /** Position of the first row still in the log. */
  start: number;
  /** One past the position of the last row: the view shows end − start rows. */
  end: number;
  /** False while the host is still scanning the log for matches (the count is then "N+ so far"). */
  complete: boolean;
  /** Events appended to the log so far, and the oldest of them let go (seq 1 … dropped). */
  logTotal: number;
  dropped: number;
}

/** Why `events/locate` found no position for a seq in the view. */
export interface HiddenByDto {
  /** Folded rows that hide it (unfold them to show it). */
  folds: number[];
  /** The query does not match it (clear the filter to show it). */
  query: boolean;
  /** The log no longer has it (or never had it). */
  gone: boolean;
}

// ---- host → webview -------------------------------------------------------------------------

export type HostToWebview =
  /**
   * Full state after `webview/ready` (first load, reload, or becoming visible again): the header, the
   * view the ready message asked for, and its newest rows (`rows` start at position `rowsFrom`).
   */
  | { type: 'session/snapshot'; session: SessionInfoDto; range: ViewRangeDto; rows: EventRowDto[]; rowsFrom: number }
  /** Session header changed (state, counters, rates, negotiated values). */
  | { type: 'session/changed'; session: SessionInfoDto }
  /**
   * The view grew, lost its oldest rows, or its scan moved on: at most one per APPEND_FLUSH_MS. `rows`
   * (from position `rowsFrom`) are the view's newest rows, sent only while the webview follows the tail
   * (`view/follow`); otherwise only the range, and the webview asks for the pages it shows.
   */
  | { type: 'events/appended'; range: ViewRangeDto; rows?: EventRowDto[]; rowsFrom?: number }
  /** Reply to `events/getPage`: rows from position `from` (fewer at the end; none for another view). */
  | { type: 'events/page'; requestId: number; range: ViewRangeDto; from: number; rows: EventRowDto[] }
  /** Reply to `events/locate`: the seq's position in the view, or -1 and why it is not there. */
  | {
      type: 'events/located';
      requestId: number;
      range: ViewRangeDto;
      seq: number;
      position: number;
      hiddenBy?: HiddenByDto;
    }
  /** Reply to `events/query`: the new view has started (its scan may still be running). */
  | { type: 'events/queryStarted'; requestId: number; range: ViewRangeDto }
  /** The scan of a view stopped on an error (RI_QUERY_TOO_SLOW, …): shown where the filter is. */
  | { type: 'events/queryFailed'; view: number; error: RequestErrorDto }
  /** Reply to `events/getDetails`. */
  | { type: 'events/details'; requestId: number; details: EventDetailsDto | null }
  /** Reply to `events/openPayload`: the editor opened, or why not in plain words (the event is gone…). */
  | { type: 'payload/opened'; requestId: number; ok: boolean; error?: string }
  /**
   * Reply to `composer/send` or `events/replay`: ok with the new event's seq, or the refusal in plain
   * words (`error`) with its stable code and what to do about it.
   */
  | { type: 'send/result'; requestId: number; ok: boolean; error?: string; code?: string; hint?: string; seq?: number }
  /**
   * Reply to any request the host could not handle (invalid fields, a bad regular expression, an
   * internal error): the webview settles the request at once instead of waiting out its timeout.
   */
  | { type: 'request/failed'; requestId: number; error: RequestErrorDto }
  /** The host asks the composer to focus (after `Send Message…` with an open panel). */
  | { type: 'composer/focus' }
  /**
   * Reply to `events/editAndSend`, `events/saveToBook` and `events/replayRange`: started (the rest happens in
   * VS Code's own prompts and notifications) with what to tell the user, or refused with why, in plain words.
   */
  | { type: 'action/result'; requestId: number; ok: boolean; message: string };

// ---- webview → host -------------------------------------------------------------------------

export type WebviewToHost =
  /**
   * The webview (re)loaded and wants a snapshot; `spec` and `following` restore the view it had (its
   * saved state), so the first rows it gets are already the right ones.
   */
  | { type: 'webview/ready'; spec?: ViewSpecDto; following?: boolean }
  /** Rows of view `view` at positions [from, from + limit) (limit ≤ MAX_ROWS_PER_MESSAGE). */
  | { type: 'events/getPage'; requestId: number; view: number; from: number; limit: number }
  /** The position of `seq` in view `view` (to select it, or to restore a scroll anchor). */
  | { type: 'events/locate'; requestId: number; view: number; seq: number }
  /** Show this query and these folds instead: starts a new view. */
  | { type: 'events/query'; requestId: number; spec: ViewSpecDto }
  /** The webview follows the tail (newest rows pushed with each batch) or not (counts only). */
  | { type: 'view/follow'; following: boolean }
  /** Details for one row; `reveal` asks for them without masking credentials (the user clicked "Show secrets"). */
  | { type: 'events/getDetails'; requestId: number; seq: number; reveal?: boolean }
  /** Open the whole stored payload of `seq` in a read-only editor, masked as in the pane (issue #9). */
  | { type: 'events/openPayload'; requestId: number; seq: number }
  /** Send a message on this panel's session. */
  | { type: 'composer/send'; requestId: number; request: SendRequest }
  /** Send an earlier outgoing message again. */
  | { type: 'events/replay'; requestId: number; seq: number }
  /** Open the outgoing message `seq` as a message-book entry in a new editor, with a CodeLens to send it. */
  | { type: 'events/editAndSend'; requestId: number; seq: number }
  /** Append the outgoing message `seq` to a message book the user picks or creates. */
  | { type: 'events/saveToBook'; requestId: number; seq: number }
  /**
   * Replay the outgoing data messages of events #from…#to (from ≤ to, at most MAX_REPLAY_RANGE_EVENTS apart)
   * with their original timing; the host asks for the speed.
   */
  | { type: 'events/replayRange'; requestId: number; from: number; to: number }
  /** Close the session (normal closure). */
  | { type: 'session/disconnect' }
  /** Open a new session with the same options. */
  | { type: 'session/reconnect' }
  /** A session with a reconnect policy (issue 12), while it waits: start the booked attempt now. */
  | { type: 'session/retryNow' }
  /** A session with a reconnect policy (issue 12): no more attempts; the session stays closed. */
  | { type: 'session/cancelReconnect' }
  /** Export this panel's session (issue 10): the host asks for the format, the sanitizing and the file. */
  | { type: 'session/export' };

export type WebviewMessageType = WebviewToHost['type'];
