/**
 * The HAR entry of one HTTP exchange of the log — an Engine.IO polling GET or POST, a generic long/short poll, a
 * refused WebSocket or SSE handshake — from its (redacted) request and response events: headers, body, sizes
 * and the timings the log recorded. Pure.
 */
import type { LogEvent } from '../events/logEvent';
import { harRequest, harResponse, missingResponse } from './harMessages';
import { harTimings, isoTime, type RecordedTimes } from './harTimings';
import { RESOURCE_TYPES, type HarEntry } from './harTypes';

/** Where the entries of an export point (its one page). */
export const PAGE_ID = 'page_1';

/** How the connection of a request was set up, when the log timed it (a WebSocket's TCP and TLS rows). */
export interface ConnectFacts {
  connectMs?: number;
  tlsMs?: number;
}

/** The entry of a request and its response (none: the request got no answer in the log). */
export function exchangeEntry(request: LogEvent, response: LogEvent | undefined, connect?: ConnectFacts): HarEntry {
  const times = response ? recordedTimes(request, response, connect) : {};
  const { timings, time } = harTimings(times);
  // A handshake's request row is logged once TCP (and TLS) are up, but its timings count the connect first: the
  // entry starts when connecting began, so that start + time is when the answer came (a redirect's next hop
  // starts after it, as it did).
  const setupMs = response ? (nonNegative(connect?.connectMs) ?? 0) + (nonNegative(connect?.tlsMs) ?? 0) : 0;
  const entry: HarEntry = {
    pageref: PAGE_ID,
    startedDateTime: isoTime(request.time - setupMs),
    time,
    request: harRequest(request.meta?.request, request.payload, request.size),
    response: response
      ? harResponse(response.meta?.response, response.payload, response.size, wireBodySize(response))
      : missingResponse('No response was recorded: the request failed, or the session ended first.'),
    cache: {},
    timings,
    _resourceType: resourceType(request),
  };
  return entry;
}

/** The timings the log holds for an exchange: the generic poller's split, else the whole duration. */
export function recordedTimes(request: LogEvent, response: LogEvent, connect?: ConnectFacts): RecordedTimes {
  const poll = response.meta?.poll;
  const totalMs = response.meta?.durationMs ?? poll?.holdMs ?? Math.max(0, response.mono - request.mono);
  return {
    dnsMs: poll?.dnsMs,
    connectMs: poll?.connectMs ?? connect?.connectMs,
    tlsMs: poll?.tlsMs ?? connect?.tlsMs,
    firstByteMs: poll?.firstByteMs,
    totalMs,
  };
}

function nonNegative(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The body's bytes on the wire (before Content-Encoding) when the log knows them, else its size. */
function wireBodySize(response: LogEvent): number {
  return response.meta?.eio?.wireBytes ?? response.size;
}

function resourceType(request: LogEvent): string {
  if (request.type === 'handshake-request') {
    const url = request.meta?.request?.url ?? '';
    return /^wss?:/i.test(url) ? RESOURCE_TYPES.websocket : RESOURCE_TYPES.eventsource;
  }
  return request.layer === 'poll' ? RESOURCE_TYPES.fetch : RESOURCE_TYPES.xhr;
}
