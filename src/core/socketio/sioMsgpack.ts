/**
 * The msgpack variant of the Socket.IO parser (`socket.io-msgpack-parser`): each packet is one
 * msgpack map `{type, nsp, data, id}` in a single binary Engine.IO message, types 0–4 only, binary
 * values inline (no attachments). Decoding never throws.
 */
import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';
import type { SioDecodeResult } from './sioCodec';
import { SIO_TYPES, type SioPacket } from './sioPacket';

/** notepack.io (what socket.io-msgpack-parser uses) writes `undefined` as extension type 0. */
const notepackCodec = new ExtensionCodec();
notepackCodec.register({ type: 0, encode: () => null, decode: () => undefined });

/** A map byte (fixmap, map16, map32) leads every packet of this parser: how to recognise it. */
export function looksLikeMsgpackMap(bytes: Uint8Array): boolean {
  const b = bytes[0];
  return bytes.length > 0 && ((b >= 0x80 && b <= 0x8f) || b === 0xde || b === 0xdf);
}

export function encodeMsgpackPacket(packet: { type: SioPacket['type']; nsp: string; id?: number; data?: unknown }): Uint8Array {
  const map: Record<string, unknown> = { type: SIO_TYPES.indexOf(packet.type), nsp: packet.nsp };
  if (packet.data !== undefined) map.data = packet.data;
  if (packet.id !== undefined) map.id = packet.id;
  return encode(map);
}

export function decodeMsgpackPacket(bytes: Uint8Array): SioDecodeResult {
  let value: unknown;
  try {
    value = decode(bytes, { extensionCodec: notepackCodec });
  } catch (error) {
    return { ok: false, error: `Not a msgpack packet: ${(error as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'A msgpack Socket.IO packet must be a map.' };
  const m = value as { type?: unknown; nsp?: unknown; data?: unknown; id?: unknown };
  if (typeof m.type !== 'number' || !Number.isInteger(m.type) || m.type < 0 || m.type > 4) return { ok: false, error: `Invalid msgpack packet type ${displayJson(m.type)} (0–4 expected).` };
  const packet: SioPacket = { type: SIO_TYPES[m.type], nsp: typeof m.nsp === 'string' && m.nsp.startsWith('/') ? m.nsp : '/' };
  if (typeof m.id === 'number' && Number.isInteger(m.id) && m.id >= 0) packet.id = m.id;
  if (m.data !== undefined) {
    packet.data = m.data;
    packet.dataText = displayJson(m.data);
  }
  if ((packet.type === 'EVENT') && (!Array.isArray(packet.data) || packet.data.length === 0)) return { ok: false, error: 'An EVENT needs an array with the event name first.' };
  return { ok: true, packet };
}

/** JSON for display; bytes appear as `{"$binary":"<base64>"}`, the same marker the composer accepts. */
export function displayJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (v instanceof Uint8Array) return { $binary: Buffer.from(v).toString('base64') };
      if (typeof v === 'bigint') return v.toString();
      return v;
    }) ?? 'undefined';
  } catch {
    return String(value);
  }
}
