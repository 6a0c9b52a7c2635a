/**
 * The row preview of Server-Sent Events and generic polling rows (issue 11): `[tick] id 42 · {"n":42}`,
 * `200 · held 1.2 s · 3 messages · cursor 4→7`, `reconnect #2 in 1.5 s · why`. Built only when a row is shown
 * or searched, never when the event is recorded; every part bounded (the caller cuts the line). Pure.
 */
import type { LogEvent, Payload, PollMeta } from '../events/logEvent';

/** Text previews of data look at no more of the payload than this. */
const DATA_SCAN_CHARS = 400;
/** A poll answer's items are counted only in bodies up to this size (a JSON parse per row shown). */
const COUNT_SCAN_CHARS = 64 * 1024;
/** Server-chosen names (an event type, an array's key) are cut to this many characters in a preview. */
const NAME_MAX_CHARS = 40;

/** `850 ms`, `1.2 s`, `2 s`, `1 min 5 s`: how long, in the unit a person reads best. */
export function formatWait(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${String(Math.round(ms / 100) / 10)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
}

/** `[tick] id 42 · {"n":42}`: the event type (`message` when the block named none), its id, its data. */
export function sseEventPreview(event: LogEvent): string {
  const sse = event.meta?.sse;
  const id = sse?.id !== undefined ? ` id ${cut(sse.id)}` : '';
  const data = event.payload && event.payload.byteLength > 0 ? dataStart(event.payload) : '(empty data)';
  return `[${cut(sse?.event ?? 'message')}]${id} · ${data}`;
}

/** `retry 3000 ms · Reconnects wait 3000 ms …`. */
export function sseRetryPreview(event: LogEvent): string {
  const retryMs = event.meta?.sse?.retryMs;
  return joined([retryMs !== undefined ? `retry ${retryMs} ms` : 'retry', event.meta?.note]);
}

/** `id 42 · An id and no data: …`. */
export function sseIdPreview(event: LogEvent): string {
  const id = event.meta?.sse?.id;
  return joined([id === undefined || id === '' ? 'id (empty)' : `id ${cut(id)}`, event.meta?.note]);
}

/** `reconnect #2 in 1.5 s · The stream ended.`: the attempt, the wait, and why (the note's first part). */
export function reconnectPreview(event: LogEvent): string {
  const sse = event.meta?.sse;
  const note = event.meta?.note;
  // The note is "<why> Reconnecting (attempt n) in …": the row keeps the why; the details have the rest.
  const why = note?.split(' Reconnecting (')[0];
  if (sse?.attempt === undefined) return note ?? 'reconnect';
  const wait = sse.delayMs !== undefined ? ` in ${formatWait(sse.delayMs)}` : '';
  return joined([`reconnect #${sse.attempt}${wait}`, why]);
}

/** `GET /chat/poll?cursor=4` and, for a POST, the start of its body. */
export function pollRequestPreview(event: LogEvent): string {
  const meta = event.meta ?? {};
  const line = meta.note ?? `${meta.request?.method ?? 'GET'} ${meta.request?.url ?? ''}`;
  return joined([line, event.payload ? dataStart(event.payload) : undefined]);
}

/** `200 · held 1.2 s · 3 messages · cursor 4→7`, `204 · held 25 s · empty`, `503 Service Unavailable · …`. */
export function pollResponsePreview(event: LogEvent, statusText: string): string {
  const poll = event.meta?.poll ?? {};
  const parts = [statusText];
  if (poll.holdMs !== undefined) parts.push(`held ${formatWait(poll.holdMs)}`);
  parts.push(poll.empty ? 'empty' : (itemCount(event.payload) ?? sizeText(event.size)));
  const cursor = cursorText(poll);
  if (cursor) parts.push(cursor);
  if (poll.attempt !== undefined) parts.push(`retry ${poll.attempt}`);
  return parts.join(' · ');
}

/** `retry 2 in 1.5 s · Retry-After: …` (the cause is the row's warning). */
export function pollRetryPreview(event: LogEvent): string {
  const poll = event.meta?.poll;
  const which = poll?.attempt !== undefined ? `retry ${poll.attempt}` : 'retry';
  const wait = poll?.retryInMs !== undefined ? ` in ${formatWait(poll.retryInMs)}` : '';
  return joined([`${which}${wait}`, event.meta?.note]);
}

/** `cursor 4→7` when it moved, `cursor 4` when it stayed, nothing without a cursor rule. */
function cursorText(poll: PollMeta): string | undefined {
  const cursor = poll.cursor;
  if (!cursor || (cursor.before === undefined && cursor.after === undefined)) return undefined;
  if (cursor.after === undefined || cursor.after === cursor.before) return `cursor ${cut(cursor.before ?? '')}`;
  return `cursor ${cut(cursor.before ?? '(none)')}→${cut(cursor.after)}`;
}

/**
 * How many items a JSON answer carries: `3 items` for an array, `3 messages` for an object whose first array
 * field is `messages` (`1 message` for one). Undefined when the body is not such JSON or too large to look at.
 */
export function itemCount(payload: Payload | undefined): string | undefined {
  if (payload?.kind !== 'text' || payload.truncated || payload.text.length > COUNT_SCAN_CHARS) return undefined;
  const start = payload.text.trimStart()[0];
  if (start !== '[' && start !== '{') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.text);
  } catch {
    return undefined;
  }
  if (Array.isArray(parsed)) return counted(parsed.length, 'items');
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  for (const [key, value] of Object.entries(parsed)) if (Array.isArray(value)) return counted(value.length, key);
  return undefined;
}

/** `3 messages`, `1 message` (a plural key loses its `s` for one), `0 items`. */
function counted(n: number, key: string): string {
  const name = cut(key);
  return `${n} ${n === 1 && /[^s]s$/.test(name) ? name.slice(0, -1) : name}`;
}

function sizeText(bytes: number): string {
  return bytes === 0 ? 'no body' : bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The start of a payload's text (binary: its size); the caller cuts the whole line. */
function dataStart(payload: Payload | undefined): string {
  if (!payload) return '';
  if (payload.kind === 'binary') return `(${sizeText(payload.byteLength)} binary)`;
  return payload.text.slice(0, DATA_SCAN_CHARS);
}

function cut(text: string): string {
  if (text.length <= NAME_MAX_CHARS) return text;
  const kept = text.slice(0, NAME_MAX_CHARS - 1);
  // Never half of a surrogate pair at the cut.
  return `${/[\ud800-\udbff]$/.test(kept) ? kept.slice(0, -1) : kept}…`;
}

function joined(parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(' · ');
}
