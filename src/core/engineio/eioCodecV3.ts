/**
 * Engine.IO protocol v3 codec (Socket.IO 1/2; socketio/engine.io-protocol branch v3). Small and ours:
 * `engine.io-parser` 5 speaks only v4.
 *
 * - Text payload: each record is `<length>:<packet>`, the length counting UTF-16 code units
 *   (`4😀€` → `4:4😀€`); binary records are `b4<base64>`; the empty payload is `0:`.
 * - Binary payload (when the client did not ask for `b64=1`): per record one byte 0 (text) or 1
 *   (binary), the length as one byte per decimal digit, 0xFF, then the record.
 * - Over WebSocket a binary frame starts with the packet type byte (`04 01 02` = message 01 02).
 */
import { EIO_TYPES, decodeStrictBase64, typeDigit, type EioDecoded, type EioPacket, type EioPacketType } from './eioPacket';

/** Decodes one v3 text record (after the length prefix). */
export function decodeV3Record(record: string): EioPacket | { error: string } {
  if (record.startsWith('b')) {
    const type = EIO_TYPES[Number(record.charAt(1))];
    const bytes = decodeStrictBase64(record.slice(2));
    if (type !== 'message' || !bytes) return { error: 'Invalid base64 binary record (expected b4<base64>).' };
    return { type: 'message', data: bytes, binary: true };
  }
  const type = EIO_TYPES[Number(record.charAt(0))] as EioPacketType | undefined;
  if (record === '' || !/^[0-6]/.test(record) || !type) return { error: `Unknown packet type ${JSON.stringify(record.charAt(0))}.` };
  return record.length > 1 ? { type, data: record.slice(1) } : { type };
}

/** Decodes a v3 text payload. A bad length stops decoding (the rest cannot be framed) but keeps the raw rest. */
export function decodeV3TextPayload(body: string): EioDecoded {
  const out: EioDecoded = { packets: [], errors: [] };
  let i = 0;
  while (i < body.length) {
    const colon = body.indexOf(':', i);
    const lengthText = colon < 0 ? '' : body.slice(i, colon);
    if (!/^\d{1,9}$/.test(lengthText)) {
      out.errors.push({ message: 'Malformed v3 payload: expected <length>:<packet>.', raw: body.slice(i) });
      return out;
    }
    const length = Number(lengthText);
    const record = body.slice(colon + 1, colon + 1 + length);
    if (record.length < length) {
      out.errors.push({ message: `Truncated v3 record: announced ${length} characters, got ${record.length}.`, raw: body.slice(i) });
      return out;
    }
    i = colon + 1 + length;
    if (length === 0) continue; // `0:` is the empty payload
    const decoded = decodeV3Record(record);
    if ('error' in decoded) out.errors.push({ message: decoded.error, raw: record });
    else out.packets.push(decoded);
  }
  return out;
}

/** Decodes a v3 binary payload (`application/octet-stream`). */
export function decodeV3BinaryPayload(body: Uint8Array): EioDecoded {
  const out: EioDecoded = { packets: [], errors: [] };
  let i = 0;
  while (i < body.length) {
    const isBinary = body[i] === 1;
    if (body[i] !== 0 && body[i] !== 1) {
      out.errors.push({ message: 'Malformed v3 binary payload: record kind must be 0 or 1.', raw: Buffer.from(body.subarray(i)).toString('latin1') });
      return out;
    }
    let j = i + 1;
    let length = 0;
    while (j < body.length && body[j] !== 0xff && j - i <= 10) {
      if (body[j] > 9) {
        out.errors.push({ message: 'Malformed v3 binary payload: a length byte is not a decimal digit (0–9).', raw: Buffer.from(body.subarray(i)).toString('latin1') });
        return out;
      }
      length = length * 10 + body[j++];
    }
    if (body[j] !== 0xff) {
      out.errors.push({ message: 'Malformed v3 binary payload: missing 0xFF after the length.', raw: Buffer.from(body.subarray(i)).toString('latin1') });
      return out;
    }
    const record = body.subarray(j + 1, j + 1 + length);
    if (record.length < length) {
      out.errors.push({ message: `Truncated v3 binary record: announced ${length} bytes, got ${record.length}.`, raw: Buffer.from(body.subarray(i)).toString('latin1') });
      return out;
    }
    i = j + 1 + length;
    if (isBinary) {
      const type = EIO_TYPES[record[0]];
      if (type !== 'message') out.errors.push({ message: 'A v3 binary record must be a message (type byte 4).', raw: Buffer.from(record).toString('latin1') });
      else out.packets.push({ type: 'message', data: new Uint8Array(record.subarray(1)), binary: true });
    } else {
      const decoded = decodeV3Record(Buffer.from(record).toString('utf8'));
      if ('error' in decoded) out.errors.push({ message: decoded.error, raw: Buffer.from(record).toString('utf8') });
      else out.packets.push(decoded);
    }
  }
  return out;
}

/** Decodes a v3 WebSocket frame. */
export function decodeV3Frame(data: string | Uint8Array): EioDecoded {
  if (typeof data === 'string') {
    const decoded = decodeV3Record(data);
    return 'error' in decoded ? { packets: [], errors: [{ message: decoded.error, raw: data }] } : { packets: [decoded], errors: [] };
  }
  const type = EIO_TYPES[data[0]];
  if (type !== 'message') return { packets: [], errors: [{ message: 'A v3 binary frame must start with type byte 4 (message).', raw: Buffer.from(data).toString('latin1') }] };
  return { packets: [{ type: 'message', data: data.subarray(1), binary: true }], errors: [] };
}

/** Encodes one packet for a v3 WebSocket frame. */
export function encodeV3Frame(packet: EioPacket): string | Uint8Array {
  if (packet.binary) {
    const out = new Uint8Array(packet.data.length + 1);
    out[0] = 4;
    out.set(packet.data, 1);
    return out;
  }
  return typeDigit(packet.type) + (packet.data ?? '');
}

/** Encodes packets for a v3 polling POST (text form; binary as `b4<base64>`). */
export function encodeV3Payload(packets: EioPacket[]): string {
  if (packets.length === 0) return '0:';
  return packets
    .map((p) => {
      const record = p.binary ? `b4${Buffer.from(p.data).toString('base64')}` : typeDigit(p.type) + (p.data ?? '');
      return `${record.length}:${record}`;
    })
    .join('');
}
