/**
 * The rows of the Socket.IO layer: what each incoming packet type means (namespace membership, the
 * server's ack requests, the acks of our emits, reserved names), and the event shapes both directions
 * share. Pure: time stamps come from the message that carried the packet.
 */
import { ErrorCode } from '../errors';
import type { Direction, EventMeta, LogEvent, NewLogEvent, SioMeta } from '../events/logEvent';
import type { EventTime } from '../engineio/eioPacketEvents';
import { textPayload } from '../payload/storedPayload';
import { looksLikeMsgpackMap } from './sioMsgpack';
import type { NamespaceTracker } from './sioNamespaces';
import { RESERVED_EVENTS, reservedEventWarning, type SioPacket } from './sioPacket';
import type { ServerAckRequests } from './serverAckRequests';

/** What the decoder keeps that an incoming packet may change. */
export interface IncomingState {
  readonly namespaces: NamespaceTracker;
  readonly serverAcks: ServerAckRequests;
  /** The emit of ours that ack `id` answers, taken off the waiting list. */
  takePendingAck(id: number | undefined): { seq: number; mono: number } | undefined;
}

/** The row being built for an incoming packet. */
export interface IncomingRow {
  meta: EventMeta;
  sio: SioMeta;
  warnings: string[];
  /** The message whose arrival completed the packet. */
  at: LogEvent;
}

/** `BINARY_EVENT` → `sio-binary-event`: event types keep the wire type. */
export function sioType(type: SioPacket['type']): string {
  return SIO_EVENT_TYPES[type] ?? `sio-${type.toLowerCase().replace(/_/g, '-')}`;
}

/** The event type of each packet type: one string each, not built per packet. */
const SIO_EVENT_TYPES: Readonly<Record<string, string | undefined>> = {
  CONNECT: 'sio-connect',
  DISCONNECT: 'sio-disconnect',
  EVENT: 'sio-event',
  ACK: 'sio-ack',
  CONNECT_ERROR: 'sio-connect-error',
  BINARY_EVENT: 'sio-binary-event',
  BINARY_ACK: 'sio-binary-ack',
};

/** A Socket.IO row, complete. */
export function sioEvent(
  direction: Direction,
  type: SioPacket['type'],
  meta: EventMeta,
  dataText: string | undefined,
  parent: number,
  at: EventTime,
  maxStoredBytes: number,
): NewLogEvent {
  const payload = dataText ? textPayload(dataText, maxStoredBytes) : undefined;
  // The payload's byteLength is the data's size, measured once.
  const size = payload ? payload.byteLength : 0;
  return { time: at.time, mono: at.mono, direction, layer: 'sio', type: sioType(type), size, payload, parent, meta };
}

/** A message that is not a Socket.IO packet, with its raw text. */
export function decodeErrorEvent(message: string, raw: string, at: LogEvent, maxStoredBytes: number): NewLogEvent {
  return {
    time: at.time,
    mono: at.mono,
    direction: 'in',
    layer: 'sio',
    type: 'sio-decode-error',
    size: Buffer.byteLength(raw),
    payload: textPayload(raw, maxStoredBytes),
    parent: at.seq,
    meta: {
      sio: { packetType: 'UNKNOWN', namespace: '?', decodeError: message },
      error: { code: ErrorCode.ParseError, message: `Socket.IO decode error: ${message}` },
    },
  };
}

/** A binary message that no BINARY_EVENT/BINARY_ACK announced (its bytes are on its `eio-message` row). */
export function unannouncedAttachmentEvent(bytes: Uint8Array, at: LogEvent): NewLogEvent {
  const hint = looksLikeMsgpackMap(bytes)
    ? 'It starts like a msgpack map: the server may use socket.io-msgpack-parser; choose the msgpack parser.'
    : undefined;
  const message = `A binary message of ${bytes.length} bytes arrived that no BINARY_EVENT/BINARY_ACK announced.`;
  return {
    time: at.time,
    mono: at.mono,
    direction: 'in',
    layer: 'sio',
    type: 'sio-decode-error',
    size: bytes.length,
    parent: at.seq,
    meta: {
      sio: { packetType: 'ATTACHMENT', namespace: '?', decodeError: 'unannounced attachment' },
      error: { code: ErrorCode.ParseError, message, hint },
    },
  };
}

/** Fills in the row of an incoming packet by its type, and applies it to the decoder's state. */
export function applyIncomingPacket(packet: SioPacket, row: IncomingRow, state: IncomingState): void {
  switch (packet.type) {
    case 'CONNECT':
    case 'CONNECT_ERROR':
    case 'DISCONNECT':
      applyMembership(packet, row, state.namespaces);
      break;
    case 'EVENT':
    case 'BINARY_EVENT':
      applyEvent(packet, row, state.serverAcks);
      break;
    case 'ACK':
    case 'BINARY_ACK':
      applyAck(packet, row, state);
      break;
  }
}

/**
 * Longest server text (a refusal message, a Socket.IO sid, an event name) copied into the header, a row's meta or
 * an error message.
 */
export const MAX_SHOWN_SERVER_TEXT = 1000;

/**
 * A server's text as the header and the error row show it, cut at MAX_SHOWN_SERVER_TEXT characters: a 1 MB
 * CONNECT_ERROR message would otherwise ride along with every header update (issue 12). The row's payload
 * keeps the packet as received.
 */
function shownText(text: string): string {
  if (text.length <= MAX_SHOWN_SERVER_TEXT) return text;
  return `${text.slice(0, MAX_SHOWN_SERVER_TEXT)}… (${text.length} characters)`;
}

/** CONNECT, CONNECT_ERROR, DISCONNECT: only namespaces asked for change state; others are warned. */
function applyMembership(packet: SioPacket, row: IncomingRow, namespaces: NamespaceTracker): void {
  const { meta, sio, warnings } = row;
  const name = sio.namespace;
  if (packet.type === 'CONNECT') {
    const rawSid = (packet.data as { sid?: unknown } | undefined)?.sid;
    const sid = typeof rawSid === 'string' ? shownText(rawSid) : undefined;
    const warning = namespaces.onServerPacket('CONNECT', name, { sid });
    if (warning) warnings.push(warning);
    else meta.note = `Joined ${name}${sid !== undefined ? ` as ${sid}` : ''}`;
  } else if (packet.type === 'CONNECT_ERROR') {
    const data = packet.data as { message?: unknown } | string | undefined;
    const reason = shownText(
      typeof data === 'string' ? data : typeof data?.message === 'string' ? data.message : 'refused',
    );
    const warning = namespaces.onServerPacket('CONNECT_ERROR', name, { reason });
    if (warning) warnings.push(warning);
    else {
      meta.error = {
        code: ErrorCode.NamespaceRefused,
        message: `The server refused namespace ${name}: ${reason}`,
        hint: 'Check the auth payload (Socket.IO 3+) or the query (Socket.IO 2) the server expects.',
      };
    }
  } else {
    const warning = namespaces.onServerPacket('DISCONNECT', name);
    if (warning) warnings.push(warning);
    meta.note = `The server disconnected ${name}`;
  }
}

/**
 * EVENT: its name (reserved names flagged), and the server's request for an ack. The name is cut like the sid and
 * refusal messages: it is kept in every row's meta and shown in the details and exports, while the payload keeps
 * the packet whole (issue 12).
 */
function applyEvent(packet: SioPacket, row: IncomingRow, serverAcks: ServerAckRequests): void {
  const { meta, sio, warnings } = row;
  const name = String((packet.data as unknown[])[0]);
  sio.event = shownText(name);
  if (RESERVED_EVENTS.has(name)) {
    sio.reservedName = true;
    warnings.push(reservedEventWarning(name));
  }
  if (packet.id === undefined) return;
  const dropped = serverAcks.add(sio.namespace, packet.id);
  if (dropped) warnings.push(dropped);
  const asks = `The server asks for an ack (id ${packet.id}): answer it with sio-ack`;
  meta.note = [meta.note, asks].filter(Boolean).join('; ');
}

/** ACK: the emit it answers, and the round trip. */
function applyAck(packet: SioPacket, row: IncomingRow, state: IncomingState): void {
  const { meta, sio, at } = row;
  const pending = state.takePendingAck(packet.id);
  if (!pending) {
    meta.note = `Ack id ${packet.id} matches no emit of ours`;
    return;
  }
  sio.ackOf = pending.seq;
  meta.durationMs = at.mono - pending.mono;
  meta.note = `Ack of #${pending.seq} after ${meta.durationMs.toFixed(1)} ms`;
}
