/**
 * Parses binary payloads typed by a user: hex (`01 ff`, `0x01,0xFF`, `01ff`, with spaces, commas or
 * newlines) or base64 (standard or URL-safe, padding optional). Pure; never throws.
 */

export type BinaryParseResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export function parseHex(input: string): BinaryParseResult {
  const cleaned = input.replace(/0x/gi, '').replace(/[\s,:;-]+/g, '');
  const bad = /[^0-9a-fA-F]/.exec(cleaned);
  if (bad) return { ok: false, error: `"${bad[0]}" is not a hex digit.` };
  if (cleaned.length % 2 !== 0)
    return { ok: false, error: `Hex input has an odd number of digits (${cleaned.length}): each byte takes two.` };
  const bytes = new Uint8Array(cleaned.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(cleaned.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes };
}

export function parseBase64(input: string): BinaryParseResult {
  const cleaned = input.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const bad = /[^A-Za-z0-9+/=]/.exec(cleaned);
  if (bad) return { ok: false, error: `"${bad[0]}" is not a base64 character.` };
  const unpadded = cleaned.replace(/=+$/, '');
  if (unpadded.includes('=')) return { ok: false, error: 'Base64 padding (=) may only appear at the end.' };
  if (unpadded.length % 4 === 1)
    return { ok: false, error: 'Base64 input has an impossible length (one character too many or too few).' };
  return { ok: true, bytes: new Uint8Array(Buffer.from(unpadded, 'base64')) };
}
