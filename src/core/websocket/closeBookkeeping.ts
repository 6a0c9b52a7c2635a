/**
 * The closing of a WebSocket session (RFC 6455 §5.5.1, §7): our own close frame as a row, the close
 * facts of the final `closed` row (codes on the wire both ways, what `ws` reports, who started), a
 * grace period for a server that never answers our close frame, and the callers waiting for the end.
 */
import type { CloseMeta } from '../events/logEvent';
import { binaryPayload } from '../payload/storedPayload';
import type WebSocket from 'ws';
import { closePayload } from './closeFacts';
import type { ConnectionRecorder } from './connectionRecorder';
import { OPCODE } from './frameParser';
import type { WsSessionContext } from './sessionContext';
import type { WireFrameTracker } from './wireFrameTracker';

/** How long `close()` waits for the server's close frame before dropping the connection. */
export const CLOSE_GRACE_MS = 5_000;
/** §5.5: a close frame's payload is at most 125 bytes. */
const CONTROL_MAX = 125;

/** Our close frames, the final close facts, and who waits for the end. */
export class CloseBookkeeping {
  private waiters: Array<() => void> = [];

  constructor(
    private readonly wireFrames: WireFrameTracker,
    private readonly recorder: ConnectionRecorder,
    private readonly context: WsSessionContext,
  ) {}

  /** Logs the close frame we are about to send, with its code and reason, complete at append time. */
  logOwnClose(code: number | undefined, reason: string | undefined): { seq: number } {
    this.wireFrames.expectOwnClose(this.recorder.tapActive);
    this.context.facts.setState('closing');
    const payload = code === undefined ? undefined : closePayload(code, reason ?? '');
    const meta = { close: { sentCode: code, sentReason: reason }, frame: { opcode: OPCODE.close } };
    const stored = payload && binaryPayload(payload, CONTROL_MAX);
    return this.context.append('out', 'ws', 'close-frame', meta, stored, payload?.length ?? 0);
  }

  /** The close facts of the `closed` row: the wire's, plus the code and reason `ws` reported locally. */
  closeFacts(localCode: number | undefined, localReason: string): CloseMeta {
    const wire = this.wireFrames.close;
    return { ...wire, localCode, localReason: localReason || undefined, initiator: wire.initiator ?? 'none' };
  }

  /** A server that never answers our close frame would keep us waiting for ws's 30 s timer. */
  dropAfterGrace(ws: WebSocket): void {
    const { lifecycle } = this.context;
    lifecycle.timers.start(
      CLOSE_GRACE_MS,
      lifecycle.guarded(() => ws.terminate()),
    );
  }

  /** Resolves once the session has closed. */
  whenClosed(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** The session closed: everyone waiting hears of it. */
  settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
