/**
 * The refusal of a send request that a session does not accept. The rule itself is core's
 * (`acceptsSendKind` in session/sendRequest.ts, issue #8: "one place per rule"); this only words it.
 */
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { acceptsSendKind, SEND_KINDS_BY_SESSION, type SendKind, type SessionKind } from './sendRequest';

const SESSION_NAMES: Record<SessionKind, string> = {
  websocket: 'A WebSocket',
  engineio: 'An Engine.IO',
  socketio: 'A Socket.IO',
  longpoll: 'A long-polling',
  shortpoll: 'A short-polling',
  sse: 'An SSE',
};

const POLL_HINT = 'A polling session only receives: it sends its own requests, again and again. Disconnect stops it.';

const HINTS: Record<SessionKind, string> = {
  websocket: 'Socket.IO events and namespaces need a Socket.IO session; a raw WebSocket sends frames.',
  engineio: 'An Engine.IO session sends messages (text or binary); Socket.IO events need a Socket.IO session.',
  socketio:
    'Raw text or binary would not be a valid Socket.IO packet and the server would drop the connection: ' +
    'emit an event with a namespace, a name and JSON arguments.',
  longpoll: POLL_HINT,
  shortpoll: POLL_HINT,
  sse: 'Server-Sent Events flow from the server to the client only. Disconnect stops the stream.',
};

/** RI_INVALID_MESSAGE naming the kind and what `session` accepts; undefined when it accepts the request. */
export function refuseUnacceptedKind(
  session: SessionKind,
  request: { kind?: unknown } | undefined,
): ErrorMeta | undefined {
  const kind = request?.kind;
  if (acceptsSendKind(session, kind as SendKind)) return undefined;
  // Never String(kind): a prototype-less object or a symbol from a caller would throw here.
  const shown = typeof kind === 'string' ? JSON.stringify(kind.slice(0, 40)) : `of type ${typeof kind}`;
  const accepted = SEND_KINDS_BY_SESSION[session].join(', ') || 'nothing';
  return {
    code: ErrorCode.InvalidMessage,
    message: `${SESSION_NAMES[session]} session cannot send a request of kind ${shown}: it sends ${accepted}.`,
    hint: HINTS[session],
  };
}
