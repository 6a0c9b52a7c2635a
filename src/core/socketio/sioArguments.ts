/**
 * The arguments of an emit or an ack as a user writes them: a JSON array in which
 * `{"$binary":"<base64>"}` stands for bytes (the marker the panel also uses to show bytes). Pure.
 */
import { exceedsDataDepth, tooDeepMessage } from './sioDataDepth';
import { DESCEND, mapData } from './sioDataWalk';

/** Parses the arguments; bytes come back as Uint8Array, ready to become attachments. Never throws. */
export function parseSioArguments(argsJson: string): { ok: true; value: unknown[] } | { ok: false; error: string } {
  let args: unknown;
  try {
    args = argsJson.trim() === '' ? [] : JSON.parse(argsJson);
  } catch (error) {
    return { ok: false, error: `The arguments are not valid JSON: ${(error as Error).message}.` };
  }
  if (!Array.isArray(args))
    return { ok: false, error: 'The arguments must be a JSON array, e.g. ["hello", {"n": 1}].' };
  // The encoders recurse; the session prepends the event name without adding a level.
  if (exceedsDataDepth(args)) return { ok: false, error: tooDeepMessage('The arguments array', 'it is not sent') };
  return decodeBinaryMarkers(args);
}

/** Parses the auth payload of a CONNECT (JSON text; empty for none). Never throws. */
export function parseSioAuth(auth: string | undefined): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!auth) return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(auth);
  } catch {
    return { ok: false, error: 'The auth payload must be JSON.' };
  }
  // Socket.IO 2 turns it into a query string with String(), v3+ encoders recurse: both need the bound.
  return exceedsDataDepth(value)
    ? { ok: false, error: tooDeepMessage('The auth payload', 'it is not sent') }
    : { ok: true, value };
}

/** Turns `{"$binary":"<base64>"}` values into bytes, at any depth. */
function decodeBinaryMarkers(value: unknown[]): { ok: true; value: unknown[] } | { ok: false; error: string } {
  let error: string | undefined;
  const out = mapData(value, (v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return DESCEND;
    const keys = Object.keys(v);
    if (keys.length !== 1 || keys[0] !== '$binary') return DESCEND;
    const marker = (v as { $binary?: unknown }).$binary;
    if (typeof marker !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(marker)) {
      error ??= '"$binary" must hold base64 text.';
      return v;
    }
    return new Uint8Array(Buffer.from(marker, 'base64'));
  }) as unknown[];
  return error ? { ok: false, error } : { ok: true, value: out };
}

/** Replaces each `{"_placeholder":true,"num":i}` whose i names one of `buffers` with that buffer, at any depth. */
export function restoreAttachments(value: unknown, buffers: Uint8Array[]): unknown {
  return mapData(value, (v) => {
    const o = v as { _placeholder?: unknown; num?: unknown } | null;
    if (!o || typeof o !== 'object' || o._placeholder !== true) return DESCEND;
    const buffer = typeof o.num === 'number' && Number.isInteger(o.num) && o.num >= 0 ? buffers[o.num] : undefined;
    return buffer ?? DESCEND;
  });
}
