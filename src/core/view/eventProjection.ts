/**
 * LogEvent → what the panel shows: a one-line row for the table and the details for one selected
 * event. Pure and total: whatever a server sent (huge, binary, hostile), the projection is bounded
 * and never throws on well-formed events. Every projection takes the session's redactor: credentials
 * are masked here, on the way out, so no caller can forget (issue #7).
 */
import type { EventDetailsDto, EventRowDto, HeaderDto } from './viewModel';
import type { CloseMeta, ErrorMeta, FrameMeta, HttpMeta, LogEvent, Payload } from '../events/logEvent';
import type { Redactor } from '../redaction/secretRedactor';
import type { SendRequest } from '../session/sendRequest';
import { closeCodeExplanation, closeCodeName, closeHeadline } from './closeCodes';
import { pushEngineFacts } from './engineFacts';
import { hexPreview, projectPayload } from './payloadView';

/** The row preview is at most this many characters. */
export const PREVIEW_MAX_CHARS = 200;
/** A binary preview shows this many bytes as hex (3 characters each, within PREVIEW_MAX_CHARS). */
const PREVIEW_HEX_BYTES = 64;
/** Text previews look at no more of the payload than this (a 1 MiB message is not scanned for one line). */
const PREVIEW_SCAN_CHARS = PREVIEW_MAX_CHARS * 2;

const OPCODE_NAMES: Record<number, string> = {
  0: 'continuation',
  1: 'text',
  2: 'binary',
  8: 'close',
  9: 'ping',
  10: 'pong',
};

const REASON_PHRASES: Record<number, string> = {
  101: 'Switching Protocols',
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

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
 */
export function projectDetails(event: LogEvent, originMono: number, redactor: Redactor): EventDetailsDto {
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
  }
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

// ---- preview ---------------------------------------------------------------------------------

/** One line for the table: status line, close code, error, or the start of the payload. */
export function previewOf(event: LogEvent): string {
  const meta = event.meta ?? {};
  switch (event.type) {
    case 'handshake-request':
      return oneLine(requestLine(meta.request) ?? '');
    case 'handshake-response':
      return oneLine(statusLine(meta.response) ?? payloadPreview(event.payload));
    case 'close-frame':
      return oneLine(closeFramePreview(meta.close));
    case 'closed':
      return oneLine(closedSummary(meta.close) ?? meta.note ?? '');
    case 'error':
    case 'heartbeat-timeout':
      return oneLine(meta.error ? `${meta.error.code}: ${meta.error.message}` : (meta.note ?? ''));
    case 'open':
      return oneLine(openPreview(event) ?? meta.note ?? '');
    default:
      if (event.payload) return payloadPreview(event.payload);
      return oneLine(meta.note ?? meta.request?.url ?? '');
  }
}

function payloadPreview(payload: Payload | undefined): string {
  if (!payload) return '';
  if (payload.kind === 'binary') return hexPreview(payload.bytes, PREVIEW_HEX_BYTES, payload.byteLength);
  const more = payload.text.length > PREVIEW_SCAN_CHARS || payload.truncated !== undefined;
  return oneLine(payload.text.slice(0, PREVIEW_SCAN_CHARS), more);
}

/**
 * Cut to PREVIEW_MAX_CHARS with "…"; `more` says the input was already cut before it got here. Every
 * character is kept as it is (a NUL stays a NUL, a line break a line break): the webview shows
 * invisible and control characters as visible escapes, so two different payloads never look the same
 * (issue #7) — replacing them here with spaces or ⏎ made `a\0b` and `a b` one row.
 */
function oneLine(text: string, more = false): string {
  const flat = text;
  if (flat.length <= PREVIEW_MAX_CHARS && !more) return flat;
  let cut = flat.slice(0, PREVIEW_MAX_CHARS - 1);
  // Do not leave half of a surrogate pair at the end.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function requestLine(request: HttpMeta | undefined): string | undefined {
  if (!request) return undefined;
  return [request.method ?? 'GET', request.url ?? '', `HTTP/${request.httpVersion ?? '1.1'}`].filter(Boolean).join(' ');
}

function statusLine(response: HttpMeta | undefined): string | undefined {
  if (response?.status === undefined) return undefined;
  return `HTTP/${response.httpVersion ?? '1.1'} ${statusHeadline(response)}`;
}

/** "101 Switching Protocols": the server's reason phrase, or the standard one when it sent none. */
function statusHeadline(response: HttpMeta): string {
  const status = response.status ?? 0;
  const text = response.statusText?.trim() || REASON_PHRASES[status] || '';
  return text ? `${status} ${text}` : String(status);
}

function closeFramePreview(close: CloseMeta | undefined): string {
  if (close?.wireCode === undefined) return 'Close frame without a status code';
  const reason = close.wireReason ? `: ${close.wireReason}` : '';
  return `${closeHeadline(close.wireCode)}${reason}`;
}

function closedSummary(close: CloseMeta | undefined): string | undefined {
  if (!close) return undefined;
  const code = close.wireCode ?? close.localCode;
  if (code === undefined) return undefined;
  const by =
    close.initiator === 'client' ? ' (closed by client)' : close.initiator === 'server' ? ' (closed by server)' : '';
  const reason = close.wireReason ?? close.localReason;
  return `${closeHeadline(code)}${by}${reason ? `: ${reason}` : ''}`;
}

function openPreview(event: LogEvent): string | undefined {
  const parts: string[] = [];
  if (event.meta?.subprotocol) parts.push(`subprotocol ${event.meta.subprotocol}`);
  if (event.meta?.extensions) parts.push(`extensions ${event.meta.extensions}`);
  return parts.length ? `Open · ${parts.join(' · ')}` : undefined;
}

// ---- details ---------------------------------------------------------------------------------

function summaryOf(event: LogEvent): string | undefined {
  const meta = event.meta ?? {};
  switch (event.type) {
    case 'handshake-request':
      return requestLine(meta.request);
    case 'handshake-response':
      return meta.response?.status !== undefined ? statusHeadline(meta.response) : undefined;
    case 'close-frame':
      return closeFramePreview(meta.close);
    case 'closed':
      return closedSummary(meta.close) ?? 'Closed';
    case 'error':
    case 'heartbeat-timeout':
      return meta.error?.message ?? (event.type === 'heartbeat-timeout' ? 'Heartbeat timeout' : 'Error');
    case 'open':
      return 'Connection open';
    case 'message':
      return `${event.payload?.kind === 'binary' ? 'Binary' : 'Text'} message, ${formatBytes(event.size)}`;
    case 'ping':
    case 'pong':
      return `${event.type === 'ping' ? 'Ping' : 'Pong'}, ${formatBytes(event.size)}`;
    default:
      return meta.note;
  }
}

function factsOf(event: LogEvent): Array<[string, string]> {
  const meta = event.meta ?? {};
  const facts: Array<[string, string]> = [
    ['Seq', String(event.seq)],
    ['Time', new Date(event.time).toISOString()],
    [
      'Direction',
      event.direction === 'in' ? 'in (from server)' : event.direction === 'out' ? 'out (to server)' : 'local',
    ],
    ['Layer', event.layer],
    ['Type', event.type],
  ];
  if (event.size > 0 || event.payload) facts.push(['Size', formatBytes(event.size)]);
  if (event.parent !== undefined) facts.push(['Parent', `#${event.parent}`]);
  if (meta.request?.method) facts.push(['Method', meta.request.method]);
  if (meta.request?.url) facts.push(['URL', meta.request.url]);
  if (meta.response?.status !== undefined) facts.push(['Status', statusHeadline(meta.response)]);
  if (meta.response?.httpVersion) facts.push(['HTTP version', meta.response.httpVersion]);
  if (meta.subprotocol) facts.push(['Subprotocol', meta.subprotocol]);
  if (meta.extensions) facts.push(['Extensions', meta.extensions]);
  if (meta.durationMs !== undefined)
    facts.push([event.type === 'poll-response' ? 'Held' : 'Duration', `${Math.round(meta.durationMs * 10) / 10} ms`]);
  if (meta.frame) pushFrameFacts(facts, meta.frame);
  if (meta.close) pushCloseFacts(facts, meta.close);
  if (meta.error) pushErrorFacts(facts, meta.error);
  pushEngineFacts(facts, meta);
  if (event.payload?.truncated)
    facts.push(['Stored', `first ${formatBytes(event.payload.truncated.keptBytes)} (truncated in the log)`]);
  if (meta.note && event.type !== 'error') facts.push(['Note', meta.note]);
  return facts;
}

function pushFrameFacts(facts: Array<[string, string]>, frame: FrameMeta): void {
  if (frame.opcode !== undefined)
    facts.push(['Opcode', `${frame.opcode} (${OPCODE_NAMES[frame.opcode] ?? 'reserved'})`]);
  if (frame.compressed !== undefined) facts.push(['Compressed', frame.compressed ? 'yes (permessage-deflate)' : 'no']);
  if (frame.frames !== undefined) facts.push(['Frames', String(frame.frames)]);
  if (frame.wireBytes !== undefined) facts.push(['Wire bytes', formatBytes(frame.wireBytes)]);
}

function pushCloseFacts(facts: Array<[string, string]>, close: CloseMeta): void {
  if (close.wireCode !== undefined) facts.push(['Close code', closeHeadline(close.wireCode)]);
  if (close.wireReason) facts.push(['Reason', close.wireReason]);
  if (close.sentCode !== undefined) facts.push(['Close code sent', closeHeadline(close.sentCode)]);
  if (close.sentReason) facts.push(['Reason sent', close.sentReason]);
  if (close.localCode !== undefined && close.localCode !== close.wireCode)
    facts.push(['Reported code', closeHeadline(close.localCode)]);
  if (close.localReason && close.localReason !== close.wireReason) facts.push(['Reported reason', close.localReason]);
  if (close.initiator) facts.push(['Closed by', close.initiator]);
  if (close.closeFrameSent !== undefined) facts.push(['Close frame sent', close.closeFrameSent ? 'yes' : 'no']);
  if (close.closeFrameReceived !== undefined)
    facts.push(['Close frame received', close.closeFrameReceived ? 'yes' : 'no']);
}

function pushErrorFacts(facts: Array<[string, string]>, error: ErrorMeta): void {
  facts.push(['Error code', error.code]);
  facts.push(['Message', error.message]);
  // First line only: an internal error's detail may carry a stack trace, which belongs in the output channel.
  const detail = error.detail?.split('\n', 1)[0];
  if (detail && detail !== error.message) facts.push(['Detail', detail]);
}

function explanationOf(event: LogEvent): string | undefined {
  const meta = event.meta ?? {};
  if (meta.error) return meta.error.hint ? `${meta.error.message} ${meta.error.hint}` : meta.error.message;
  if (meta.close) {
    const code = meta.close.wireCode ?? meta.close.localCode;
    if (code !== undefined) return `${closeCodeName(code)}: ${closeCodeExplanation(code)}`;
    if (event.type === 'close-frame')
      return 'The close frame carried no status code (reported as 1005 No Status Received).';
  }
  return undefined;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB (${n} B)`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB (${n} B)`;
}
