/**
 * The types of a transport comparison's report, with no imports: the host, core and the comparison panel's
 * browser program (through src/shared/compareProtocol.ts) all read these, and the browser program cannot
 * compile Node's URL or TLS, which the plan's module brings along.
 */
/** The transports compared: each in a session of its own that never changes transport. */
export type ComparedTransport = 'polling-only' | 'websocket-only';

/**
 * `echo`: send a message and wait for the server's next message (Engine.IO) or `replyEvent` event (Socket.IO)
 * that carries it back. `ack` (Socket.IO only): emit with an ack callback and wait for the acknowledgement.
 */
export type ExchangeMode = 'echo' | 'ack';

/** Why a transport has no (or only partial) figures: a stable code and our own words. */
export interface ComparisonError {
  /** `RI_COMPARE_…` (core/errors.ts). */
  code: string;
  /** One line, plain words. */
  message: string;
  /** What the session itself reported (its code and message), when it did. */
  cause?: { code: string; message: string };
}

/** Round trips in ms: null when no message was answered. Median of an even count: the mean of the middle two. */
export interface RttSummary {
  median: number | null;
  /** Nearest-rank 95th percentile. */
  p95: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Bytes on the wire per message sent, during the exchange (from the first send to the last answer, and the
 * POSTs still in flight then). Polling: HTTP request and response heads and bodies (request heads
 * reconstructed, see wireBytes.ts); WebSocket: frame headers and payloads. Null when nothing was sent.
 */
export interface BytesPerMessage {
  /** Client to server. */
  up: number | null;
  /** Server to client. */
  down: number | null;
  total: number | null;
}

export interface TransportResult {
  transport: ComparedTransport;
  /** Every message answered, nothing failed, not cancelled. */
  ok: boolean;
  /** The run was cancelled while (or before) this transport ran: its figures are what was measured. */
  cancelled: boolean;
  error?: ComparisonError;
  /** Start → ready to send: the Engine.IO session open, and for Socket.IO the namespace joined. */
  setupMs: number | null;
  /** Start → the Engine.IO session open (the open packet). */
  openMs: number | null;
  rtt: RttSummary;
  bytesPerMessage: BytesPerMessage;
  /**
   * HTTP requests of the whole session: handshake, polling GETs and POSTs (the goodbye too), WebSocket upgrade.
   * A polling request counts once logged as sent, even if its connection was then refused.
   */
  httpRequests: number;
  /**
   * Bytes on the wire of the whole session, both directions, as its rows record them, from the first request
   * until it closed (with the goodbye POST's answer; not the answer to the long-poll GET the close aborts).
   */
  totalBytes: number;
  /** Messages answered (round trips measured). */
  messages: number;
  /** Messages sent. */
  sent: number;
  /** Messages sent but not answered: no answer within the timeout, or the session ended first. */
  timedOut: number;
}

/** The plan as the report shows it: header values that are credentials masked, the URL's secrets too. */
export interface ReportedPlan {
  kind: string;
  url: string;
  path: string | null;
  namespace: string | null;
  headers: Array<[name: string, value: string]>;
  messages: number | null;
  messageBytes: number | null;
  mode: ExchangeMode | null;
  event: string | null;
  replyEvent: string | null;
  transports: ComparedTransport[];
  timeoutMs: number | null;
}

export interface ComparisonReport {
  /** ISO 8601, when the run started and ended. */
  startedAt: string;
  finishedAt: string;
  /** The run was cancelled: the results hold what was measured until then. */
  cancelled: boolean;
  plan: ReportedPlan;
  /** The plan could not run at all (every result then carries the same error). */
  error?: ComparisonError;
  results: TransportResult[];
}
