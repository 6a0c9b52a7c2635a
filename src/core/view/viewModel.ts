/**
 * What the panel shows, as plain data: the rows, the details of one event, the session header and the
 * upgrade timeline. Core's projections (eventProjection.ts, sessionProjection.ts) build these; the host
 * sends them; src/shared re-exports them as the webview's DTOs. The webview never sees a LogEvent
 * itself, so the host decides how much of a (possibly huge, possibly hostile) payload crosses over.
 */
import type { ReconnectStatus } from '../reconnect/reconnectStatus';
import type { SendKind } from '../session/sendRequest';
import type { EngineSessionFacts, NamespaceState } from '../session/sessionFacts';

/** The query the panel's filter sends to the host (issue #9). */
export type { EventQuery } from '../query/queryTypes';

/** The namespace as the header shows it. */
export type NamespaceDto = NamespaceState;
export type { EngineSessionFacts };

export type DirectionDto = 'in' | 'out' | 'local';

export type SessionStateDto = 'connecting' | 'open' | 'closing' | 'closed';

/** One row of the frame log table. */
export interface EventRowDto {
  seq: number;
  /** Wall clock, ms since the epoch. */
  time: number;
  /** Ms since the session started (monotonic clock). */
  elapsed: number;
  direction: DirectionDto;
  layer: string;
  type: string;
  /** Payload bytes (full length, even when the stored payload is truncated). */
  size: number;
  /** One line for the table: a status line, a close code, the start of a payload. At most ~200 chars. */
  preview: string;
  /** True for error rows (drawn in the error colour). */
  isError: boolean;
  /** Whether the payload is binary (the preview is then a hex excerpt). */
  binary: boolean;
  parent?: number;
  /** Something wrong that is not an error (reserved name, unexpected namespace, collapsed run): shown on the row. */
  warning?: string;
  /** Nesting depth under its parents (0 or absent: top level), set by the panel's host (issue #9). */
  depth?: number;
  /** True when later events name this one as their `parent` (the row can fold them away). */
  hasChildren?: boolean;
}

/** A header as it went over the wire: order and duplicates kept. */
export type HeaderDto = [name: string, value: string];

/** Everything the details pane shows for one event. */
export interface EventDetailsDto {
  row: EventRowDto;
  /** Short headline, e.g. "101 Switching Protocols" or "1006 abnormal closure". */
  summary?: string;
  /** Key/value facts (status, URL, subprotocol, close code, error code…), in display order. */
  facts: Array<[label: string, value: string]>;
  requestHeaders?: HeaderDto[];
  responseHeaders?: HeaderDto[];
  /** Plain-words explanation for errors and closes. */
  explanation?: string;
  payload?: PayloadViewDto;
  /** Server-Sent Events rows: the block (or line) as it arrived, credentials masked (issue 11). */
  raw?: RawBlockDto;
  /** Whether this event can be sent again as it is (an outgoing message). */
  replayable: boolean;
  /**
   * True when credentials (Authorization, Cookie, a URL password, a token in the query or a subprotocol,
   * a Socket.IO auth payload) were masked in these details: the pane then offers "Show secrets", which
   * asks for this one event again with `reveal` (issue #7). Absent on revealed details.
   */
  redacted?: boolean;
  /** True when these details were asked for with `reveal`: the pane marks them as showing secrets. */
  revealed?: boolean;
}

/** The payload, already rendered in every view the pane offers. */
export interface PayloadViewDto {
  binary: boolean;
  /** Full length on the wire. */
  byteLength: number;
  /** Bytes included in the views below (the rest was truncated in the log or for display). */
  shownBytes: number;
  truncated: boolean;
  sha256?: string;
  /** UTF-8 text (binary payloads: only when they decode as valid UTF-8). */
  text?: string;
  /** Pretty-printed JSON when the text parses as JSON. */
  json?: string;
  /** Hex dump: offset, 16 bytes in hex, ASCII column. */
  hex: string;
}

/**
 * Text as it came off the network, cut into what the details pane draws: runs of text (no CR or LF in them;
 * other invisible characters are the pane's to escape), line ends by kind, and the places where one network read
 * ended and the next began.
 */
export interface RawBlockDto {
  parts: RawPartDto[];
  /** The block went on past what was kept. */
  truncated: boolean;
  /** What is not shown (a cut block, read ends past the ones kept), in words; absent when all is shown. */
  note?: string;
}

export type RawPartDto =
  | { kind: 'text'; text: string }
  /** A line end; `breaks` is false for the CR of a CRLF that a read end splits (the line breaks after its LF). */
  | { kind: 'lineEnd'; ends: 'CRLF' | 'LF' | 'CR'; breaks: boolean }
  | { kind: 'readEnd' };

/** The session header above the log. */
export interface SessionInfoDto extends EngineSessionFacts {
  id: string;
  kind: string;
  /** The kind as a person reads it: "Server-Sent Events", "HTTP long-polling", "Socket.IO"… */
  kindLabel: string;
  url: string;
  state: SessionStateDto;
  /** Negotiated subprotocol, if any. */
  subprotocol?: string;
  /** Negotiated extensions header, if any (e.g. permessage-deflate). */
  extensions?: string;
  /** Wall-clock ms when the session started / opened / closed. */
  startedAt: number;
  openedAt?: number;
  closedAt?: number;
  /** Handshake time (request sent → 101), ms. */
  handshakeMs?: number;
  /** The proxy the connections go through (issue 12), its password masked; absent when direct. */
  via?: string;
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Why it closed, in one line ("1000 normal closure by server", "ECONNREFUSED …"). */
  closeSummary?: string;
  /** Engine.IO / Socket.IO: the steps from the handshake to the upgrade, in order. */
  timeline?: TimelineStepDto[];
  /** What this session can send (core's SEND_KINDS_BY_SESSION): the composer offers these, no others. */
  sendKinds: SendKind[];
  /** Oldest events dropped from memory to stay within the log's limits (count and payload bytes). */
  eventsNotKept?: number;
  /** Events the log keeps on disk rather than in memory, when it reports them. */
  eventsOnDisk?: number;
  /** Messages and bytes per second each way, over the last second (issue #9). */
  rates?: TrafficRatesDto;
  /** A session read from a file (issue 10): a record that cannot send, disconnect or reconnect. */
  offline?: boolean;
  /** Where an offline session was read from, in words: "Imported from Chrome DevTools HAR". */
  importedFrom?: string;
  /** A session with a reconnect policy (issue 12): the countdown, the attempt, why it stopped. */
  reconnect?: ReconnectStatusDto;
}

/**
 * Where reconnecting stands, as the header shows it: the domain type (plain data, our own words) with its times
 * also as durations. The host's wall-clock instants mean little on the webview's machine (VS Code Remote: two
 * clocks that differ), so the panel counts from these, measured on its own clock from when it received them.
 */
export interface ReconnectStatusDto extends ReconnectStatus {
  /** waiting: ms until the next attempt when this DTO was made (the host's `nextAttemptAt` − its now). */
  nextAttemptInMs?: number;
  /** ms the session had been offline when this DTO was made (the host's now − its `offlineSince`). */
  offlineForMs?: number;
}

/** Traffic per second, each direction. */
export interface TrafficRatesDto {
  messagesInPerSec: number;
  messagesOutPerSec: number;
  bytesInPerSec: number;
  bytesOutPerSec: number;
}

/** The steps of an Engine.IO session's start, in the order they happen (`upgrade-failed` ends a failed probe). */
export type TimelineStepName =
  'handshake' | 'open' | 'probe' | 'probe-ok' | 'pause' | 'paused' | 'upgrade' | 'upgraded' | 'upgrade-failed';

/**
 * One step of the handshake → open → probe → pause → upgrade sequence, drawn as one or more arrows
 * between Client and Server (e.g. the probe: the WebSocket handshake request, its 101, then 2probe).
 */
export interface TimelineStepDto {
  step: TimelineStepName;
  /** The event that stands for the step (click → select that row): the request, 2probe, 3probe, the 5… */
  seq: number;
  /** Ms since the session started, of the step's first arrow. */
  elapsed: number;
  /** The arrows of the step, in log order (at least one). */
  arrows: TimelineArrowDto[];
}

/** One arrow of a step: a message client → server, server → client, or a note on the client's side. */
export interface TimelineArrowDto {
  seq: number;
  from: 'client' | 'server' | 'local';
  label: string;
  /** Ms since the session started. */
  elapsed: number;
  /** Ms since the previous arrow of the timeline (absent on the first). */
  delta?: number;
  /** The full note behind a short label, for a tooltip. */
  detail?: string;
  isError?: boolean;
}
