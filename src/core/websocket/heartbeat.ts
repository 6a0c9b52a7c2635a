/**
 * Our own keep-alive, since `ws` has none (protocols.md): a ping every interval, and a pong deadline of its own
 * (issue 12: "ping every 20 s, close after 10 s without a pong"). When the pong of a ping is not back in time the
 * connection is considered dead and dropped without a closing handshake; when nothing at all arrived since that
 * ping either, the link is named probably half-open (the peer vanished without FIN or RST). RFC 6455 §5.5.3: a
 * pong answers the most recent ping and echoes its application data, so pings carry a distinct payload and pongs
 * are matched by it.
 */
import type WebSocket from 'ws';
import type { Clock } from '../clock';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { textPayload } from '../payload/storedPayload';
import { OPCODE } from './frameParser';
import type { WsSessionContext } from './sessionContext';
import type { WireFrameTracker } from './wireFrameTracker';

/** §5.5: control frame payloads are at most 125 bytes. */
const CONTROL_MAX = 125;

/** Pings awaited at most: a server that never answers must not make each ping the user sends stay in memory. */
export const MAX_AWAITED_PINGS = 256;

/** Pings sent and not yet answered, by payload: a pong that echoes one gives its round trip. */
export class PingRoundTrips {
  /** Send times by payload key, oldest first (a Map keeps insertion order). */
  private readonly sentAtMono = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Notes a ping with these bytes left now; returns its key. */
  sent(payload: Uint8Array): string {
    const key = Buffer.from(payload).toString('hex');
    // The same payload again is now the newest ping.
    this.sentAtMono.delete(key);
    this.sentAtMono.set(key, this.clock.mono());
    if (this.sentAtMono.size > MAX_AWAITED_PINGS) this.sentAtMono.delete(this.sentAtMono.keys().next().value!);
    return key;
  }

  /**
   * The round trip of the ping this pong answers, or undefined for a pong nobody asked for. §5.5.3: a peer may
   * answer only the most recent of several pings, so the pings sent before the answered one count as answered.
   */
  answered(key: string): number | undefined {
    const sentAt = this.sentAtMono.get(key);
    if (sentAt === undefined) return undefined;
    for (const earlier of this.sentAtMono.keys()) {
      this.sentAtMono.delete(earlier);
      if (earlier === key) break;
    }
    return this.clock.mono() - sentAt;
  }

  /** Whether the ping with this key still waits for a pong. */
  awaits(key: string): boolean {
    return this.sentAtMono.has(key);
  }
}

/** The heartbeat's timing: a ping every `intervalMs` (0 = off), a pong due within `timeoutMs` of its ping. */
export interface HeartbeatTiming {
  intervalMs: number;
  timeoutMs: number;
}

/** A ping every interval; the connection is dropped when a pong does not come back in time. */
export class Heartbeat {
  private beats = 0;
  /** Key of the heartbeat ping whose pong has not come yet, and that ping's number. */
  private awaitedPongKey: string | undefined;
  private awaitedBeat = 0;
  private pongDeadline: unknown;
  /** Whether anything (a message, a control frame) arrived since the awaited ping left. */
  private heardSincePing = false;
  /** Set when the pong deadline passed: why the session ended (its close summary and facts). */
  timeout: ErrorMeta | undefined;

  constructor(
    private readonly timing: HeartbeatTiming,
    private readonly pings: PingRoundTrips,
    private readonly wireFrames: WireFrameTracker,
    private readonly context: WsSessionContext,
    /** True while backpressure paused reading (readPacing.ts): an unread pong is not a missing one. */
    private readonly readsPaused: () => boolean = () => false,
  ) {}

  /** Starts beating (no-op when the interval is 0: heartbeat off). */
  start(): void {
    if (this.timing.intervalMs > 0) this.schedule();
  }

  /** A pong arrived with this payload key (after PingRoundTrips took it in). */
  pongReceived(key: string): void {
    this.heardSincePing = true;
    const awaited = this.awaitedPongKey;
    // Ours, or one for a ping sent after ours (which answers ours too, §5.5.3); not one for an older ping.
    if (awaited === undefined || (awaited !== key && this.pings.awaits(awaited))) return;
    this.awaitedPongKey = undefined;
    this.context.lifecycle.timers.clear(this.pongDeadline);
  }

  /** Something else arrived (a message, a ping): the link is alive, even when the pong is late. */
  heard(): void {
    this.heardSincePing = true;
  }

  private schedule(): void {
    const { lifecycle } = this.context;
    lifecycle.timers.start(
      this.timing.intervalMs,
      lifecycle.guarded(() => this.beat()),
    );
  }

  private beat(): void {
    const ws = this.context.socket();
    if (!ws || this.context.facts.state !== 'open') return;
    // A pong still awaited (a deadline longer than the interval): no second ping on top of it.
    if (this.awaitedPongKey === undefined) this.ping(ws);
    this.schedule();
  }

  private ping(ws: WebSocket): void {
    const payload = Buffer.from(`ri-heartbeat-${++this.beats}`);
    this.awaitedPongKey = this.pings.sent(payload);
    this.awaitedBeat = this.beats;
    this.heardSincePing = false;
    const meta = { frame: { opcode: OPCODE.ping }, note: `Heartbeat ping #${this.beats}` };
    this.context.append('out', 'ws', 'ping', meta, textPayload(payload.toString(), CONTROL_MAX), payload.length);
    ws.ping(payload);
    this.armDeadline(this.timing.timeoutMs);
  }

  private armDeadline(ms: number): void {
    const { lifecycle } = this.context;
    this.pongDeadline = lifecycle.timers.start(
      ms,
      lifecycle.guarded(() => this.onDeadline()),
    );
  }

  private onDeadline(): void {
    const ws = this.context.socket();
    if (this.awaitedPongKey === undefined || !ws || this.context.facts.state !== 'open') return;
    if (this.readsPaused()) {
      // The pong may be waiting in the socket we stopped reading: judge again once reading had a chance.
      this.armDeadline(Math.max(100, Math.min(this.timing.timeoutMs, 1_000)));
      return;
    }
    const error = heartbeatTimeoutError(this.timing.timeoutMs, this.awaitedBeat, !this.heardSincePing);
    this.timeout = error;
    this.context.append('local', 'ws', 'heartbeat-timeout', { error });
    // Dropped without a closing handshake (§7.1.1: the TCP connection is simply closed): a peer that does not
    // answer pings would not answer a close frame either.
    this.wireFrames.markClientInitiated();
    ws.terminate();
  }
}

/** "10 s", "1.5 s", "250 ms". */
function formatDeadline(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/**
 * The error of a missed pong. `silent`: nothing at all arrived since the ping — the signature of a half-open link
 * (the server vanished, or a NAT or firewall forgot the connection, and no FIN or RST ever came).
 */
export function heartbeatTimeoutError(timeoutMs: number, beat: number, silent: boolean): ErrorMeta {
  const halfOpen = silent ? ' and nothing else arrived since: the link is probably half-open' : '';
  return {
    code: ErrorCode.HeartbeatTimeout,
    message: `Heartbeat timeout: no pong within ${formatDeadline(timeoutMs)} of ping #${beat}${halfOpen}.`,
    hint: silent
      ? 'The server, or a NAT or proxy on the way, vanished without closing the connection. The connection is ' +
        'dropped without a closing handshake.'
      : 'Data still arrives but pongs do not: the server (or a proxy) does not answer pings. The connection is ' +
        'dropped without a closing handshake; raise heartbeatTimeoutMs or turn the heartbeat off for this server.',
  };
}
