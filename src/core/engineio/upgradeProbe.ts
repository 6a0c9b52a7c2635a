/**
 * The upgrade from long-polling to WebSocket, step by step as engine.io-client's `_probe` does it
 * (engine.io-protocol, "Upgrade"): open a WebSocket with the sid while polling goes on, send `2probe`,
 * expect `3probe`, pause polling (wait for the GET and POST in flight), send `5`, and speak over the
 * WebSocket from then on. Each step is an `upgrade-step` row (the panel's upgrade timeline is built
 * from them) and passes through the UpgradePolicy first. Any failure leaves the session on polling.
 *
 * States: idle → opening → probe-sent → probe-answered → pausing → paused → upgrading → upgraded,
 * or failed from any state before upgraded.
 */
import type { ErrorMeta } from '../events/logEvent';
import type { EioPacket } from './eioPacket';
import type { UpgradePolicy } from './enginePolicies';
import type { PollingTransport } from './transports/pollingTransport';
import type { ReceivedCarrier, TransportContext } from './transports/transport';
import { WebSocketTransport } from './transports/webSocketTransport';

export type ProbeState =
  'idle' | 'opening' | 'probe-sent' | 'probe-answered' | 'pausing' | 'paused' | 'upgrading' | 'upgraded' | 'failed';

/** What the probe needs of its session. */
export interface ProbeHost {
  /** Decodes and logs a carrier of the probe's WebSocket; returns the packets it held. */
  logProbeCarrier(carrier: ReceivedCarrier): EioPacket[];
  /** Where the upgrade stands, for the session header. */
  onUpgradeState(upgrade: 'probing' | 'paused' | 'upgraded' | 'failed'): void;
  /** The upgrade is complete: the session speaks over `ws` from now on. */
  onUpgraded(ws: WebSocketTransport): void;
  /** After the upgrade, the WebSocket's traffic and close are the session's. */
  onWebSocketCarrier(carrier: ReceivedCarrier): void;
  onWebSocketClosed(summary: string, cause: ErrorMeta | undefined): void;
  onError(error: ErrorMeta, reason: string): void;
  isClosed(): boolean;
  /** Ms since the session started (the `upgraded` row says how long the upgrade took). */
  elapsedMs(): number;
}

export class UpgradeProbe {
  private current: ProbeState = 'idle';
  private readonly ws: WebSocketTransport;
  private probeTimer: unknown;

  constructor(
    private readonly ctx: TransportContext,
    private readonly policy: UpgradePolicy,
    private readonly polling: PollingTransport,
    private readonly host: ProbeHost,
  ) {
    this.ws = new WebSocketTransport(
      ctx,
      {
        onOpen: () => this.sendProbe(),
        onCarrier: (carrier) => this.onCarrier(carrier),
        onClosed: (summary, cause) => this.onClosed(summary, cause),
        onError: (error, reason) => host.onError(error, reason),
      },
      ctx.sid(),
    );
  }

  get state(): ProbeState {
    return this.current;
  }

  /** Opens the probe's WebSocket while polling continues. */
  start(): void {
    this.enter('opening', () => {
      this.host.onUpgradeState('probing');
      const note = `Upgrade: opening a WebSocket to ${this.ws.url.href} to probe it while polling continues`;
      this.step('probe', 'websocket', note);
      this.ws.open();
    });
  }

  /** The session ends: a WebSocket that never became the transport closes with it. */
  close(): void {
    this.ctx.lifecycle.timers.clear(this.probeTimer);
    if (this.current !== 'upgraded') this.ws.close();
  }

  dispose(): void {
    if (this.current !== 'upgraded') this.ws.dispose();
  }

  private sendProbe(): void {
    if (this.current !== 'opening') return;
    this.enter('probe-sent', () => {
      this.ws.send([{ packet: { type: 'ping', data: 'probe' }, probe: true }]);
      const ms = this.ctx.options.handshakeTimeoutMs;
      this.probeTimer = this.ctx.lifecycle.timers.start(
        ms,
        this.ctx.lifecycle.guarded(() => {
          if (this.current !== 'probe-sent') return;
          this.fail(`The probe was not answered within ${ms} ms`);
          this.ws.close();
        }),
      );
    });
  }

  private onCarrier(carrier: ReceivedCarrier): void {
    if (this.current === 'upgraded') {
      this.host.onWebSocketCarrier(carrier);
      return;
    }
    // Frames before the answer, or after a failure or while pausing, are not the probe's: dropped.
    if (this.current !== 'probe-sent') return;
    const packet = this.host.logProbeCarrier(carrier)[0];
    if (packet?.type === 'pong' && packet.data === 'probe') this.onProbeAnswered();
    else {
      const shown = typeof carrier.data === 'string' ? carrier.data.slice(0, 40) : 'binary data';
      this.fail(`The probe was answered with "${shown}" instead of "3probe"`);
    }
  }

  private onProbeAnswered(): void {
    this.ctx.lifecycle.timers.clear(this.probeTimer);
    this.enter('probe-answered', () => {
      this.step('probe-ok', 'websocket', 'Upgrade: the probe was answered (3probe); pausing polling');
      this.enter('pausing', () => {
        this.host.onUpgradeState('paused');
        const pending = this.polling.inFlight;
        this.step(
          'pause',
          'polling',
          pending.length
            ? `Pause: waiting for ${pending.join(' and ')} in flight to finish ` +
                '(the server answers a pending GET with a noop)'
            : 'Pause: no request in flight',
        );
        this.polling.pause(this.ctx.lifecycle.guarded(() => this.onPollingPaused()));
      });
    });
  }

  private onPollingPaused(): void {
    if (this.host.isClosed() || this.current !== 'pausing') return;
    this.enter('paused', () => {
      this.step('paused', 'polling', 'Paused: polling has stopped; sending the upgrade packet');
      this.enter('upgrading', () => {
        this.ws.send([{ packet: { type: 'upgrade' } }]);
        this.enter('upgraded', () => {
          const note = `Upgraded to WebSocket ${this.host.elapsedMs().toFixed(1)} ms after the session started`;
          this.step('upgraded', 'websocket', note);
          this.host.onUpgraded(this.ws);
        });
      });
    });
  }

  private onClosed(summary: string, cause: ErrorMeta | undefined): void {
    if (this.current === 'upgraded') this.host.onWebSocketClosed(summary, cause);
    else this.fail(summary.replace(/\.$/, ''));
  }

  /** Gives up on the upgrade: the session stays on long-polling. */
  private fail(why: string): void {
    this.ctx.lifecycle.timers.clear(this.probeTimer);
    if (this.current === 'failed' || this.current === 'upgraded') return;
    this.current = 'failed';
    this.ctx.writer.append('local', 'eio', 'upgrade-step', {
      eio: { step: 'upgrade-failed' },
      note: `Upgrade failed: ${why}. Staying on long-polling.`,
    });
    this.host.onUpgradeState('failed');
    if (!this.host.isClosed()) this.polling.resume();
  }

  /** Enters `state` once the policy lets it (unless the probe failed meanwhile). */
  private enter(state: Exclude<ProbeState, 'failed' | 'idle'>, run: () => void): void {
    this.policy.beforeStep(state, () => {
      if (this.current === 'failed' || this.host.isClosed()) return;
      this.current = state;
      run();
    });
  }

  private step(
    step: 'probe' | 'probe-ok' | 'pause' | 'paused' | 'upgraded',
    transport: 'polling' | 'websocket',
    note: string,
  ): void {
    this.ctx.writer.append('local', 'eio', 'upgrade-step', { eio: { step, transport }, note });
  }
}
