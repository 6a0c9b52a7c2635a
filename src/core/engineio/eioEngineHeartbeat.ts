/**
 * The engine's side of the heartbeat (eioEngine.ts). EioHeartbeat (eioHeartbeat.ts) only keeps the timers;
 * this wires it to a session: it starts from the open packet's kept values in the version spoken (and
 * restarts when `auto` detection switches to v3), answers a v4 server's ping with a pong carrying its data,
 * sends v3's client pings while the session is open, and turns silence into a `ping timeout` close whose hint
 * fits the version and transport.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import { EioHeartbeat } from './eioHeartbeat';
import type { EioPacket, EioVersion } from './eioPacket';
import { heartbeatHint } from './engineNotes';
import { keptHeartbeat, type OpenPacket } from './openPacket';
import type { TransportName } from './transports/transport';

/** What the heartbeat needs of its engine (the engine itself fits this). */
export interface EngineHeartbeatHost {
  readonly options: ResolvedEngineIoOptions;
  readonly lifecycle: SessionLifecycle;
  readonly engineVersion: EioVersion;
  readonly openPacket: OpenPacket | undefined;
  isClosed(): boolean;
  sendPacket(packet: EioPacket): number;
  closeWithError(error: ErrorMeta, reason: string): void;
}

export class EngineHeartbeat {
  private readonly beat: EioHeartbeat;

  constructor(
    private readonly host: EngineHeartbeatHost,
    private readonly transportName: () => TransportName | undefined,
  ) {
    this.beat = new EioHeartbeat(host.lifecycle.timers, {
      sendPing: host.lifecycle.guarded(() => {
        if (!host.isClosed()) host.sendPacket({ type: 'ping' });
      }),
      onTimeout: host.lifecycle.guarded((message: string) => this.onTimeout(message)),
    });
  }

  /** Starts (or restarts, after a version switch) once the open packet came; before it, nothing to keep. */
  start(): void {
    const opened = this.host.openPacket;
    if (!opened) return;
    const { pingInterval, pingTimeout } = keptHeartbeat(opened);
    this.beat.start(this.host.engineVersion, pingInterval, pingTimeout);
  }

  /** A server ping: v4 resets the watchdog and answers with a pong carrying the ping's data. */
  onPing(packet: EioPacket): void {
    if (this.host.engineVersion !== 4) return;
    this.beat.onPing();
    this.host.sendPacket({ type: 'pong', data: packet.data as string | undefined });
  }

  /** A server pong: the answer to v3's ping. */
  onPong(): void {
    this.beat.onPong();
  }

  private onTimeout(message: string): void {
    const { options } = this.host;
    const hint = heartbeatHint(this.host.engineVersion, this.transportName(), options.transports);
    this.host.closeWithError({ code: ErrorCode.PingTimeout, message, hint }, 'ping timeout');
  }
}
