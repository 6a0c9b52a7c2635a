/**
 * Socket.IO binary packets in the details pane (issue #9): a BINARY_EVENT / BINARY_ACK carries
 * `{"_placeholder":true,"num":N}` where attachment N goes (socket.io-parser `deconstructPacket`); the
 * bytes arrive as the next messages, kept as their own events (`meta.sio.attachmentSeqs`). The JSON views
 * show each placeholder replaced by the start of its attachment. Pure, bounded, never mutates an event.
 */
import type { LogEvent, Payload } from '../events/logEvent';

/** Bytes of an attachment shown (as base64) in place of its placeholder. */
export const ATTACHMENT_PREVIEW_BYTES = 48;
/** Placeholders deeper than this are left as they are (a hostile packet could nest thousands deep). */
const MAX_DEPTH = 64;

/** Reads an event of the log by seq (undefined when the log no longer has it). */
export type EventLookup = (seq: number) => LogEvent | undefined;

/** What an attachment is shown as: the start of its bytes, its length and the event that carried it. */
export interface AttachmentView {
  $binary: string;
  bytes: number;
  seq: number;
}

/** The attachment view of one payload: base64 of its first `maxBytes` bytes, "…" when there are more. */
export function attachmentView(payload: Payload, seq: number, maxBytes = ATTACHMENT_PREVIEW_BYTES): AttachmentView {
  const stored = payload.kind === 'binary' ? payload.bytes : Buffer.from(payload.text, 'utf8');
  const head = Buffer.from(stored.buffer, stored.byteOffset, Math.min(stored.length, maxBytes));
  const more = payload.byteLength > head.length ? '…' : '';
  return { $binary: `${head.toString('base64')}${more}`, bytes: payload.byteLength, seq };
}

/**
 * A copy of `value` with each placeholder whose `num` names an entry of `attachments` replaced by it.
 * Parts without placeholders are shared, not copied; `value` itself is never changed.
 */
export function replacePlaceholders(value: unknown, attachments: ReadonlyArray<unknown>, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const placeholder = value as { _placeholder?: unknown; num?: unknown };
  if (placeholder._placeholder === true && typeof placeholder.num === 'number') {
    const replacement = Number.isInteger(placeholder.num) ? attachments[placeholder.num] : undefined;
    return replacement ?? value;
  }
  if (Array.isArray(value)) {
    const out = value.map((item: unknown) => replacePlaceholders(item, attachments, depth + 1));
    return out.some((item, i) => item !== value[i]) ? out : value;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const next = replacePlaceholders(item, attachments, depth + 1);
    if (next !== item) changed = true;
    // defineProperty: a key named "__proto__" stays an ordinary key, as JSON.parse made it.
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return changed ? out : value;
}

/**
 * The pretty JSON of a binary packet's data (`json`, the payload text as shown) with its attachments in
 * place, or undefined when the event has none or the text is not JSON. `shown` masks an attachment the
 * way the pane masks payloads (the session's redactor).
 */
export function jsonWithAttachments(
  event: LogEvent,
  json: string,
  get: EventLookup,
  shown: (payload: Payload) => Payload = (p) => p,
): string | undefined {
  const seqs = event.meta?.sio?.attachmentSeqs;
  if (!seqs?.length) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  const attachments = seqs.map((seq) => {
    const payload = get(seq)?.payload;
    return payload ? attachmentView(shown(payload), seq) : undefined;
  });
  const replaced = replacePlaceholders(data, attachments);
  return replaced === data ? undefined : JSON.stringify(replaced, null, 2);
}
