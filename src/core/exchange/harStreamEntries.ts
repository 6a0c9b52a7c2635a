/**
 * The entries whose messages run on after the handshake — a WebSocket (`_webSocketMessages`) and an event
 * stream (its text as `content.text`, its events as `_eventSourceMessages`) — written as they are read: the
 * head of the entry, then the messages from a second read of the log from the handshake on, up to the next
 * handshake or the end of the export. Nothing but one page of events is held, whatever the connection's length.
 */
import type { EventLog } from '../events/eventLog';
import type { LogEvent } from '../events/logEvent';
import { NO_REDACTION, type Redactor } from '../redaction/secretRedactor';
import type { ChunkWriter } from './chunkWriter';
import { redactEvent } from './eventRedaction';
import { exportCancelled } from './exchangeErrors';
import { exchangeEntry, type ConnectFacts } from './harExchangeEntry';
import { eventSourceMessage, eventStreamText, webSocketClose, webSocketMessage } from './harStreamMessages';
import { harTimings } from './harTimings';
import { RESOURCE_TYPES } from './harTypes';
import { logPages } from './logPages';

/** What the streamed entries read and where they write. */
export interface StreamContext {
  log: EventLog;
  /** Last seq of the export. */
  to: number;
  redactor: Redactor;
  out: ChunkWriter;
  pageSize?: number;
  signal?: AbortSignal;
  /** Told the last seq of each page read ahead, for progress (a long WebSocket is most of an export). */
  readAhead?(seq: number): void;
}

/** The events after `response` up to the next handshake, those `keep` accepts, redacted. */
async function* followingEvents(
  ctx: StreamContext,
  response: LogEvent,
  keep: (event: LogEvent) => boolean,
): AsyncGenerator<LogEvent> {
  const range = { from: response.seq + 1, to: ctx.to, pageSize: ctx.pageSize, signal: ctx.signal };
  for await (const page of logPages(ctx.log, { ...range, cancelled: exportCancelled })) {
    for (const event of page) {
      if (event.layer === 'http' && event.type === 'handshake-request') return;
      if (keep(event)) yield ctx.redactor === NO_REDACTION ? event : redactEvent(event, ctx.redactor);
    }
    ctx.readAhead?.(page[page.length - 1].seq);
  }
}

const isWsFrame = (e: LogEvent): boolean => e.layer === 'ws' && (e.type === 'message' || e.type === 'close-frame');
const isSseRow = (e: LogEvent): boolean => e.layer === 'sse' && e.type.startsWith('sse-');

/** A WebSocket: the handshake's entry with its messages, and how it closed when the log saw a close frame. */
export async function writeWebSocketEntry(
  ctx: StreamContext,
  request: LogEvent,
  response: LogEvent,
  connect?: ConnectFacts,
): Promise<void> {
  const entry = exchangeEntry(request, response, connect);
  entry._resourceType = RESOURCE_TYPES.websocket;
  await ctx.out.add(`${JSON.stringify(entry).slice(0, -1)},"_webSocketMessages":[`);
  let separator = '';
  let close: ReturnType<typeof webSocketClose> | undefined;
  for await (const event of followingEvents(ctx, response, isWsFrame)) {
    if (event.type === 'close-frame') {
      close ??= webSocketClose(event);
      continue;
    }
    await ctx.out.add(`${separator}${JSON.stringify(webSocketMessage(event))}`);
    separator = ',';
  }
  await ctx.out.add(close ? `],"_webSocketClose":${JSON.stringify(close)}}` : ']}');
}

/** An event stream: the response's content is the stream as received (rebuilt from its rows), then its events. */
export async function writeEventSourceEntry(ctx: StreamContext, request: LogEvent, response: LogEvent): Promise<void> {
  const entry = exchangeEntry(request, response);
  const { content, bodySize: _bodySize, ...responseHead } = entry.response;
  const head = { pageref: entry.pageref, startedDateTime: entry.startedDateTime, request: entry.request };
  const start = JSON.stringify({ ...head, response: responseHead }).slice(0, -2);
  await ctx.out.add(`${start},"content":{"mimeType":${JSON.stringify(content.mimeType)},"text":"`);
  let size = 0;
  let lastTime = response.time;
  for await (const event of followingEvents(ctx, response, isSseRow)) {
    const text = eventStreamText(event);
    if (text === undefined) continue;
    size += Buffer.byteLength(text);
    lastTime = event.time;
    await ctx.out.add(JSON.stringify(text).slice(1, -1));
  }
  const waitMs = response.meta?.durationMs ?? Math.max(0, response.time - request.time);
  const { timings, time } = harTimings({
    firstByteMs: waitMs,
    totalMs: waitMs + Math.max(0, lastTime - response.time),
  });
  const tail = { cache: {}, timings, time, _resourceType: RESOURCE_TYPES.eventsource };
  await ctx.out.add(`","size":${size}},"bodySize":${size}},${JSON.stringify(tail).slice(1, -1)}`);
  await ctx.out.add(',"_eventSourceMessages":[');
  let separator = '';
  for await (const event of followingEvents(ctx, response, (e) => e.type === 'sse-event')) {
    await ctx.out.add(`${separator}${JSON.stringify(eventSourceMessage(event))}`);
    separator = ',';
  }
  await ctx.out.add(']}');
}
