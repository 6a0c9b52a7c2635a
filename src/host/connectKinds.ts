/**
 * Which kind of session a URL most likely wants. ws:// and wss:// are raw WebSocket (Socket.IO or Engine.IO
 * when the path says so); http(s):// is Server-Sent Events when its path names an event stream (`/sse`,
 * `/events`, `/stream`, `….sse`), HTTP long-polling when it names a poll (`/poll`, `/longpoll`), and Socket.IO
 * otherwise (Engine.IO when the path says /engine.io/). The user can always choose another kind.
 */
import { CONNECTION_KIND_LABELS, type ConnectionKind } from '../core/connection/connectionKinds';

export type { ConnectionKind } from '../core/connection/connectionKinds';

/** How each kind is named in the UI (core's one list). */
export const KIND_LABELS = CONNECTION_KIND_LABELS;

/** Path segments that name an event stream (issue 11: "the URL path says so"). */
const SSE_SEGMENTS = new Set(['sse', 'events', 'event-stream', 'eventstream', 'eventsource', 'stream']);
/** Path segments that name a long-poll endpoint. */
const POLL_SEGMENTS = new Set(['poll', 'longpoll', 'long-poll', 'long-polling']);

export function inferKind(url: string): ConnectionKind {
  const text = url.trim().toLowerCase();
  if (/^wss?:/.test(text))
    return /\/(socket|engine)\.io\//.test(text)
      ? text.includes('/engine.io/')
        ? 'engineio'
        : 'socketio'
      : 'websocket';
  if (text.includes('/engine.io')) return 'engineio';
  if (text.includes('/socket.io')) return 'socketio';
  return httpKindFromPath(pathSegments(text)) ?? 'socketio';
}

/** The kind an http(s) path names, if any. */
function httpKindFromPath(segments: readonly string[]): ConnectionKind | undefined {
  if (segments.some((s) => SSE_SEGMENTS.has(s) || s.endsWith('.sse'))) return 'sse';
  if (segments.some((s) => POLL_SEGMENTS.has(s))) return 'longpoll';
  return undefined;
}

/** The path's segments, lower case, without the query or fragment; none when the text is not a URL. */
function pathSegments(text: string): string[] {
  let path: string;
  try {
    path = new URL(text).pathname;
  } catch {
    return [];
  }
  return path.split('/').filter((s) => s !== '');
}
