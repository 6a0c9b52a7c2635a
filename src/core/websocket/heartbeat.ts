/**
 * Our own keep-alive, since `ws` has none (protocols.md): a ping every interval, and when the pong
 * for the previous one has not come back by the next beat, the connection is considered dead and
 * dropped without a closing handshake. RFC 6455 §5.5.3: a pong answers the most recent ping and
 * echoes its application data, so pings carry a distinct payload and pongs are matched by it.
 */
import type { Clock } from '../clock';
import { ErrorCode } from '../errors';
import { textPayload } from '../payload/storedPayload';
import { OPCODE } from './frameParser';
import type { WsSessionContext } from './sessionContext';
import type { WireFrameTracker } from './wireFrameTracker';

/** §5.5: control frame payloads are at most 125 bytes. */
const CONTROL_MAX = 125;

/** Pings sent and not yet answered, by payload: a pong that echoes one gives its round trip. */
export class PingRoundTrips {
  private readonly sentAtMono = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Notes a ping with these bytes left now; returns its key. */
  sent(payload: Uint8Array): string {
    const key = Buffer.from(payload).toString('hex');
    this.sentAtMono.set(key, this.clock.mono());
    return key;
  }

  /** The round trip of the ping this pong answers, or undefined for a pong nobody asked for. */
  answered(key: string): number | undefined {
    const sentAt = this.sentAtMono.get(key);
    if (sentAt === undefined) return undefined;
    this.sentAtMono.delete(key);
    return this.clock.mono() - sentAt;
  }
}

/** A ping every interval; the connection is dropped when a pong does not come back in time. */
export class Heartbeat {
  private beats = 0;
  /** Key of the heartbeat ping whose pong has not come yet. */
  private awaitedPongKey: string | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly pings: PingRoundTrips,
    private readonly wireFrames: WireFrameTracker,
    private readonly context: WsSessionContext,
    /** True while backpressure paused reading (readPacing.ts): an unread pong is not a missing one. */
    private readonly readsPaused: () => boolean = () => false,
  ) {}

  /** Starts beating (no-op when the interval is 0: heartbeat off). */
  start(): void {
    if (this.intervalMs > 0) this.schedule();
  }

  /** A pong arrived with this payload key. */
  pongReceived(key: string): void {
    if (this.awaitedPongKey === key) this.awaitedPongKey = undefined;
  }

  private schedule(): void {
    const { lifecycle } = this.context;
    lifecycle.timers.start(
      this.intervalMs,
      lifecycle.guarded(() => this.beat()),
    );
  }

  private beat(): void {
    const ws = this.context.socket();
    if (!ws || this.context.facts.state !== 'open') return;
    if (this.awaitedPongKey !== undefined && this.readsPaused()) {
      // The pong may be waiting in the socket we stopped reading: judge at the next beat.
      this.schedule();
      return;
    }
    if (this.awaitedPongKey !== undefined) {
      this.context.append('local', 'ws', 'heartbeat-timeout', {
        error: {
          code: ErrorCode.HeartbeatTimeout,
          message: `No pong within ${this.intervalMs} ms of our heartbeat ping: the connection is considered dead.`,
          hint: 'The server or a proxy stopped answering. ' + 'The connection is dropped without a closing handshake.',
        },
      });
      // Dropped without a closing handshake (§7.1.1: the TCP connection is simply closed); we chose to.
      this.wireFrames.markClientInitiated();
      ws.terminate();
      return;
    }
    const payload = Buffer.from(`ri-heartbeat-${++this.beats}`);
    this.awaitedPongKey = this.pings.sent(payload);
    const meta = { frame: { opcode: OPCODE.ping }, note: 'Heartbeat' };
    this.context.append('out', 'ws', 'ping', meta, textPayload(payload.toString(), CONTROL_MAX), payload.length);
    ws.ping(payload);
    this.schedule();
  }
}
