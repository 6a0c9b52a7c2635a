/**
 * Engine.IO protocol v4 codec. Encoding uses `engine.io-parser` (the reference codec); decoding is
 * ours because the log needs leniency with evidence: an unknown type digit or invalid base64 becomes
 * a decode error carrying the raw record, never a silent skip or a throw.
 *
 * Polling payloads join records with the record separator U+001E; binary records are `b<base64>`.
 * Over WebSocket one frame is one packet; a binary frame is always a message, without a type byte.
 */
import { encodePacket } from 'engine.io-parser';
import {
  EIO_TYPES,
  collectRecords,
  decodeStrictBase64,
  type EioDecoded,
  type EioPacket,
  type EioPacketType,
  type EioRecord,
} from './eioPacket';

const SEPARATOR = '\x1e';

/** Decodes one text record (`4hello`, `bAQID`, `2`). */
export function decodeV4Record(record: string): EioPacket | { error: string } {
  if (record.startsWith('b')) {
    const bytes = decodeStrictBase64(record.slice(1));
    return bytes ? { type: 'message', data: bytes, binary: true } : { error: 'Invalid base64 in a binary record.' };
  }
  const type = EIO_TYPES[Number(record.charAt(0))] as EioPacketType | undefined;
  if (record === '' || !/^[0-6]/.test(record) || !type)
    return { error: `Unknown packet type ${JSON.stringify(record.charAt(0))}.` };
  return record.length > 1 ? { type, data: record.slice(1) } : { type };
}

/** Decodes a polling response body. */
export function decodeV4Payload(body: string): EioDecoded {
  return collectRecords(iterateV4Payload(body));
}

/**
 * Decodes a polling response body one record at a time, so a large body can be delivered in slices
 * (issue #7) without splitting it into millions of strings at once.
 */
export function* iterateV4Payload(body: string): Generator<EioRecord, void, undefined> {
  if (body === '') return;
  let start = 0;
  for (;;) {
    const end = body.indexOf(SEPARATOR, start);
    const record = body.slice(start, end < 0 ? body.length : end);
    const decoded = decodeV4Record(record);
    yield 'error' in decoded ? { message: decoded.error, raw: record } : decoded;
    if (end < 0) return;
    start = end + 1;
  }
}

/** Decodes a WebSocket frame: text frames are records, binary frames are messages. */
export function decodeV4Frame(data: string | Uint8Array): EioDecoded {
  if (typeof data !== 'string') return { packets: [{ type: 'message', data, binary: true }], errors: [] };
  const decoded = decodeV4Record(data);
  return 'error' in decoded
    ? { packets: [], errors: [{ message: decoded.error, raw: data }] }
    : { packets: [decoded], errors: [] };
}

/** Encodes one packet for a transport: WebSocket keeps binary as bytes, polling turns it into `b<base64>`. */
export function encodeV4Packet(packet: EioPacket, supportsBinary: boolean): string | Uint8Array {
  let result: string | Uint8Array = '';
  const data = packet.binary ? Buffer.from(packet.data) : packet.data;
  encodePacket({ type: packet.type, data } as Parameters<typeof encodePacket>[0], supportsBinary, (encoded) => {
    result = typeof encoded === 'string' ? encoded : new Uint8Array(encoded as ArrayBuffer);
  });
  return result;
}

/** Encodes packets for one polling POST body. */
export function encodeV4Payload(packets: EioPacket[]): string {
  return packets.map((p) => encodeV4Packet(p, false) as string).join(SEPARATOR);
}
