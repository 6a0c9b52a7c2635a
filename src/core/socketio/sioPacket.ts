/**
 * Socket.IO packets (protocol v5 = Socket.IO 3+, v4 = Socket.IO 1/2; socketio/socket.io-protocol).
 * String form: `<type>[<attachments>-][<nsp>,][<ackId>][JSON]`, carried in an Engine.IO message.
 */

export const SIO_TYPES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const;

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
}

/** Event names a client reserves; a server sending them may be trying to spoof client state. */
export const RESERVED_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

export function typeCode(type: SioPacketType): number {
  return SIO_TYPES.indexOf(type);
}
