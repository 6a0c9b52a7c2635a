/**
 * Builds the payload stored with an event: whole up to the log's limit, otherwise truncated with the
 * full length and a SHA-256 of the full bytes, so a huge message costs bounded memory.
 *
 * Two ways in: from a string or caller-owned bytes (`textPayload`, `binaryPayload`: the bytes are
 * copied), and from bytes as received (`textPayloadFromBytes`, `adoptedBinaryPayload`: each byte is
 * decoded, copied and hashed at most once — issue #7).
 */
import { createHash } from 'node:crypto';
import type { Payload } from '../events/logEvent';

export function textPayload(text: string, maxBytes: number): Payload {
  const byteLength = Buffer.byteLength(text, 'utf8');
  if (byteLength <= maxBytes) return { kind: 'text', text, byteLength };
  return textPayloadFromBytes(Buffer.from(text, 'utf8'), maxBytes, text);
}

/**
 * A text payload from valid UTF-8 bytes (a text message as received). `decoded`, when the caller has
 * it already, is the whole text: it is stored as is, or sliced when truncated, never decoded again.
 * Without it only the bytes kept are decoded. The SHA-256 covers the full bytes, computed once.
 */
export function textPayloadFromBytes(bytes: Uint8Array, maxBytes: number, decoded?: string): Payload {
  const byteLength = bytes.length;
  if (byteLength <= maxBytes) return { kind: 'text', text: decoded ?? utf8(bytes), byteLength };
  // Cut on a character boundary: decoding a slice that ends mid-character would add U+FFFD.
  let end = Math.max(0, maxBytes);
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  const text = decoded !== undefined ? decoded.slice(0, utf16Length(bytes, end)) : utf8(bytes.subarray(0, end));
  return { kind: 'text', text, byteLength, truncated: { keptBytes: end, sha256: sha256(bytes) } };
}

/** Copies the bytes (the caller may reuse its buffer); over the limit only the kept part is copied. */
export function binaryPayload(bytes: Uint8Array, maxBytes: number): Payload {
  if (bytes.length <= maxBytes) return { kind: 'binary', bytes: new Uint8Array(bytes), byteLength: bytes.length };
  return truncatedBinary(bytes, maxBytes);
}

/**
 * Stores the caller's bytes themselves when whole (a message `ws` handed over and nobody writes to
 * again): no copy. Over the limit only the kept part is copied, so the full buffer can be freed.
 */
export function adoptedBinaryPayload(bytes: Uint8Array, maxBytes: number): Payload {
  if (bytes.length <= maxBytes) return { kind: 'binary', bytes, byteLength: bytes.length };
  return truncatedBinary(bytes, maxBytes);
}

function truncatedBinary(bytes: Uint8Array, maxBytes: number): Payload {
  const kept = Math.max(0, maxBytes);
  return {
    kind: 'binary',
    bytes: new Uint8Array(bytes.subarray(0, kept)),
    byteLength: bytes.length,
    truncated: { keptBytes: kept, sha256: sha256(bytes) },
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * UTF-16 code units of the first `end` bytes of valid UTF-8: one per lead byte, two for a 4-byte
 * sequence (a surrogate pair). Lets a decoded string be cut where its bytes were cut.
 */
function utf16Length(bytes: Uint8Array, end: number): number {
  let units = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** Whether the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A text payload when the bytes are valid UTF-8 (ping data, HTTP bodies), otherwise binary; decoded once. */
export function textOrBinary(bytes: Uint8Array, maxBytes: number): Payload {
  let text: string;
  try {
    // ignoreBOM: keep a leading U+FEFF as text, as Buffer#toString does, so the slice lengths agree.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return binaryPayload(bytes, maxBytes);
  }
  return textPayloadFromBytes(bytes, maxBytes, text);
}
