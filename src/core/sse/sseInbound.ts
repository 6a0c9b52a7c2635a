/**
 * What arrives on an open event stream, as rows: each event (`sse-event`, its data the payload), each comment
 * (`sse-comment`), each `retry` (`sse-retry`), a block with an id and no data (`sse-id`), and each line the spec
 * ignores (`sse-ignored`, with a warning). It keeps what a reconnect needs: the last event id seen and the
 * reconnection time. A crossed cap goes to the session, which closes.
 */
import type { EventSourceMessage, ParseError } from 'eventsource-parser';
import type { ErrorMeta, Payload, SseMeta } from '../events/logEvent';
import { textOrBinary, textPayload } from '../payload/storedPayload';
import type { SseContext } from './sseContext';
import { cutText, eventTooLarge, lineTooLong } from './sseNotes';
import { MAX_RETRY_MS, RECONNECT_FLOOR_MS, type ReconnectSchedule } from './sseReconnect';
import type { SseStatus } from './sseStatus';
import { SseStreamReader, type ArrivalFacts, type SseStreamSink } from './sseStreamReader';

/** Where a crossed cap goes: the error, and the first bytes of the read that crossed it. */
export type OverflowSink = (error: ErrorMeta, sample: Payload) => void;

export class SseInbound implements SseStreamSink {
  readonly reader: SseStreamReader;
  private lastId: string | undefined;

  constructor(
    private readonly context: SseContext,
    private readonly status: SseStatus,
    private readonly schedule: ReconnectSchedule,
    private readonly overflowed: OverflowSink,
  ) {
    this.lastId = context.options.lastEventId;
    this.reader = new SseStreamReader(context.options.maxLineBytes, this);
  }

  /** The last event id seen (WHATWG "last event ID string"), sent as Last-Event-ID on a reconnect. */
  get lastEventId(): string | undefined {
    return this.lastId;
  }

  event(message: EventSourceMessage, block: ArrivalFacts): void {
    if (message.id !== undefined) this.lastId = message.id;
    const payload = textPayload(message.data, this.context.options.maxStoredPayloadBytes);
    const sse = blockMeta(block, message.id, message.event);
    this.context.append('in', 'sse', 'sse-event', { sse }, payload, payload.byteLength);
    this.status.countEvent(payload.byteLength);
    this.schedule.delivered();
  }

  idOnly(id: string, block: ArrivalFacts): void {
    this.lastId = id;
    const note =
      id === ''
        ? 'An empty id and no data: reconnects send no Last-Event-ID from now on.'
        : 'An id and no data: no event, but reconnects send this id as Last-Event-ID.';
    this.context.append('in', 'sse', 'sse-id', { sse: blockMeta(block, id, undefined), note });
  }

  comment(text: string, line: ArrivalFacts): void {
    const payload = textPayload(text, this.context.options.maxStoredPayloadBytes);
    const sse = arrivalMeta({ comment: cutText(text) }, line);
    this.context.append('in', 'sse', 'sse-comment', { sse }, payload, payload.byteLength);
  }

  retry(ms: number, line: ArrivalFacts): void {
    const inForce = this.schedule.setRetry(ms);
    const note =
      inForce < RECONNECT_FLOOR_MS
        ? `Below the ${RECONNECT_FLOOR_MS} ms floor: reconnects wait at least ${RECONNECT_FLOOR_MS} ms.`
        : inForce === MAX_RETRY_MS && ms > MAX_RETRY_MS
          ? `Cut to ${MAX_RETRY_MS} ms, the longest wait honoured.`
          : `Reconnects wait ${inForce} ms (more after attempts without an event).`;
    const retryMs = Math.min(ms, Number.MAX_SAFE_INTEGER);
    this.context.append('in', 'sse', 'sse-retry', { sse: arrivalMeta({ retryMs }, line), note });
  }

  ignored(error: ParseError, line: ArrivalFacts): void {
    const payload = textPayload(error.line ?? '', this.context.options.maxStoredPayloadBytes);
    const warning = `${cutText(error.message, 120)}: the line is ignored (WHATWG, interpreting an event stream).`;
    const meta = { sse: arrivalMeta({}, line), warning };
    this.context.append('in', 'sse', 'sse-ignored', meta, payload, payload.byteLength);
  }

  overflow(kind: 'line' | 'event', sample: Uint8Array, lineBytes: number): void {
    const max = this.context.options.maxLineBytes;
    const error = kind === 'line' ? lineTooLong(max, lineBytes) : eventTooLarge(max);
    this.overflowed(error, textOrBinary(sample, this.context.options.maxStoredPayloadBytes));
  }
}

/** The meta of a block: its id and event name (cut for the row; the id in force stays whole) and its arrival. */
function blockMeta(block: ArrivalFacts, id: string | undefined, event: string | undefined): SseMeta {
  const sse: SseMeta = {};
  if (id !== undefined) sse.id = cutText(id);
  if (event !== undefined) sse.event = cutText(event);
  return arrivalMeta(sse, block);
}

/** `sse` with how its line or block arrived: reads, bytes, and the text as received (already bounded). */
function arrivalMeta(sse: SseMeta, arrival: ArrivalFacts): SseMeta {
  sse.chunks = arrival.chunks;
  sse.bytes = arrival.bytes;
  if (arrival.raw !== undefined) sse.raw = arrival.raw;
  if (arrival.rawTruncated) sse.rawTruncated = true;
  if (arrival.chunkEnds !== undefined) sse.chunkEnds = arrival.chunkEnds;
  return sse;
}
