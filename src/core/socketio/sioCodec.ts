/**
 * A lenient Socket.IO decoder and a small encoder. `socket.io-parser` throws on bad input, rewrites
 * BINARY_* to EVENT/ACK and caps attachments at 10 (protocols.md); for display we need one that keeps
 * the wire type, never throws, and returns a decode error with the raw text instead.
 */
import { LIMITS } from '../limits/limits';
import { exceedsDataDepth, MAX_DATA_DEPTH, tooDeepMessage } from './sioDataDepth';
import { DESCEND, mapData } from './sioDataWalk';
import { SIO_TYPES, typeCode, type SioPacket } from './sioPacket';
import { placeholderProblem } from './sioPlaceholders';

/**
 * Attachments beyond this are refused by default: a hostile count must not make us wait forever or allocate. A
 * session takes its own from the setting (limits.ts).
 */
export const MAX_ATTACHMENTS: number = LIMITS.maxSocketIoAttachments.default;

/** A decoded packet, or why there is none (words for the log); decoders return this instead of throwing. */
export type SioDecodeResult = { ok: true; packet: SioPacket } | { ok: false; error: string };

/**
 * Decodes the string form of a packet; never throws. A BINARY_* packet's invalid placeholders become
 * `packet.warning`.
 */
export function decodeSioPacket(text: string, maxAttachments: number = MAX_ATTACHMENTS): SioDecodeResult {
  const digit = text.charCodeAt(0) - 48;
  const typeIndex = digit >= 0 && digit <= 6 ? digit : -1;
  if (typeIndex < 0) return { ok: false, error: `Unknown Socket.IO packet type ${JSON.stringify(text.charAt(0))}.` };
  const type = SIO_TYPES[typeIndex];
  let i = 1;
  const packet: SioPacket = { type, nsp: '/' };
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const dash = text.indexOf('-', i);
    const count = dash < 0 ? '' : text.slice(i, dash);
    const problem = attachmentCountProblem(count, maxAttachments);
    if (problem) return { ok: false, error: `Invalid attachment count in a ${type} packet: ${problem}.` };
    packet.attachments = Number(count);
    i = dash + 1;
  }
  if (text[i] === '/') {
    const comma = text.indexOf(',', i);
    packet.nsp = comma < 0 ? text.slice(i) : text.slice(i, comma);
    i = comma < 0 ? text.length : comma + 1;
  }
  const idEnd = digitsEnd(text, i);
  if (idEnd > i) {
    const idProblem = ackIdProblem(text.slice(i, idEnd));
    if (idProblem) return { ok: false, error: `The ${type} packet's ack id ${idProblem}.` };
    packet.id = Number(text.slice(i, idEnd));
    i = idEnd;
  }
  const rest = text.slice(i);
  if (rest !== '') {
    try {
      packet.data = JSON.parse(rest);
    } catch {
      return { ok: false, error: `The ${type} packet's data is not JSON.` };
    }
    // Data nested deeper than the limit has more than that many brackets on each side: short text cannot.
    if (rest.length > 2 * MAX_DATA_DEPTH && exceedsDataDepth(packet.data))
      return { ok: false, error: tooDeepMessage(`The ${type} packet's data`) };
    packet.dataText = rest;
  }
  const problem = sioShapeProblem(packet);
  if (problem) return { ok: false, error: problem };
  const warning = packet.attachments !== undefined ? placeholderProblem(packet.data, packet.attachments) : undefined;
  if (warning) packet.warning = warning;
  return { ok: true, packet };
}

/** The index past the run of ASCII digits starting at `from` (`from` when there is none). */
function digitsEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c < 48 || c > 57) break;
    end++;
  }
  return end;
}

/**
 * Why an ack id (the digits after the namespace) is refused: beyond 2^53 − 1 it cannot be told from its neighbours
 * (a JS number), so no ack could be matched to it. Undefined when valid.
 */
function ackIdProblem(digits: string): string | undefined {
  if (digits.length <= 15 || Number(digits) <= Number.MAX_SAFE_INTEGER) return undefined;
  const shown = digits.length > 20 ? `${digits.slice(0, 20)}… (${digits.length} digits)` : digits;
  return `${shown} is invalid: too large (ack ids are whole numbers up to 2^53 − 1, ${Number.MAX_SAFE_INTEGER})`;
}

/** Why a BINARY_* packet's count (the digits before `-`) is refused, or undefined when it is valid. */
function attachmentCountProblem(count: string, max: number): string | undefined {
  if (!/^\d+$/.test(count)) return 'the type must be followed by the number of attachments and a dash, e.g. "51-"';
  if (count.length > 7 || Number(count) > max) {
    const shown = count.length > 20 ? `${count.slice(0, 20)}…` : String(Number(count));
    const setting = LIMITS.maxSocketIoAttachments.setting;
    return `it announces ${shown} binary attachments; at most ${max} are accepted (the limit set by ${setting})`;
  }
  return undefined;
}

/**
 * Shape rules of the protocol (both parsers): events are non-empty arrays led by a name, acks are
 * arrays with an id.
 */
export function sioShapeProblem(p: SioPacket): string | undefined {
  if (p.type === 'EVENT' || p.type === 'BINARY_EVENT') {
    if (!Array.isArray(p.data) || p.data.length === 0)
      return `An ${p.type} needs a JSON array with the event name first.`;
    if (typeof p.data[0] !== 'string' && typeof p.data[0] !== 'number')
      return `An ${p.type}'s first element must be the event name.`;
  }
  if ((p.type === 'ACK' || p.type === 'BINARY_ACK') && (!Array.isArray(p.data) || p.id === undefined))
    return `An ${p.type} needs an ack id and a JSON array.`;
  return undefined;
}

/** Encodes a packet in string form; `data` is serialised with JSON.stringify. */
export function encodeSioPacket(packet: {
  type: SioPacket['type'];
  nsp: string;
  id?: number;
  data?: unknown;
  attachments?: number;
}): string {
  let out = String(typeCode(packet.type));
  if (packet.attachments !== undefined) out += `${packet.attachments}-`;
  if (packet.nsp !== '/') out += `${packet.nsp},`;
  if (packet.id !== undefined) out += String(packet.id);
  if (packet.data !== undefined) out += JSON.stringify(packet.data);
  return out;
}

/**
 * Replaces every Uint8Array in `value` (at any depth) with `{"_placeholder":true,"num":i}` and
 * returns the buffers in order: how Socket.IO sends binary (protocols.md).
 */
export function extractAttachments(value: unknown): { data: unknown; buffers: Uint8Array[] } {
  const buffers: Uint8Array[] = [];
  const data = mapData(value, (v) => {
    if (!(v instanceof Uint8Array)) return DESCEND;
    buffers.push(v);
    return { _placeholder: true, num: buffers.length - 1 };
  });
  return { data, buffers };
}
