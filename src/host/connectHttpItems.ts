/**
 * The `Connect…` menu items of the plain-HTTP kinds (issue 11), each showing its current value: Server-Sent
 * Events (method, body, Last-Event-ID, reconnect) and long/short polling (method, body, interval, request
 * timeout, cursor rule). A body is shown by its size only: it may hold an API key.
 */
import {
  DEFAULT_LONGPOLL_TIMEOUT_MS,
  DEFAULT_SHORTPOLL_INTERVAL_MS,
  DEFAULT_SHORTPOLL_TIMEOUT_MS,
  type PollCursorRule,
} from '../core/connection/pollOptions';
import type { Draft, OptionItem } from './connectDraft';

/** The items of an SSE session. */
export function sseItems(draft: Draft): OptionItem[] {
  const lastEventId = typeof draft.lastEventId === 'string' && draft.lastEventId !== '' ? draft.lastEventId : '';
  return [
    ...requestItems(draft, 'GET is what EventSource does; streamed AI APIs POST a JSON body'),
    {
      id: 'lastEventId',
      label: '$(history) Last-Event-ID…',
      description: lastEventId ? `"${cut(lastEventId)}" on the first request` : 'none: the stream starts afresh',
    },
    {
      id: 'reconnect',
      label: `$(debug-restart) Reconnect: ${draft.reconnect === false ? 'off' : 'on'}`,
      description: 'after the end of the stream or a network error, with the last event id (toggle)',
    },
  ];
}

/** The items of a long-polling or short-polling session. */
export function pollItems(draft: Draft): OptionItem[] {
  const short = draft.kind === 'shortpoll';
  const interval = numberOr(draft.intervalMs, short ? DEFAULT_SHORTPOLL_INTERVAL_MS : 0);
  const timeout = numberOr(draft.requestTimeoutMs, short ? DEFAULT_SHORTPOLL_TIMEOUT_MS : DEFAULT_LONGPOLL_TIMEOUT_MS);
  const cursor = draft.cursor as Partial<PollCursorRule> | undefined;
  return [
    ...requestItems(draft, 'the method of every poll'),
    {
      id: 'interval',
      label: '$(watch) Interval…',
      description: short
        ? `a request every ${interval} ms`
        : interval > 0
          ? `ask again ${interval} ms after each answer`
          : 'ask again as soon as each answer arrives',
    },
    {
      id: 'requestTimeout',
      label: '$(clock) Request timeout…',
      description: `${timeout} ms per request${short ? '' : ' (longer than the server holds a poll)'}`,
    },
    {
      id: 'cursor',
      label: '$(arrow-circle-right) Cursor…',
      description: cursor?.from && cursor.to ? `${cut(cursor.from)} → ${cut(cursor.to)}` : 'none',
    },
  ];
}

/** Method and, for a POST, the body. */
function requestItems(draft: Draft, methodHint: string): OptionItem[] {
  const post = draft.method === 'POST';
  const items: OptionItem[] = [
    { id: 'method', label: `$(arrow-right) Method: ${post ? 'POST' : 'GET'}`, description: `${methodHint} (toggle)` },
  ];
  if (post) {
    const body = typeof draft.body === 'string' ? draft.body : '';
    items.push({
      id: 'body',
      label: '$(note) Body…',
      description: body === '' ? 'none' : `${body.length} character${body.length === 1 ? '' : 's'}`,
    });
  }
  return items;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function cut(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
