/**
 * LogEvent → what the panel shows: a one-line row for the table and the details for one selected
 * event. Pure and total: whatever a server sent (huge, binary, hostile), the projection is bounded
 * and never throws on well-formed events. Every projection takes the session's redactor: credentials
 * are masked here, on the way out, so no caller can forget (issue #7).
 */
import type { EventDetailsDto, EventRowDto, HeaderDto } from './viewModel';
import type { HttpMeta, LogEvent, Payload } from '../events/logEvent';
import type { Redactor } from '../redaction/secretRedactor';
import type { SendRequest } from '../session/sendRequest';
import { explanationOf, factsOf, summaryOf } from './eventFacts';
import { previewOf } from './eventPreview';
import { projectPayload } from './payloadView';
import { projectRawBlock } from './rawBlockView';
import { jsonWithAttachments, type EventLookup } from './sioAttachments';

export { PREVIEW_MAX_CHARS, previewOf } from './eventPreview';

/** One table row. `originMono` is the monotonic time the session started (the first event's `mono`). */
export function projectRow(event: LogEvent, originMono: number, redactor: Redactor): EventRowDto {
  const row = rowOf(event, originMono);
  row.preview = redactor.text(row.preview);
  if (row.warning !== undefined) row.warning = redactor.text(row.warning);
  return row;
}

function rowOf(event: LogEvent, originMono: number): EventRowDto {
  const row: EventRowDto = {
    seq: event.seq,
    time: event.time,
    elapsed: Math.max(0, event.mono - originMono),
    direction: event.direction,
    layer: event.layer,
    type: event.type,
    size: event.size,
    preview: previewOf(event),
    isError: isErrorEvent(event),
    binary: event.payload?.kind === 'binary',
  };
  if (event.parent !== undefined) row.parent = event.parent;
  if (event.meta?.warning !== undefined) row.warning = event.meta.warning;
  return row;
}

/**
 * Everything the details pane shows for one event, with credentials masked by `redactor`; `redacted`
 * says whether anything was, so the pane can offer "Show secrets" (which asks again with NO_REDACTION).
 * With `get`, a Socket.IO binary packet's JSON view shows its attachments in place of their placeholders.
 */
export function projectDetails(
  event: LogEvent,
  originMono: number,
  redactor: Redactor,
  get?: EventLookup,
): EventDetailsDto {
  const meta = event.meta ?? {};
  let redacted = false;
  const text = (value: string): string => {
    const out = redactor.text(value);
    if (out !== value) redacted = true;
    return out;
  };
  const headers = (list: HttpMeta['headers'] & object): HeaderDto[] => {
    const out = redactor.headers(list);
    if (out.some(([, v], i) => v !== list[i][1])) redacted = true;
    return out;
  };
  const row = rowOf(event, originMono);
  row.preview = text(row.preview);
  if (row.warning !== undefined) row.warning = text(row.warning);
  const details: EventDetailsDto = {
    row,
    facts: factsOf(event).map(([label, value]) => [
      label,
      label === 'URL' ? urlFact(redactor, value, () => (redacted = true)) : text(value),
    ]),
    replayable: isReplayable(event),
  };
  const summary = summaryOf(event);
  if (summary !== undefined) details.summary = text(summary);
  if (meta.request?.headers) details.requestHeaders = headers(meta.request.headers);
  if (meta.response?.headers) details.responseHeaders = headers(meta.response.headers);
  const explanation = explanationOf(event);
  if (explanation !== undefined) details.explanation = text(explanation);
  if (event.payload) {
    const shown = redactor.payload(event.payload);
    if (shown !== event.payload) redacted = true;
    details.payload = projectPayload(shown);
    const json = details.payload.json;
    if (get && json !== undefined) {
      const masked = (payload: Payload): Payload => {
        const out = redactor.payload(payload);
        if (out !== payload) redacted = true;
        return out;
      };
      details.payload.json = jsonWithAttachments(event, json, get, masked) ?? json;
    }
  }
  const raw = meta.sse ? projectRawBlock(meta.sse, redactor, () => (redacted = true)) : undefined;
  if (raw !== undefined) details.raw = raw;
  if (redacted) details.redacted = true;
  return details;
}

function urlFact(redactor: Redactor, url: string, onChange: () => void): string {
  const out = redactor.url(url);
  if (out !== url) onChange();
  return out;
}

/**
 * The request an outgoing event was sent from, when it can be sent again: decided from the request kept
 * on the event (issue #8), so every kind — a WebSocket frame, an Engine.IO message, a Socket.IO emit,
 * ack or join — replays alike. A close is not offered: sending it again would end the session.
 */
export function replayRequestOf(event: LogEvent): SendRequest | undefined {
  const request = event.meta?.send;
  if (event.direction !== 'out' || request === undefined || request.kind === 'close') return undefined;
  return request;
}

/** Whether the panel offers Replay on this event. */
export function isReplayable(event: LogEvent): boolean {
  return replayRequestOf(event) !== undefined;
}

function isErrorEvent(event: LogEvent): boolean {
  return event.type === 'error' || event.type === 'heartbeat-timeout' || event.meta?.error !== undefined;
}
