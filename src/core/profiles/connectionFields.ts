/**
 * Which fields a saved connection of each kind may have, and which of them may span lines. The lists are
 * checked against the option interfaces at compile time (a field added to an interface and not here is a
 * type error), and the JSON schema is tested against them (test/unit/core/profiles/profileSchema.test.ts).
 */
import type { TlsOptions } from '../connection/commonOptions';
import type { ConnectionKind } from '../connection/connectionKinds';
import type { WebSocketConnectionOptions } from '../connection/connectionOptions';
import type { EngineIoConnectionOptions, NamespaceOption } from '../connection/engineIoOptions';
import type { PollConnectionOptions, PollCursorRule, PollRetryOptions } from '../connection/pollOptions';
import type { SseConnectionOptions } from '../connection/sseOptions';
import type { SendKind, SendRequest } from '../session/sendRequest';
import type { JsonSegments } from './jsonPath';

/** `fields` when it names every key of T (and nothing else); a compile error otherwise. */
function everyFieldOf<T>() {
  return <const F extends ReadonlyArray<keyof T>>(
    fields: F & ([Exclude<keyof T, F[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, F[number]> }),
  ): readonly string[] => fields as readonly string[];
}

const WEBSOCKET = everyFieldOf<WebSocketConnectionOptions>()([
  'kind',
  'url',
  'headers',
  'subprotocols',
  'origin',
  'perMessageDeflate',
  'tls',
  'handshakeTimeoutMs',
  'heartbeatIntervalMs',
  'heartbeatTimeoutMs',
  'maxPayloadBytes',
  'maxStoredPayloadBytes',
  'maxFragmentsPerMessage',
  'maxBufferedSendBytes',
  'followRedirects',
  'maxRedirects',
]);

const SOCKET_IO = everyFieldOf<EngineIoConnectionOptions>()([
  'kind',
  'url',
  'path',
  'query',
  'headers',
  'transports',
  'protocolVersion',
  'tls',
  'perMessageDeflate',
  'handshakeTimeoutMs',
  'maxPollBodyBytes',
  'maxPayloadBytes',
  'maxStoredPayloadBytes',
  'maxFragmentsPerMessage',
  'maxBufferedSendBytes',
  'followRedirects',
  'maxRedirects',
  'namespaces',
  'parser',
  'maxAttachments',
]);

/** Socket.IO's fields without the three only Socket.IO uses (namespaces, parser, maxAttachments). */
const ENGINE_IO = everyFieldOf<Omit<EngineIoConnectionOptions, 'namespaces' | 'parser' | 'maxAttachments'>>()([
  'kind',
  'url',
  'path',
  'query',
  'headers',
  'transports',
  'protocolVersion',
  'tls',
  'perMessageDeflate',
  'handshakeTimeoutMs',
  'maxPollBodyBytes',
  'maxPayloadBytes',
  'maxStoredPayloadBytes',
  'maxFragmentsPerMessage',
  'maxBufferedSendBytes',
  'followRedirects',
  'maxRedirects',
]);

const SSE = everyFieldOf<SseConnectionOptions>()([
  'kind',
  'url',
  'method',
  'headers',
  'body',
  'lastEventId',
  'tls',
  'handshakeTimeoutMs',
  'maxLineBytes',
  'maxStoredPayloadBytes',
  'reconnect',
  'idleTimeoutMs',
  'followRedirects',
  'maxRedirects',
]);

const POLL = everyFieldOf<PollConnectionOptions>()([
  'kind',
  'url',
  'method',
  'headers',
  'body',
  'requestTimeoutMs',
  'intervalMs',
  'cursor',
  'retry',
  'maxBodyBytes',
  'maxStoredPayloadBytes',
  'tls',
  'followRedirects',
  'maxRedirects',
]);

/** The fields of a saved connection, by kind. */
export const CONNECTION_FIELDS: Readonly<Record<ConnectionKind, readonly string[]>> = {
  websocket: WEBSOCKET,
  socketio: SOCKET_IO,
  engineio: ENGINE_IO,
  sse: SSE,
  longpoll: POLL,
  shortpoll: POLL,
};

/** Every kind, in the order the Connect menu shows them. */
export const CONNECTION_KINDS = Object.keys(CONNECTION_FIELDS) as ConnectionKind[];

/** The fields of the objects nested in a connection, by the connection field that holds them. */
export const NESTED_FIELDS: Readonly<Record<'tls' | 'cursor' | 'retry' | 'namespaces', readonly string[]>> = {
  tls: everyFieldOf<TlsOptions>()(['rejectUnauthorized', 'ca', 'servername']),
  cursor: everyFieldOf<PollCursorRule>()(['from', 'to']),
  retry: everyFieldOf<PollRetryOptions>()(['maxRetries', 'initialDelayMs', 'maxDelayMs']),
  namespaces: everyFieldOf<NamespaceOption>()(['name', 'auth']),
};

/** The fields of a send request, by its kind. */
export const SEND_REQUEST_FIELDS: Readonly<Record<SendKind, readonly string[]>> = {
  text: everyFieldOf<Extract<SendRequest, { kind: 'text' }>>()(['kind', 'text']),
  json: everyFieldOf<Extract<SendRequest, { kind: 'json' }>>()(['kind', 'text']),
  binary: everyFieldOf<Extract<SendRequest, { kind: 'binary' }>>()(['kind', 'encoding', 'data']),
  ping: everyFieldOf<Extract<SendRequest, { kind: 'ping' }>>()(['kind', 'text']),
  close: everyFieldOf<Extract<SendRequest, { kind: 'close' }>>()(['kind', 'code', 'reason']),
  'sio-emit': everyFieldOf<Extract<SendRequest, { kind: 'sio-emit' }>>()(['kind', 'namespace', 'event', 'args', 'ack']),
  'sio-connect': everyFieldOf<Extract<SendRequest, { kind: 'sio-connect' }>>()(['kind', 'namespace', 'auth']),
  'sio-disconnect': everyFieldOf<Extract<SendRequest, { kind: 'sio-disconnect' }>>()(['kind', 'namespace']),
  'sio-ack': everyFieldOf<Extract<SendRequest, { kind: 'sio-ack' }>>()(['kind', 'namespace', 'id', 'args']),
};

/**
 * Whether the string at `segments` (inside a connection) may contain line breaks: a request body, a PEM CA and
 * a Socket.IO auth payload (JSON text) may; everything else ends up in a URL, a header or one line of a
 * request, where a line break would inject another header.
 */
export function allowsLineBreaks(segments: JsonSegments): boolean {
  const [first, second, third] = segments;
  return first === 'body' || (first === 'tls' && second === 'ca') || (first === 'namespaces' && third === 'auth');
}
