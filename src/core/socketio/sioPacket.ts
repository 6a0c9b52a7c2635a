/**
 * Socket.IO packets (protocol v5 = Socket.IO 3+, v4 = Socket.IO 1/2; socketio/socket.io-protocol).
 * String form: `<type>[<attachments>-][<nsp>,][<ackId>][JSON]`, carried in an Engine.IO message.
 */

export const SIO_TYPES = [
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
] as const;

export type SioPacketType = (typeof SIO_TYPES)[number];

export interface SioPacket {
  /** The type as it was on the wire: BINARY_EVENT stays BINARY_EVENT. */
  type: SioPacketType;
  /** `/` when the packet names none. In v4 a CONNECT may carry a query: `/admin?token=abc`. */
  nsp: string;
  id?: number;
  /** Announced binary attachments (BINARY_*). */
  attachments?: number;
  /** The JSON part, parsed. */
  data?: unknown;
  /** The JSON part as text (what the log shows). */
  dataText?: string;
  /** Something wrong that did not stop decoding (an invalid attachment placeholder), in words for the row. */
  warning?: string;
}

/** Event names a client reserves; a server sending them may be trying to spoof client state. */
export const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/**
 * The row warning for a server event with a reserved name: socket.io-parser 4 refuses such a packet
 * ("invalid payload"), so the client closes the connection instead of calling a listener.
 */
export function reservedEventWarning(name: string): string {
  return (
    `"${name}" is a reserved event name: a socket.io-client app never receives it as an event ` +
    '(socket.io-client 4 refuses the packet as a parse error and closes the connection). ' +
    'Shown as data, not acted upon.'
  );
}

/** The type digit of `type` on the wire. */
export function typeCode(type: SioPacketType): number {
  return SIO_TYPES.indexOf(type);
}
