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
import {
  EIO_TYPES,
  collectRecords,
  decodeStrictBase64,
  typeDigit,
  type EioDecoded,
  type EioPacket,
  type EioPacketType,
  type EioRecord,
} from './eioPacket';

/** Decodes one v3 text record (after the length prefix). */
export function decodeV3Record(record: string): EioPacket | { error: string } {
  if (record.startsWith('b')) {
    const type = EIO_TYPES[Number(record.charAt(1))];
    const bytes = decodeStrictBase64(record.slice(2));
    if (type !== 'message' || !bytes) return { error: 'Invalid base64 binary record (expected b4<base64>).' };
    return { type: 'message', data: bytes, binary: true };
  }
  const type = EIO_TYPES[Number(record.charAt(0))] as EioPacketType | undefined;
  if (record === '' || !/^[0-6]/.test(record) || !type)
    return { error: `Unknown packet type ${JSON.stringify(record.charAt(0))}.` };
  return record.length > 1 ? { type, data: record.slice(1) } : { type };
}

/** Decodes a v3 text payload. A bad length stops decoding (the rest cannot be framed) but keeps the raw rest. */
export function decodeV3TextPayload(body: string): EioDecoded {
  return collectRecords(iterateV3TextPayload(body));
}

/** Decodes a v3 text payload one record at a time (issue #7: large bodies are delivered in slices). */
export function* iterateV3TextPayload(body: string): Generator<EioRecord, void, undefined> {
  let i = 0;
  while (i < body.length) {
    const colon = body.indexOf(':', i);
    const lengthText = colon < 0 ? '' : body.slice(i, colon);
    if (!/^\d{1,9}$/.test(lengthText)) {
      yield { message: 'Malformed v3 payload: expected <length>:<packet>.', raw: body.slice(i) };
      return;
    }
    const length = Number(lengthText);
    const record = body.slice(colon + 1, colon + 1 + length);
    if (record.length < length) {
      yield {
        message: `Truncated v3 record: announced ${length} characters, got ${record.length}.`,
        raw: body.slice(i),
      };
      return;
    }
    i = colon + 1 + length;
    if (length === 0) continue; // `0:` is the empty payload
    const decoded = decodeV3Record(record);
    yield 'error' in decoded ? { message: decoded.error, raw: record } : decoded;
  }
}

/** Decodes a v3 binary payload (`application/octet-stream`). */
export function decodeV3BinaryPayload(body: Uint8Array): EioDecoded {
  return collectRecords(iterateV3BinaryPayload(body));
}

/** Decodes a v3 binary payload one record at a time. */
export function* iterateV3BinaryPayload(body: Uint8Array): Generator<EioRecord, void, undefined> {
  const rawFrom = (at: number): string => Buffer.from(body.subarray(at)).toString('latin1');
  let i = 0;
  while (i < body.length) {
    const isBinary = body[i] === 1;
    if (body[i] !== 0 && body[i] !== 1) {
      yield { message: 'Malformed v3 binary payload: record kind must be 0 or 1.', raw: rawFrom(i) };
      return;
    }
    let j = i + 1;
    let length = 0;
    while (j < body.length && body[j] !== 0xff && j - i <= 10) {
      if (body[j] > 9) {
        yield { message: 'Malformed v3 binary payload: a length byte is not a decimal digit (0–9).', raw: rawFrom(i) };
        return;
      }
      length = length * 10 + body[j++];
    }
    if (body[j] !== 0xff) {
      yield { message: 'Malformed v3 binary payload: missing 0xFF after the length.', raw: rawFrom(i) };
      return;
    }
    const record = body.subarray(j + 1, j + 1 + length);
    if (record.length < length) {
      yield {
        message: `Truncated v3 binary record: announced ${length} bytes, got ${record.length}.`,
        raw: rawFrom(i),
      };
      return;
    }
    i = j + 1 + length;
    yield isBinary ? decodeV3BinaryRecord(record) : decodeV3TextRecordBytes(record);
  }
}

function decodeV3BinaryRecord(record: Uint8Array): EioRecord {
  const type = EIO_TYPES[record[0]];
  if (type !== 'message')
    return {
      message: 'A v3 binary record must be a message (type byte 4).',
      raw: Buffer.from(record).toString('latin1'),
    };
  return { type: 'message', data: new Uint8Array(record.subarray(1)), binary: true };
}

function decodeV3TextRecordBytes(record: Uint8Array): EioRecord {
  const text = Buffer.from(record).toString('utf8');
  const decoded = decodeV3Record(text);
  return 'error' in decoded ? { message: decoded.error, raw: text } : decoded;
}

/** Decodes a v3 WebSocket frame. */
export function decodeV3Frame(data: string | Uint8Array): EioDecoded {
  if (typeof data === 'string') {
    const decoded = decodeV3Record(data);
    return 'error' in decoded
      ? { packets: [], errors: [{ message: decoded.error, raw: data }] }
      : { packets: [decoded], errors: [] };
  }
  const type = EIO_TYPES[data[0]];
  if (type !== 'message')
    return {
      packets: [],
      errors: [
        {
          message: 'A v3 binary frame must start with type byte 4 (message).',
          raw: Buffer.from(data).toString('latin1'),
        },
      ],
    };
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
