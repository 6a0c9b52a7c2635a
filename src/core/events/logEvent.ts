/**
 * The one event shape every protocol engine emits (design.md, "Data flow").
 * Events are plain data: no class instances, no functions, so they can be paged, filtered, written
 * to disk and read back, exported and imported.
 */
import type { SendRequest } from '../session/sendRequest';

export type Direction = 'in' | 'out' | 'local';

export type Layer = 'tcp' | 'tls' | 'http' | 'ws' | 'eio' | 'sio' | 'sse' | 'poll';

/**
 * Event types. WebSocket sessions use the first group; later engines add their own
 * (`eio-open`, `eio-upgrade`, `sio-event`, `poll-request`, …) without changing the shape.
 */
export type EventType =
  | 'connecting' // local: a connection attempt starts (URL, options summary)
  | 'handshake-request' // out/http: the exact upgrade request
  | 'handshake-response' // in/http: status line, headers, (non-101) body
  | 'open' // local: the session is open (negotiated subprotocol/extensions)
  | 'message' // in/out: a data message (text or binary)
  | 'ping' // in/out: ping control frame
  | 'pong' // in/out: pong control frame
  | 'close-frame' // in/out: a close frame on the wire (code, reason)
  | 'closed' // local: the session has ended (what the library reported, who closed, why)
  | 'heartbeat-timeout' // local: our heartbeat saw no pong in time
  | 'error' // local: anything that went wrong, with a stable code
  | (string & {});

/** The payload of an event: text or bytes, possibly truncated past the log's limit. */
export type Payload =
  | { kind: 'text'; text: string; byteLength: number; truncated?: Truncation }
  | { kind: 'binary'; bytes: Uint8Array; byteLength: number; truncated?: Truncation };

/** Present when the stored payload is shorter than what went over the wire. */
export interface Truncation {
  /** Bytes kept in `text`/`bytes`. */
  keptBytes: number;
  /** SHA-256 (hex) of the full payload, so a user can compare with what the server sent. */
  sha256: string;
}

/** A header as it went over the wire; order and duplicates kept. */
export type Header = [name: string, value: string];

export interface HttpMeta {
  method?: string;
  url?: string;
  httpVersion?: string;
  status?: number;
  statusText?: string;
  headers?: Header[];
}

export interface CloseMeta {
  /** Close code and reason in the close frame received from the server (absent: no code, or no frame). */
  wireCode?: number;
  wireReason?: string;
  /** Close code and reason in the close frame we (or `ws` on our behalf, e.g. 1002) sent. */
  sentCode?: number;
  sentReason?: string;
  /** What `ws` reported locally (1005 for "no code", 1006 for "no close frame"). */
  localCode?: number;
  localReason?: string;
  /** Who started the closing handshake. */
  initiator?: 'client' | 'server' | 'none';
  /** Whether a close frame was sent / received before the TCP connection ended. */
  closeFrameSent?: boolean;
  closeFrameReceived?: boolean;
}

export interface ErrorMeta {
  /** Stable code, see core/errors.ts (`RI_…`), or the library's own (`WS_ERR_…`, `ECONNREFUSED`). */
  code: string;
  /** One line, plain words. */
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** Underlying library message, for the output channel. */
  detail?: string;
  /** A TLS failure: `host:port` of the server whose handshake failed (after a redirect, not the session's own). */
  peer?: string;
}

export interface FrameMeta {
  /** RFC 6455 opcode of the (first) frame. */
  opcode?: number;
  /** Whether permessage-deflate compressed this message (RSV1 on the first frame). */
  compressed?: boolean;
  /** Number of frames the message came in (>1 when fragmented). */
  frames?: number;
  /** Bytes on the wire including frame headers (and compressed length), when the tap saw them. */
  wireBytes?: number;
}

/** Engine.IO facts of an event (layer `eio`, and the HTTP/WebSocket events that carry its packets). */
export interface EioMeta {
  /** open, close, ping, pong, message, upgrade, noop. */
  packetType?: string;
  transport?: 'polling' | 'websocket';
  /** The `2probe` / `3probe` of an upgrade. */
  probe?: boolean;
  sid?: string;
  /** Values from the open packet. */
  upgrades?: string[];
  pingInterval?: number;
  pingTimeout?: number;
  maxPayload?: number;
  /** Upgrade steps: probe → probe-ok → pause → paused → upgraded (or upgrade-failed). */
  step?: 'probe' | 'probe-ok' | 'pause' | 'paused' | 'upgraded' | 'upgrade-failed';
  /** On a polling POST: the seqs of the packets it carried. */
  carries?: number[];
  /**
   * On a polling response: the method of the request it answers. A GET's body carries packets; a POST's
   * is the server's `ok` (issue #8: a decoder tells carriers apart from the event alone).
   */
  answers?: 'GET' | 'POST';
  /**
   * On a polling response whose body came compressed (Content-Encoding): the body's bytes as they came over
   * the wire, before decoding (`size` is the decoded length). Absent when the two are equal.
   */
  wireBytes?: number;
  /** The record could not be decoded (the raw text is the payload). */
  decodeError?: string;
  /** How many identical control packets in a row this one row stands for (issue #7); absent for one. */
  repeat?: number;
}

/** Socket.IO facts of an event (layer `sio`). */
export interface SioMeta {
  /** CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK — as on the wire. */
  packetType: string;
  namespace: string;
  ackId?: number;
  /** EVENT: the event name, cut at MAX_SHOWN_SERVER_TEXT characters (the payload keeps it whole). */
  event?: string;
  /** Number of binary attachments announced. */
  attachments?: number;
  /** Seqs of the `eio-message` events that carried the attachments, in order. */
  attachmentSeqs?: number[];
  /** The event name is one a client reserves (connect, disconnect…): shown as data, flagged. */
  reservedName?: boolean;
  /** ACK: seq of the emit it answers, and the round trip. */
  ackOf?: number;
  /** Socket.IO protocol version of the session (4 = Socket.IO 2, 5 = Socket.IO 3+). */
  protocol?: 4 | 5;
  decodeError?: string;
}

/** Facts of a generic long-poll / short-poll exchange (layer `poll`, issue 11); rows carry the fields they know. */
export interface PollMeta {
  /** poll-response: request sent → response complete (the hold time of a long-poll). */
  holdMs?: number;
  /** poll-request / poll-response: the previous exchange ended → this request was sent. Absent on the first. */
  gapMs?: number;
  /** poll-response: an empty answer (204, an empty body, `[]` or `{}`). */
  empty?: boolean;
  /** The cursor sent with the request (`before`) and the one read from its response (`after`). */
  cursor?: { before?: string; after?: string };
  /** Retries: the retry this row belongs to (1 = the first retry in a row). */
  attempt?: number;
  /** poll-retry: how long until the retry (backoff with jitter, or the server's Retry-After). */
  retryInMs?: number;
  /** Request line + headers + body, approximate (Node's own Connection header is not counted). */
  requestBytes?: number;
  /** Status line + headers (as parsed, approximate) + body bytes as received (before decompression). */
  responseBytes?: number;
  /** Request sent → first response byte (status line and headers parsed). */
  firstByteMs?: number;
  /** Timing split of a new connection (absent on a reused keep-alive socket): DNS, TCP connect, TLS. */
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  /** Whether the request went over a kept-alive connection. */
  reusedConnection?: boolean;
}

/**
 * Server-Sent Events facts of an event (layer `sse`, issue 11): the fields of the event block as the server sent
 * them, and how the block arrived (the raw chunks are not kept as rows: a row per network read would double a
 * flood's rows and say nothing the counts here do not).
 */
export interface SseMeta {
  /**
   * sse-event / sse-id: the `id` field of the block (absent when the block had none, or only ids with NUL); cut at
   * 256 characters here (the whole id is still what a reconnect sends).
   */
  id?: string;
  /** sse-event: the `event` field, cut at 256 characters (absent: the default type, `message`). */
  event?: string;
  /** sse-retry: the reconnection time the server asked for; reconnecting: the one in force. */
  retryMs?: number;
  /** sse-comment: the comment text cut at 256 characters (the payload holds it whole, up to the stored limit). */
  comment?: string;
  /**
   * Network reads (chunks as they arrived) the block came in: 1 when whole, more when split. sse-comment,
   * sse-retry, sse-ignored: the reads of their line.
   */
  chunks?: number;
  /**
   * Bytes of the block on the wire (field names, values, comments and line ends, after Content-Encoding), from
   * the blank line that ended the block before to its own; sse-comment / sse-retry / sse-ignored: of the line.
   */
  bytes?: number;
  /**
   * The block (or line) as received: its lines with their own line ends (CR, LF or CRLF) and the blank line that
   * dispatched it, UTF-8 decoded; at most 4096 characters (sseArrival.ts), `rawTruncated` past them. The LF of
   * a CRLF split across reads is not in a line reported before it arrived.
   */
  raw?: string;
  /** True when the block went on past the characters kept in `raw`. */
  rawTruncated?: boolean;
  /** Offsets in `raw` where one network read ended and the next began (at most 64; `chunks` counts them all). */
  chunkEnds?: number[];
  /** reconnecting: the number of the attempt it schedules (2 = the first reconnect). */
  attempt?: number;
  /** reconnecting: how long until that attempt (the retry time or backoff, with jitter; at least 1 s). */
  delayMs?: number;
}

export interface EventMeta {
  request?: HttpMeta;
  response?: HttpMeta;
  /** Negotiated values on `open` / `handshake-response`. */
  subprotocol?: string;
  extensions?: string;
  /** Durations in ms (handshake: request sent → response; heartbeat: ping → pong). */
  durationMs?: number;
  close?: CloseMeta;
  error?: ErrorMeta;
  frame?: FrameMeta;
  /** The request an outgoing message was sent from: what replay sends again. */
  send?: SendRequest;
  /**
   * Something wrong that is not an error (a reserved event name, an unexpected namespace, a collapsed
   * run of packets): our own words, shown on the row itself, not only in the details.
   */
  warning?: string;
  /** Free text for `connecting`/`open`/`state` rows. */
  note?: string;
  /** On an HTTP response: the seq of its request. */
  requestSeq?: number;
  eio?: EioMeta;
  sio?: SioMeta;
  poll?: PollMeta;
  sse?: SseMeta;
  reconnect?: ReconnectMeta;
}

/**
 * A reconnecting session's own rows (issue 12: types reconnecting, reconnect-attempt, reconnected,
 * reconnect-stopped): the attempt they are about, the wait booked, and the time offline so far.
 */
export interface ReconnectMeta {
  /** 1 = the first attempt after the connection was lost. */
  attempt?: number;
  /** reconnecting: the wait before the attempt, and the top of the range it was drawn from. */
  delayMs?: number;
  ceilingMs?: number;
  /** reconnect-attempt / reconnected: ms since the last connection was lost. */
  offlineMs?: number;
}

/** An event as an engine produces it; the log assigns `seq`. */
export interface NewLogEvent {
  /** Wall clock ms. */
  time: number;
  /**
   * Monotonic ms on the session's clock (performance.now-like), for durations; comparable across the layers
   * of one log.
   */
  mono: number;
  direction: Direction;
  layer: Layer;
  type: EventType;
  /** Payload length in bytes on the wire (full, not truncated), 0 when there is none. */
  size: number;
  payload?: Payload;
  parent?: number;
  meta?: EventMeta;
}

/** An event stored in a session's log. */
export interface LogEvent extends NewLogEvent {
  /** Monotonic per session, from 1, no gaps. */
  seq: number;
}

/**
 * The stored form of `event`: its fields and `seq`, built as a literal in one key order (issue #9), so the
 * events of a log share a hidden class (a `{ ...event, seq }` copy gets one of its own). Keys the event
 * lacks stay absent; a shape other than the usual ones is copied as it is.
 */
export function storedEvent(event: NewLogEvent, seq: number): LogEvent {
  if ('payload' in event && 'meta' in event) {
    const { time, mono, direction, layer, type, size, payload, meta } = event;
    if ('parent' in event)
      return { time, mono, direction, layer, type, size, payload, parent: event.parent, meta, seq };
    return { time, mono, direction, layer, type, size, payload, meta, seq };
  }
  return { ...event, seq };
}

/**
 * Which literal `storedEvent` built `event` from (its keys, in order, known without enumerating them), or
 * undefined for a copy of another shape. Only for events that came out of `storedEvent`.
 */
export function storedShape(event: LogEvent): 'plain' | 'with-parent' | undefined {
  if (!('payload' in event && 'meta' in event)) return undefined;
  return 'parent' in event ? 'with-parent' : 'plain';
}
