/**
 * Queries over a session's log, run in the host (issue #9): what a query says (text or regular
 * expression over summary and payload, direction, layer, type, Socket.IO event name and namespace, time
 * range), the record a query looks at for one event, and the match. Pure.
 */
import type { Direction, Layer, LogEvent } from '../events/logEvent';
import type { EventQuery } from './queryTypes';

export type { EventQuery } from './queryTypes';
import { PREVIEW_FROM_META, previewOf } from '../view/eventPreview';

/** What a query looks at for one event: small, plain, cheap to send to a worker. */
export interface SearchRecord {
  seq: number;
  time: number;
  direction: Direction;
  layer: Layer;
  type: string;
  /** The row's summary and, for text payloads, the payload text (at most SEARCH_TEXT_MAX_CHARS). */
  text: string;
  sioEvent?: string;
  namespace?: string;
}

/** How much of a payload's text a query searches: a 16 MiB message is searched in its first 64 KiB. */
export const SEARCH_TEXT_MAX_CHARS = 64 * 1024;

/**
 * Whether the search text of `event` needs its meta: not when its preview is the start of its text payload
 * (then the text is the payload's, issue #9); a query reads only the meta's `sio` for the others.
 */
export function searchNeedsMeta(event: LogEvent): boolean {
  return event.payload?.kind !== 'text' || PREVIEW_FROM_META.has(event.type);
}

/** The record of one event (built when it is searched, never when it is recorded). */
export function searchRecordOf(event: LogEvent): SearchRecord {
  const payload = event.payload;
  const payloadText = payload?.kind === 'text' ? payload.text.slice(0, SEARCH_TEXT_MAX_CHARS) : '';
  const record: SearchRecord = {
    seq: event.seq,
    time: event.time,
    direction: event.direction,
    layer: event.layer,
    type: event.type,
    // A preview cut from the payload is the payload's start: searchText would keep the payload alone.
    text: searchNeedsMeta(event) ? searchText(previewOf(event), payloadText) : payloadText,
  };
  const sio = event.meta?.sio;
  if (sio?.event !== undefined) record.sioEvent = sio.event;
  if (sio?.namespace !== undefined) record.namespace = sio.namespace;
  return record;
}

/**
 * The summary and the payload's text, once: a message's summary is the start of its payload, and the
 * payload twice would make `^…$` and counts misleading; a status line or close code stands apart.
 */
function searchText(preview: string, payloadText: string): string {
  if (payloadText === '') return preview;
  const shown = preview.endsWith('…') ? preview.slice(0, -1) : preview;
  return payloadText.startsWith(shown) ? payloadText : `${preview}\n${payloadText}`;
}

/** A query made ready to run: the text lowered, the expression compiled once. */
export interface CompiledQuery {
  readonly query: EventQuery;
  readonly textLower?: string;
  readonly pattern?: RegExp;
}

export type CompileResult = { ok: true; value: CompiledQuery } | { ok: false; message: string };

/** Compiles the query; a bad regular expression is a clear message, not an exception. */
export function compileQuery(query: EventQuery): CompileResult {
  let pattern: RegExp | undefined;
  if (query.regex) {
    const flags = (query.regex.flags ?? '').replace(/[^imsu]/g, '');
    try {
      pattern = new RegExp(query.regex.source, flags);
    } catch (error) {
      return { ok: false, message: `Not a valid regular expression: ${(error as Error).message}` };
    }
  }
  const textLower = query.text ? query.text.toLowerCase() : undefined;
  return { ok: true, value: { query, textLower, pattern } };
}

/** Whether the record matches every condition of the query. */
export function matchesQuery(record: SearchRecord, compiled: CompiledQuery): boolean {
  if (!matchesFields(compiled.query, record)) return false;
  // The quick filter finds rows by their type too (`sio-ack`), as the table's filter always did.
  if (compiled.textLower !== undefined && !containsLower(record, compiled.textLower)) return false;
  if (compiled.pattern && !testPattern(compiled.pattern, record.type) && !testPattern(compiled.pattern, record.text)) {
    return false;
  }
  return true;
}

/** The conditions on a record's fields: direction, layer, type, Socket.IO event and namespace, time range. */
export function matchesFields(
  q: EventQuery,
  record: Omit<SearchRecord, 'text' | 'direction' | 'layer'> & {
    direction: string;
    layer: string;
  },
): boolean {
  if (q.directions?.length && !(q.directions as readonly string[]).includes(record.direction)) return false;
  if (q.layers?.length && !(q.layers as readonly string[]).includes(record.layer)) return false;
  if (q.types?.length && !q.types.includes(record.type)) return false;
  if (q.sioEvent !== undefined && record.sioEvent !== q.sioEvent) return false;
  if (q.namespace !== undefined && record.namespace !== q.namespace) return false;
  if (q.timeFrom !== undefined && record.time < q.timeFrom) return false;
  if (q.timeTo !== undefined && record.time > q.timeTo) return false;
  return true;
}

function containsLower(record: SearchRecord, textLower: string): boolean {
  return record.type.toLowerCase().includes(textLower) || record.text.toLowerCase().includes(textLower);
}

function testPattern(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}
