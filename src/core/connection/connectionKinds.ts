/**
 * The kinds of session and how they are named to a person, in one place: the Connect menu, the status bar
 * and the panel's header all say "Server-Sent Events", never `sse`.
 */
import type { ConnectionOptions } from './connectionOptions';

export type ConnectionKind = ConnectionOptions['kind'];

export const CONNECTION_KIND_LABELS: Readonly<Record<ConnectionKind, string>> = {
  websocket: 'WebSocket',
  socketio: 'Socket.IO',
  engineio: 'Engine.IO',
  sse: 'Server-Sent Events',
  longpoll: 'HTTP long-polling',
  shortpoll: 'HTTP short polling',
};

/** The label of `kind`, or the kind itself when it is one this version does not know (a newer profile). */
export function kindLabel(kind: string): string {
  return Object.hasOwn(CONNECTION_KIND_LABELS, kind) ? CONNECTION_KIND_LABELS[kind as ConnectionKind] : kind;
}

/** Whether sessions of `kind` speak Engine.IO (sid, transport, heartbeat, the upgrade timeline). */
export function isEngineIoKind(kind: string): boolean {
  return kind === 'engineio' || kind === 'socketio';
}
