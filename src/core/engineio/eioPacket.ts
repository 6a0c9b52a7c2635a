/**
 * Engine.IO packets as our log shows them, for protocol v3 and v4 (socketio/engine.io-protocol).
 * The same shape comes out of every decoder, whatever the transport and version.
 */

/** Packet type digits: 0 open, 1 close, 2 ping, 3 pong, 4 message, 5 upgrade, 6 noop. */
export const EIO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export type EioPacketType = (typeof EIO_TYPES)[number];

export type EioVersion = 3 | 4;

export type EioPacket =
  | { type: EioPacketType; data?: string; binary?: false }
  | { type: 'message'; data: Uint8Array; binary: true };

/** A record the decoder could not make sense of: kept with its raw text so the log loses nothing. */
export interface EioDecodeError {
  message: string;
  raw: string;
}

export interface EioDecoded {
  packets: EioPacket[];
  errors: EioDecodeError[];
}

export function typeDigit(type: EioPacketType): string {
  return String(EIO_TYPES.indexOf(type));
}

/** Strict base64: Buffer.from(…, 'base64') silently skips garbage, which would hide a broken server. */
export function decodeStrictBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}
