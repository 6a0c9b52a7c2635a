/**
 * Undoing an HTTP Content-Encoding (gzip, deflate, br), bounded: Node's `http` does not decompress for
 * us, and a small body that inflates past the limit (a "zip bomb") is as oversized as a big one. Used by
 * every polling request (Engine.IO's and the generic long-poll's). Never throws.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export type DecodedBody = { ok: true; bytes: Uint8Array } | { ok: false; error: string; tooLarge?: boolean };

/** The body after `encoding` (the Content-Encoding header), at most `max` bytes once decoded. */
export function decodeContent(body: Uint8Array, encoding: string | undefined, max: number): DecodedBody {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return { ok: true, bytes: body };
  try {
    const opts = { maxOutputLength: max };
    if (enc === 'gzip' || enc === 'x-gzip') return { ok: true, bytes: gunzipSync(body, opts) };
    if (enc === 'deflate') return { ok: true, bytes: inflateSync(body, opts) };
    if (enc === 'br') return { ok: true, bytes: brotliDecompressSync(body, opts) };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      return { ok: false, tooLarge: true, error: `The ${enc} response body inflates past ${max} bytes.` };
    return { ok: false, error: `The ${enc} body could not be decompressed: ${(error as Error).message}` };
  }
  return { ok: false, error: `Unsupported Content-Encoding "${enc}".` };
}
