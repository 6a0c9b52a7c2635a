/**
 * The rows of an event stream's text (a HAR response's `content.text`), read by the live session's own reader
 * (SseStreamReader: eventsource-parser, WHATWG rules) into the rows a live session writes: `sse-event` (its data
 * the payload, its id, name and size in `meta.sse`), `sse-comment`, `sse-retry`, `sse-id`, `sse-ignored`. Each
 * event takes its time from the file's `_eventSourceMessages` when it has them (in order, as written: a wall
 * clock in ms may put the first event a fraction of a millisecond before the response's head, computed from
 * durations); other rows take the time of the row before. Pure.
 */
import type { SseMeta } from '../events/logEvent';
import { textPayload } from '../payload/storedPayload';
import { cutText } from '../sse/sseNotes';
import { SseStreamReader, type ArrivalFacts } from '../sse/sseStreamReader';
import type { TimedEvent } from './harEvents';

/** A stream is read whole: its lines are bounded by the file, not by the network. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** The rows of `text`; `times[i]` is the epoch ms of the i-th event when known, `from` the time of the others. */
export function eventStreamRows(
  text: string,
  times: Array<number | undefined>,
  from: number,
  max: number,
): TimedEvent[] {
  const rows: TimedEvent[] = [];
  let time = from;
  let events = 0;
  const push = (type: string, meta: TimedEvent['meta'], payloadText?: string): void => {
    const payload = payloadText === undefined ? undefined : textPayload(payloadText, max);
    const row: TimedEvent = { time, direction: 'in', layer: 'sse', type, size: payload?.byteLength ?? 0, meta };
    if (payload) row.payload = payload;
    rows.push(row);
  };
  const reader = new SseStreamReader(MAX_LINE_BYTES, {
    event: (message, block) => {
      time = times[events++] ?? time;
      push('sse-event', { sse: blockMeta(block, message.id, message.event) }, message.data);
    },
    idOnly: (id, block) => push('sse-id', { sse: blockMeta(block, id, undefined) }),
    comment: (comment, line) => push('sse-comment', { sse: { comment: cutText(comment), ...arrival(line) } }, comment),
    retry: (ms) => push('sse-retry', { sse: { retryMs: ms } }),
    ignored: (error) =>
      push('sse-ignored', { warning: `${cutText(error.message, 120)}: the line is ignored.` }, error.line ?? ''),
    overflow: () => undefined,
  });
  reader.feed(Buffer.from(text, 'utf8'));
  return rows;
}

function blockMeta(block: ArrivalFacts, id: string | undefined, event: string | undefined): SseMeta {
  const sse: SseMeta = {};
  if (id !== undefined) sse.id = cutText(id);
  if (event !== undefined) sse.event = cutText(event);
  return { ...sse, ...arrival(block) };
}

/** How the line or block arrived, as the reader tells it (whatever facts it keeps: bytes, reads, its text). */
function arrival(facts: ArrivalFacts): SseMeta {
  return { ...facts };
}
