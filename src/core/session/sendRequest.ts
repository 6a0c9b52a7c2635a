/**
 * What a caller asks a session to send. One shape for every caller (panel composer, command palette,
 * editor, replay), so that an outgoing event can keep its request and be sent again unchanged.
 * Plain, serialisable data: it crosses the host↔webview boundary and is stored in profiles later.
 */
export type SendRequest =
  /** A text message, sent as-is. */
  | { kind: 'text'; text: string }
  /** A text message that must parse as JSON; sent as the text given (not re-serialised). */
  | { kind: 'json'; text: string }
  /** A binary message typed as hex (`01 ff`, `0x01ff`, spaces/newlines ignored) or base64. */
  | { kind: 'binary'; encoding: 'hex' | 'base64'; data: string }
  /** A ping control frame with an optional UTF-8 payload (at most 125 bytes on the wire). */
  | { kind: 'ping'; text?: string }
  /** A close frame with an optional code (1000, 3000–4999, …) and reason (at most 123 bytes). */
  | { kind: 'close'; code?: number; reason?: string }
  /**
   * Socket.IO: emit `event` on `namespace` with `args`, the JSON text of an array. A value
   * `{"$binary": "<base64>"}` anywhere in it is sent as a binary attachment. With `ack`, the server's
   * acknowledgement is matched to this emit and timed.
   */
  | { kind: 'sio-emit'; namespace: string; event: string; args: string; ack: boolean }
  /** Socket.IO: join a namespace, with an optional auth object as JSON text. */
  | { kind: 'sio-connect'; namespace: string; auth?: string }
  /** Socket.IO: leave a namespace. */
  | { kind: 'sio-disconnect'; namespace: string }
  /** Socket.IO: answer an event the server sent with an ack id, with `args` (JSON array text). */
  | { kind: 'sio-ack'; namespace: string; id: number; args: string };

export type SendKind = SendRequest['kind'];

export const SEND_KINDS: readonly SendKind[] = [
  'text',
  'json',
  'binary',
  'ping',
  'close',
  'sio-emit',
  'sio-connect',
  'sio-disconnect',
  'sio-ack',
];

/** The kinds of session (ConnectionOptions['kind']), named here so this file stays free of option code. */
export type SessionKind = 'websocket' | 'engineio' | 'socketio' | 'longpoll' | 'shortpoll' | 'sse';

/**
 * What each kind of session can send — the one place this rule lives: WebSocket speaks in frames,
 * Engine.IO in messages, Socket.IO in events and namespaces (and each can close).
 */
export const SEND_KINDS_BY_SESSION: Readonly<Record<SessionKind, readonly SendKind[]>> = {
  websocket: ['text', 'json', 'binary', 'ping', 'close'],
  engineio: ['text', 'binary', 'close'],
  socketio: ['sio-emit', 'sio-connect', 'sio-disconnect', 'sio-ack', 'close'],
  // Polling sessions only receive: each request is the loop's own (issue 11); Disconnect stops them.
  longpoll: [],
  shortpoll: [],
  // Server-Sent Events flow from the server only (issue 11); the session's own close() ends it.
  sse: [],
};

/** Whether a session of this kind can send a request of this kind. */
export function acceptsSendKind(session: SessionKind, kind: SendKind): boolean {
  return SEND_KINDS_BY_SESSION[session].includes(kind);
}
