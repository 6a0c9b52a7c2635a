/**
 * The arguments of an emit or an ack as a user writes them: a JSON array in which
 * `{"$binary":"<base64>"}` stands for bytes (the marker the panel also uses to show bytes). Pure.
 */

/** Parses the arguments; bytes come back as Uint8Array, ready to become attachments. */
export function parseSioArguments(argsJson: string): { ok: true; value: unknown[] } | { ok: false; error: string } {
  let args: unknown;
  try {
    args = argsJson.trim() === '' ? [] : JSON.parse(argsJson);
  } catch (error) {
    return { ok: false, error: `The arguments are not valid JSON: ${(error as Error).message}.` };
  }
  if (!Array.isArray(args)) return { ok: false, error: 'The arguments must be a JSON array, e.g. ["hello", {"n": 1}].' };
  return decodeBinaryMarkers(args);
}

/** Turns `{"$binary":"<base64>"}` values into bytes, at any depth. */
function decodeBinaryMarkers(value: unknown[]): { ok: true; value: unknown[] } | { ok: false; error: string } {
  let error: string | undefined;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      const marker = (v as { $binary?: unknown }).$binary;
      if (keys.length === 1 && keys[0] === '$binary') {
        if (typeof marker !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(marker)) {
          error = '"$binary" must hold base64 text.';
          return v;
        }
        return new Uint8Array(Buffer.from(marker, 'base64'));
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const out = value.map(walk);
  return error ? { ok: false, error } : { ok: true, value: out };
}

export /** Replaces `{"_placeholder":true,"num":i}` with the i-th buffer, at any depth. */
function restoreAttachments(value: unknown, buffers: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((v) => restoreAttachments(v, buffers));
  if (value && typeof value === 'object') {
    const o = value as { _placeholder?: unknown; num?: unknown };
    if (o._placeholder === true && typeof o.num === 'number' && buffers[o.num]) return buffers[o.num];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreAttachments(v, buffers)]));
  }
  return value;
}
