/**
 * The meta of an incoming data message: its wire facts (RFC 6455 §5.2: opcode, RSV1 for
 * permessage-deflate, frames, bytes on the wire). In a flood most messages come in one frame of a few
 * sizes, so their meta is shared (issue #9): one frozen object per (opcode, compressed, wire bytes)
 * instead of two new objects per message kept for the life of the log. Events never change once
 * appended (style.md), so sharing their parts is safe, and freezing makes a slip loud.
 */
import type { EventMeta, FrameMeta } from '../events/logEvent';

/** Distinct shared metas kept; past it a message gets its own (a flood of every size is still bounded). */
const MAX_SHARED = 4096;

export class MessageFactsCache {
  private readonly shared = new Map<number, EventMeta>();

  /** The meta of a message that came in one frame. */
  singleFrame(opcode: number, compressed: boolean, wireBytes: number): EventMeta {
    // wireBytes < 2^53 / 32: the key is exact for any frame a session accepts.
    const key = wireBytes * 32 + opcode * 2 + (compressed ? 1 : 0);
    const known = this.shared.get(key);
    if (known) return known;
    const meta = messageMeta({ opcode, compressed, frames: 1, wireBytes });
    if (this.shared.size < MAX_SHARED) this.shared.set(key, Object.freeze(meta));
    return meta;
  }
}

/** The meta of one message with these wire facts. */
export function messageMeta(frame: FrameMeta): EventMeta {
  return { frame: Object.freeze(frame) };
}
