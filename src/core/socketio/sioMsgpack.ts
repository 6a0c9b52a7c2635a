/**
 * The msgpack variant of the Socket.IO parser (`socket.io-msgpack-parser`): each packet is one
 * msgpack map `{type, nsp, data, id}` in a single binary Engine.IO message, types 0–4 only, binary
 * values inline (no attachments). Decoding never throws.
 */
import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';
import { sioShapeProblem, type SioDecodeResult } from './sioCodec';
import { MAX_DATA_DEPTH, exceedsDataDepth } from './sioDataDepth';
import { msgpackStructureProblem } from './sioMsgpackScan';
import { SIO_TYPES, type SioPacket } from './sioPacket';

/** notepack.io (what socket.io-msgpack-parser uses) writes `undefined` as extension type 0. */
const notepackCodec = new ExtensionCodec();
notepackCodec.register({ type: 0, encode: () => null, decode: () => undefined });

/** A map byte (fixmap, map16, map32) leads every packet of this parser: how to recognise it. */
export function looksLikeMsgpackMap(bytes: Uint8Array): boolean {
  const b = bytes[0];
  return bytes.length > 0 && ((b >= 0x80 && b <= 0x8f) || b === 0xde || b === 0xdf);
}

/** Encodes one packet as the msgpack map the parser sends; `data` may nest up to MAX_DATA_DEPTH levels. */
export function encodeMsgpackPacket(packet: {
  type: SioPacket['type'];
  nsp: string;
  id?: number;
  data?: unknown;
}): Uint8Array {
  const map: Record<string, unknown> = { type: SIO_TYPES.indexOf(packet.type), nsp: packet.nsp };
  if (packet.data !== undefined) map.data = packet.data;
  if (packet.id !== undefined) map.id = packet.id;
  // The encoder's own default limit (100) is below ours; the packet map adds one level.
  return encode(map, { maxDepth: MAX_DATA_DEPTH + 1 });
}

/** Decodes one binary message of the msgpack parser; never throws. */
export function decodeMsgpackPacket(bytes: Uint8Array): SioDecodeResult {
  const structureProblem = msgpackStructureProblem(bytes);
  if (structureProblem) return { ok: false, error: structureProblem };
  let value: unknown;
  try {
    value = decode(bytes, { extensionCodec: notepackCodec });
  } catch (error) {
    return { ok: false, error: `Not a msgpack packet: ${(error as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: 'A msgpack Socket.IO packet must be a map.' };
  const m = value as { type?: unknown; nsp?: unknown; data?: unknown; id?: unknown };
  if (typeof m.type !== 'number' || !Number.isInteger(m.type) || m.type < 0 || m.type > 4)
    return { ok: false, error: `Invalid msgpack packet type ${displayJson(m.type)} (0–4 expected).` };
  const packet: SioPacket = {
    type: SIO_TYPES[m.type],
    nsp: typeof m.nsp === 'string' && m.nsp.startsWith('/') ? m.nsp : '/',
  };
  if (typeof m.id === 'number' && Number.isInteger(m.id) && m.id >= 0) packet.id = m.id;
  if (m.data !== undefined) {
    packet.data = m.data;
    packet.dataText = displayJson(m.data);
  }
  const problem = sioShapeProblem(packet);
  return problem ? { ok: false, error: problem } : { ok: true, packet };
}

/**
 * JSON for display; bytes appear as `{"$binary":"<base64>"}`, the same marker the composer accepts.
 * Total: data too deep for JSON.stringify's recursion is described instead of shown.
 */
export function displayJson(value: unknown): string {
  if (exceedsDataDepth(value)) return `(data nested deeper than ${MAX_DATA_DEPTH} levels, not shown)`;
  try {
    return (
      JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
        // The holder's value, not `v`: a Buffer's toJSON has already turned `v` into {type, data}.
        const original = this[key];
        if (original instanceof Uint8Array) return { $binary: Buffer.from(original).toString('base64') };
        if (typeof v === 'bigint') return v.toString();
        return v;
      }) ?? 'undefined'
    );
  } catch {
    // Nothing a decoder produces gets here; a message, not String(value), which can recurse too.
    return '(data that cannot be shown as JSON)';
  }
}
