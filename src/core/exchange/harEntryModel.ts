/**
 * A HAR entry as the importer uses it, whatever tool wrote it: times in epoch ms, headers as pairs, bodies
 * decoded from text or base64, WebSocket messages and EventSource messages checked, with counts of what was
 * left out (a message of a kind the log has no row for).
 */
import type { Header } from '../events/logEvent';

export interface ModelBody {
  /** The body as text when it is text, else its bytes. */
  data: string | Uint8Array;
  mimeType: string;
}

export interface ModelRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: Header[];
  body?: ModelBody;
}

export interface ModelResponse {
  /** 0: no response (the request failed). */
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Header[];
  body?: ModelBody;
  mimeType: string;
  /** Chrome's `_error`, mitmproxy's error message. */
  error?: string;
}

export interface ModelWsMessage {
  direction: 'in' | 'out';
  /** Epoch ms. */
  time: number;
  opcode: 1 | 2;
  data: string | Uint8Array;
}

export interface ModelSseMessage {
  /** Epoch ms, when the file says. */
  time?: number;
}

export interface ModelEntry {
  /** Index in `log.entries`. */
  index: number;
  /** Epoch ms the request started. */
  start: number;
  /** Request start → response complete (ms). */
  duration: number;
  /** Request start → response head (ms), when the timings say. */
  firstByte?: number;
  timings: { dns?: number; connect?: number; ssl?: number };
  resourceType?: string;
  request: ModelRequest;
  response: ModelResponse;
  wsMessages?: ModelWsMessage[];
  /** Messages left out, by what they were (`opcode 8`, `type "x"`). */
  skippedMessages: string[];
  wsClose?: { code?: number; reason?: string; time?: number };
  sseMessages?: ModelSseMessage[];
}
