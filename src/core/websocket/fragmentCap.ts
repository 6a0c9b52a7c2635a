/**
 * The fragments of the incoming message being read, counted against maxFragmentsPerMessage (issue 12). `ws`
 * joins fragments itself and keeps one object per frame until the message ends: a server sending 1-byte
 * fragments forever stays under the size cap for 16 million frames. Counted by the socket tap before `ws` reads
 * them, so the stream can be cut right after the frame that went over. Control frames (§5.5) may come between
 * fragments and are not counted.
 */
import { OPCODE, type WireFrame } from './frameParser';

export class FragmentCap {
  /** Frames of the current message so far (0 between messages). */
  private frames = 0;
  /** Set once a message went over: nothing more is admitted. */
  exceeded = false;

  constructor(readonly max: number) {}

  /** Whether the stream may go on after this incoming frame. */
  admit(frame: WireFrame): boolean {
    if (this.exceeded) return false;
    if (frame.opcode >= OPCODE.close) return true;
    // A text or binary frame starts a message (§5.4); a continuation adds to the one in progress.
    this.frames = frame.opcode === OPCODE.continuation ? this.frames + 1 : 1;
    if (this.frames > this.max) {
      this.exceeded = true;
      return false;
    }
    if (frame.fin) this.frames = 0;
    return true;
  }
}
