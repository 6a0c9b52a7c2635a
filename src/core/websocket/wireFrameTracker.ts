/**
 * What the frames seen by the socket tap mean for the log: the close frame each side sent (the code
 * on the wire, which `ws` does not report), the pongs `ws` sends on its own, and the wire facts of
 * each incoming message (compressed? how many fragments? bytes on the wire?).
 */
import type { CloseMeta, EventMeta, FrameMeta, Payload } from '../events/logEvent';
import { binaryPayload, textOrBinary } from '../payload/storedPayload';
import { incomingFrameFault, type FrameFault } from './frameFaults';
import { OPCODE, parseClosePayload, type WireFrame } from './frameParser';
import { MessageFactsCache, messageMeta } from './messageFacts';

/** An event the tap's frame should add to the log. */
export interface WireEvent {
  direction: 'in' | 'out';
  type: 'close-frame' | 'pong';
  meta: EventMeta;
  payload?: Payload;
  size: number;
  /** A close frame: the session is now closing. */
  closing: boolean;
}

/** Control frames carry at most 125 bytes (RFC 6455 §5.5). */
const CONTROL_MAX = 125;

export class WireFrameTracker {
  /** Close facts gathered so far: frames sent/received, codes on the wire, who started. */
  readonly close: CloseMeta = { closeFrameSent: false, closeFrameReceived: false };
  /** Wire facts of complete messages `ws` has not delivered yet: the tap reads a whole chunk ahead of it. */
  private readonly incoming = new FactsQueue();
  private readonly sharedFacts = new MessageFactsCache();
  private partial: FrameMeta | undefined;
  /** Close frames the session logged itself when sending; skipped when the tap sees them go out. */
  private ownCloseFrames = 0;
  /**
   * An incoming close frame seen while messages before it are still being delivered by `ws` (same TCP
   * read, or a message still inflating): logged after them, to keep wire order.
   */
  private deferredClose: WireEvent | undefined;
  /** The first frame from the server that broke a rule of RFC 6455, as our parser saw it. */
  incomingFault: FrameFault | undefined;
  /** Set once `ws` failed: it delivers no more messages, so their wire facts are not kept either. */
  private incomingDataDropped = false;

  /** Wire facts of the next complete incoming data message, in arrival order. */
  nextIncoming(): FrameMeta | undefined {
    return this.incoming.take()?.frame;
  }

  /** The meta of the next complete incoming data message (its wire facts, possibly shared and frozen). */
  nextIncomingMeta(): EventMeta | undefined {
    return this.incoming.take();
  }

  /** The close frame held back behind messages, once they are all delivered (or at the end: `force`). */
  releaseDeferred(force = false): WireEvent | undefined {
    if (!this.deferredClose || (!force && (this.incoming.length > 0 || this.partial))) return undefined;
    const event = this.deferredClose;
    this.deferredClose = undefined;
    return event;
  }

  /** We are sending a close frame and log it ourselves (`tapActive`: the tap will see it too). */
  expectOwnClose(tapActive: boolean): void {
    if (tapActive) this.ownCloseFrames++;
    if (!this.close.closeFrameReceived && !this.close.initiator) this.close.initiator = 'client';
  }

  /** We dropped the connection ourselves (heartbeat timeout). */
  markClientInitiated(): void {
    this.close.initiator = 'client';
  }

  /**
   * `ws` failed on the incoming stream and reads on only to discard (until the close handshake ends):
   * forget the facts of messages it will never deliver, and keep none of what follows.
   */
  dropIncomingData(): void {
    this.incomingDataDropped = true;
    this.incoming.clear();
    this.partial = undefined;
  }

  /** Wire facts of incoming messages not yet delivered by `ws` (complete or in progress). */
  get pendingIncoming(): number {
    return this.incoming.length + (this.partial ? 1 : 0);
  }

  observe(direction: 'in' | 'out', frame: WireFrame): WireEvent | undefined {
    const wireBytes = frame.headerLength + frame.payloadLength;
    // Once ws failed, `partial` no longer follows the stream, and ws reads no further frames to fault anyway.
    if (direction === 'in' && !this.incomingFault && !this.incomingDataDropped)
      this.incomingFault = incomingFrameFault(frame, this.partial !== undefined);
    if (
      direction === 'in' &&
      (frame.opcode === OPCODE.text || frame.opcode === OPCODE.binary || frame.opcode === OPCODE.continuation)
    ) {
      if (!this.incomingDataDropped) this.trackIncomingData(frame, wireBytes);
      return undefined;
    }
    if (frame.opcode === OPCODE.close && direction === 'in') {
      const event = this.closeReceived(frame, wireBytes);
      if (this.incoming.length === 0 && !this.partial) return event;
      this.deferredClose = event;
      return undefined;
    }
    if (frame.opcode === OPCODE.close) return this.closeSent(frame, wireBytes);
    if (direction === 'out' && frame.opcode === OPCODE.pong) {
      // ws answers every ping automatically; the answer is only visible here.
      return {
        direction: 'out',
        type: 'pong',
        closing: false,
        size: frame.payloadLength,
        meta: { frame: { opcode: OPCODE.pong, wireBytes }, note: 'Automatic reply to a ping' },
        payload: frame.payload.length ? textOrBinary(frame.payload, CONTROL_MAX) : undefined,
      };
    }
    return undefined;
  }

  private trackIncomingData(frame: WireFrame, wireBytes: number): void {
    if (frame.fin && frame.opcode !== OPCODE.continuation) {
      // A whole message in one frame (the common case): its facts in one object, built once.
      this.partial = undefined;
      this.incoming.push(this.sharedFacts.singleFrame(frame.opcode, frame.rsv1, wireBytes));
      return;
    }
    if (frame.opcode !== OPCODE.continuation || !this.partial)
      this.partial = { opcode: frame.opcode, compressed: frame.rsv1, frames: 0, wireBytes: 0 };
    this.partial.frames = (this.partial.frames ?? 0) + 1;
    this.partial.wireBytes = (this.partial.wireBytes ?? 0) + wireBytes;
    if (frame.fin) {
      this.incoming.push(messageMeta(this.partial));
      this.partial = undefined;
    }
  }

  private closeReceived(frame: WireFrame, wireBytes: number): WireEvent {
    const { code, reason, malformed } = parseClosePayload(frame.payload);
    Object.assign(this.close, { closeFrameReceived: true, wireCode: code, wireReason: reason });
    if (!this.close.closeFrameSent) this.close.initiator = 'server';
    return {
      direction: 'in',
      type: 'close-frame',
      closing: true,
      size: frame.payloadLength,
      meta: {
        close: { wireCode: code, wireReason: reason },
        frame: { opcode: OPCODE.close, wireBytes },
        note: malformed
          ? 'Malformed close frame (1-byte payload)'
          : code === undefined
            ? 'Close frame without a status code'
            : undefined,
      },
      payload: frame.payload.length ? binaryPayload(frame.payload, CONTROL_MAX) : undefined,
    };
  }

  private closeSent(frame: WireFrame, wireBytes: number): WireEvent | undefined {
    const { code, reason } = parseClosePayload(frame.payload);
    Object.assign(this.close, { closeFrameSent: true, sentCode: code, sentReason: reason });
    if (!this.close.closeFrameReceived && !this.close.initiator) this.close.initiator = 'client';
    if (this.ownCloseFrames > 0) {
      this.ownCloseFrames--;
      return undefined;
    }
    // ws wrote this close frame itself: an echo of the server's, or a protocol-error close (1002, 1007, 1009).
    return {
      direction: 'out',
      type: 'close-frame',
      closing: true,
      size: frame.payloadLength,
      meta: {
        close: { sentCode: code, sentReason: reason },
        frame: { opcode: OPCODE.close, wireBytes },
        // A close frame that broke a rule (a 1-byte payload) is a protocol error to ws, not a close to answer.
        note:
          this.close.closeFrameReceived && !this.incomingFault
            ? "Sent by ws in reply to the server's close frame"
            : 'Sent by ws after a protocol error',
      },
      payload: frame.payload.length ? binaryPayload(frame.payload, CONTROL_MAX) : undefined,
    };
  }
}

/**
 * A first-in first-out queue that never shifts: a flood leaves ~600 facts per 64 KiB read waiting, and
 * `Array#shift` moves them all on each take. Taken slots are cleared and dropped in batches.
 */
class FactsQueue {
  private items: (EventMeta | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: EventMeta): void {
    this.items.push(item);
  }

  take(): EventMeta | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Emptied (after each read, in a flood): start over in the same array.
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
