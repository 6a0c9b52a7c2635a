/**
 * Our JSON Lines format (issue 10): a header line, one line per event — exactly the LogEvent, binary payload
 * bytes as `{"$base64": "…"}` — and an end line, so a file cut short is known to be incomplete:
 *
 *   {"format":"realtime-inspector-jsonl","version":1,"session":{"kind":"websocket","url":"ws://…",…},…}
 *   {"seq":1,"time":1700000000000,"mono":12.5,"direction":"local","layer":"ws","type":"connecting",…}
 *   …
 *   {"format":"realtime-inspector-jsonl","end":true,"events":1234}
 */
import type { LogEvent } from '../events/logEvent';
import type { SessionInfo } from '../session/session';

export const JSONL_FORMAT = 'realtime-inspector-jsonl';
export const JSONL_VERSION = 1;

/** The marker that stands for bytes in JSON. */
export const BASE64_KEY = '$base64';

/** The first line of a file. */
export interface JsonlHeader {
  format: typeof JSONL_FORMAT;
  version: number;
  /** The session's facts when the export started (URL and reasons redacted when sanitized). */
  session: Partial<SessionInfo> & Pick<SessionInfo, 'kind' | 'url' | 'startedAt'>;
  /** ISO time of the export. */
  exportedAt: string;
  /** Whether credentials were masked. */
  sanitized: boolean;
  /** Events the log had let go before the export (seq 1 … dropped are not in the file). */
  dropped: number;
}

/** The last line of a complete file. */
export interface JsonlTrailer {
  format: typeof JSONL_FORMAT;
  end: true;
  /** Event lines written. */
  events: number;
}

/** One event as its line (without the line end). */
export function eventLine(event: LogEvent): string {
  const payload = event.payload;
  if (payload?.kind !== 'binary') return JSON.stringify(event);
  const base64 = Buffer.from(payload.bytes.buffer, payload.bytes.byteOffset, payload.bytes.byteLength).toString(
    'base64',
  );
  return JSON.stringify({ ...event, payload: { ...payload, bytes: { [BASE64_KEY]: base64 } } });
}

/** The end line for `events` event lines. */
export function trailerLine(events: number): string {
  const trailer: JsonlTrailer = { format: JSONL_FORMAT, end: true, events };
  return JSON.stringify(trailer);
}
