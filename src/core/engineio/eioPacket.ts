/**
 * Engine.IO packets as our log shows them, for protocol v3 and v4 (socketio/engine.io-protocol).
 * The same shape comes out of every decoder, whatever the transport and version.
 */

/** Packet type digits: 0 open, 1 close, 2 ping, 3 pong, 4 message, 5 upgrade, 6 noop. */
export const EIO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export type EioPacketType = (typeof EIO_TYPES)[number];

export type EioVersion = 3 | 4;

export type EioPacket =
  { type: EioPacketType; data?: string; binary?: false } | { type: 'message'; data: Uint8Array; binary: true };

/** A record the decoder could not make sense of: kept with its raw text so the log loses nothing. */
export interface EioDecodeError {
  message: string;
  raw: string;
}

export interface EioDecoded {
  packets: EioPacket[];
  errors: EioDecodeError[];
}

/** One record of a payload as the incremental decoders yield it: a packet, or a decode error. */
export type EioRecord = EioPacket | EioDecodeError;

/** Whether a record is a decode error (only errors carry `raw`). */
export function isDecodeError(record: EioRecord): record is EioDecodeError {
  return 'raw' in record;
}

/** Collects what an incremental decoder yields into packets and errors, in order. */
export function collectRecords(records: Iterable<EioRecord>): EioDecoded {
  const out: EioDecoded = { packets: [], errors: [] };
  for (const record of records) {
    if (isDecodeError(record)) out.errors.push(record);
    else out.packets.push(record);
  }
  return out;
}

/** Bytes of a packet's data (UTF-8 for text), what the log shows as its size. */
export function packetSize(packet: EioPacket): number {
  return packet.binary ? packet.data.length : Buffer.byteLength(packet.data ?? '');
}

export function typeDigit(type: EioPacketType): string {
  return String(EIO_TYPES.indexOf(type));
}

/** Strict base64: Buffer.from(…, 'base64') silently skips garbage, which would hide a broken server. */
export function decodeStrictBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}
