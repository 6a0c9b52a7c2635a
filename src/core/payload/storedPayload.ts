/**
 * Builds the payload stored with an event: whole up to the log's limit, otherwise truncated with the
 * full length and a SHA-256 of the full bytes, so a huge message costs bounded memory.
 */
import { createHash } from 'node:crypto';
import type { Payload } from '../events/logEvent';

export function textPayload(text: string, maxBytes: number): Payload {
  const byteLength = Buffer.byteLength(text, 'utf8');
  if (byteLength <= maxBytes) return { kind: 'text', text, byteLength };
  const full = Buffer.from(text, 'utf8');
  // Cut on a character boundary: decoding a slice that ends mid-character would add U+FFFD.
  let end = maxBytes;
  while (end > 0 && (full[end] & 0xc0) === 0x80) end--;
  return {
    kind: 'text',
    text: full.subarray(0, end).toString('utf8'),
    byteLength,
    truncated: { keptBytes: end, sha256: sha256(full) },
  };
}

export function binaryPayload(bytes: Uint8Array, maxBytes: number): Payload {
  if (bytes.length <= maxBytes) return { kind: 'binary', bytes: new Uint8Array(bytes), byteLength: bytes.length };
  return {
    kind: 'binary',
    bytes: new Uint8Array(bytes.subarray(0, maxBytes)),
    byteLength: bytes.length,
    truncated: { keptBytes: maxBytes, sha256: sha256(bytes) },
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
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

/** A text payload when the bytes are valid UTF-8 (ping data, HTTP bodies), otherwise binary. */
export function textOrBinary(bytes: Uint8Array, maxBytes: number): Payload {
  return isUtf8(bytes) ? textPayload(Buffer.from(bytes).toString('utf8'), maxBytes) : binaryPayload(bytes, maxBytes);
}
