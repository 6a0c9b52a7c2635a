/**
 * Which kind of session a URL most likely wants, and how each kind is named in the UI.
 * ws:// and wss:// are raw WebSocket; http(s):// is Socket.IO unless its path says /engine.io/.
 */
import type { ConnectionOptions } from '../core/connection/connectionOptions';

export type ConnectionKind = ConnectionOptions['kind'];

export const KIND_LABELS: Record<ConnectionKind, string> = {
  websocket: 'WebSocket',
  socketio: 'Socket.IO',
  engineio: 'Engine.IO',
  sse: 'Server-Sent Events',
  longpoll: 'HTTP long-polling',
  shortpoll: 'HTTP short polling',
};

export function inferKind(url: string): ConnectionKind {
  const text = url.trim().toLowerCase();
  if (/^wss?:/.test(text))
    return /\/(socket|engine)\.io\//.test(text)
      ? text.includes('/engine.io/')
        ? 'engineio'
        : 'socketio'
      : 'websocket';
  return text.includes('/engine.io') ? 'engineio' : 'socketio';
}
