/**
 * A server that sends pings faster than they can be answered (issue 12). `ws` answers each ping with an automatic
 * pong and, from 8.23, drops the connection (`terminate()`: no close frame, 1006 locally) when a ping arrives while
 * `maxPendingAutoPongs` of its pongs are still waiting to be written (lib/websocket.js `receiverOnPing`). A burst
 * of pings in one read meets that limit at once. `ws` emits no error for it, so without this the log would say only
 * "Closed without a closing handshake: 1006"; this names what happened, once.
 */
import WebSocket from 'ws';
import { ErrorCode } from '../errors';
import type { CloseMeta, ErrorMeta } from '../events/logEvent';

/** ws 8.23's default `maxPendingAutoPongs` (we do not change it): pongs waiting to be written before it drops. */
export const WS_MAX_PENDING_AUTO_PONGS = 60;

/** Counts pings in a row and recognises the moment `ws` dropped the connection for them. */
export class PingBurst {
  private inARow = 0;
  /** The error, once `ws` dropped the connection for a burst of pings. */
  dropped: ErrorMeta | undefined;

  /** Something other than a ping came from the server: the run of pings ended. */
  interrupted(): void {
    this.inARow = 0;
  }

  /**
   * A ping `ws` has handled (our listener runs after its own). Returns the error when `ws` has just dropped the
   * connection: closing, though no close frame went either way and nothing of ours closed it, after more pings
   * in a row than pongs may wait. (`ws` also marks a connection closing when the server ends TCP; pings still
   * queued behind a message being inflated could then come late, but not more than the limit of them in a row.)
   */
  ping(readyState: number, close: Readonly<CloseMeta>): ErrorMeta | undefined {
    this.inARow++;
    if (this.dropped || readyState !== WebSocket.CLOSING || this.inARow <= WS_MAX_PENDING_AUTO_PONGS) return undefined;
    if (close.closeFrameSent || close.closeFrameReceived || close.initiator) return undefined;
    this.dropped = pingBurstError(this.inARow);
    return this.dropped;
  }
}

/** The row: what the server did, and what `ws` does about it. */
export function pingBurstError(pings: number): ErrorMeta {
  return {
    code: ErrorCode.PingFlood,
    message:
      `The server sent ${pings} pings in a row, faster than the automatic pongs could be written: ws (the ` +
      `WebSocket library) drops the connection, without a closing handshake, when a ping comes while ` +
      `${WS_MAX_PENDING_AUTO_PONGS} of its pongs are still waiting to go out.`,
    hint: "The server's doing: a heartbeat sends a ping and waits for its pong (RFC 6455 §5.5.2–5.5.3).",
  };
}
