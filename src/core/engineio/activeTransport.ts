/**
 * The transport a session speaks over now — polling or WebSocket — and, during the upgrade, the probe
 * with its second one (engine.io-client's Socket owns a Transport and a probe the same way). It opens
 * the transport the connection options ask for, starts the probe after the open packet, switches over
 * when the probe succeeds, and closes whatever is open when the session ends.
 */
import type { TransportPolicy } from '../connection/engineIoOptions';
import type { ErrorMeta } from '../events/logEvent';
import type { SendRequest } from '../session/sendRequest';
import type { SessionInfo } from '../session/session';
import type { EioInbound } from './eioInbound';
import type { EioPacket } from './eioPacket';
import type { UpgradePolicy } from './enginePolicies';
import type { OpenPacket } from './openPacket';
import { PollingTransport } from './transports/pollingTransport';
import type { EioTransport, TransportContext, TransportName } from './transports/transport';
import { WebSocketTransport } from './transports/webSocketTransport';
import { UpgradeProbe } from './upgradeProbe';

/** What the active transport needs of its session. */
export interface ActiveTransportHost {
  readonly context: TransportContext;
  readonly inbound: EioInbound;
  readonly upgradePolicy: UpgradePolicy;
  closeWithError(error: ErrorMeta, reason: string): void;
  /** The WebSocket the session spoke over closed. */
  onWebSocketClosed(summary: string, cause: ErrorMeta | undefined): void;
  updateInfo(patch: Partial<SessionInfo>): void;
  isClosed(): boolean;
  /** Ms since the session started. */
  elapsedMs(): number;
}

export class ActiveTransport {
  private current: EioTransport | undefined;
  private polling: PollingTransport | undefined;
  private probe: UpgradeProbe | undefined;
  private readonly owned: Array<{ dispose(): void }> = [];

  constructor(private readonly host: ActiveTransportHost) {}

  get name(): TransportName | undefined {
    return this.current?.name;
  }

  /** Opens the first transport: polling (its handshake GET), or the WebSocket alone. */
  open(policy: TransportPolicy): void {
    if (policy === 'websocket-only') this.openWebSocket();
    else this.openPolling();
  }

  /**
   * After the open packet: with polling-then-websocket, probes the WebSocket when the server offers it
   * (else says why not); then sends what was queued before the sid was known.
   */
  afterOpen(open: OpenPacket, policy: TransportPolicy): void {
    const polling = this.polling;
    if (!polling || this.current !== polling) return;
    if (policy === 'polling-then-websocket') {
      if (open.upgrades.includes('websocket')) this.startProbe(polling);
      else {
        const note = 'The server offers no WebSocket upgrade: staying on long-polling.';
        this.host.context.writer.append('local', 'eio', 'upgrade-step', { eio: { step: 'upgrade-failed' }, note });
      }
    }
    polling.send([]);
  }

  /** Writes a packet on the current transport; returns the seq of its `eio` event. */
  send(packet: EioPacket, send?: SendRequest): number {
    return this.current!.send([{ packet, send }])[0];
  }

  /**
   * Why a message must not be written now: on the WebSocket, bytes waiting past maxBufferedSendBytes (issue 12).
   * Polling queues for one POST at a time, each with a deadline, so it has no such refusal.
   */
  refuseWhenBuffered(): ErrorMeta | undefined {
    return this.current instanceof WebSocketTransport ? this.current.refuseWhenBuffered() : undefined;
  }

  /** Over polling the client says goodbye with a close packet in a POST; over WebSocket it just closes. */
  sendGoodbye(): void {
    if (this.polling && this.current === this.polling) this.polling.sendGoodbye({ packet: { type: 'close' } });
  }

  /** Stops the probe and every transport; `graceful` lets a goodbye POST in flight finish. */
  close(graceful: boolean): void {
    this.probe?.close();
    this.current?.close(graceful);
    this.polling?.close(graceful);
  }

  dispose(): void {
    for (const item of this.owned.splice(0).reverse()) item.dispose();
  }

  private openPolling(): void {
    const polling = new PollingTransport(this.host.context, {
      onCarrier: (carrier) => this.host.inbound.onPollCarrier(carrier),
      onError: (error, reason) => this.host.closeWithError(error, reason),
    });
    this.polling = polling;
    this.use(polling);
    polling.open();
  }

  /** The WebSocket as the only transport (no upgrade). */
  private openWebSocket(): void {
    const { host } = this;
    const sink = {
      onOpen: () => undefined,
      onCarrier: (carrier: Parameters<EioInbound['onWebSocketCarrier']>[0]) => host.inbound.onWebSocketCarrier(carrier),
      onClosed: (summary: string, cause: ErrorMeta | undefined) => host.onWebSocketClosed(summary, cause),
      onError: (error: ErrorMeta, reason: string) => host.closeWithError(error, reason),
    };
    const ws = new WebSocketTransport(host.context, sink, undefined);
    this.use(ws);
    ws.open();
  }

  /** Probes the WebSocket while polling goes on, and switches to it (upgradeProbe.ts). */
  private startProbe(polling: PollingTransport): void {
    const { host } = this;
    const probe = new UpgradeProbe(host.context, host.upgradePolicy, polling, {
      logProbeCarrier: (carrier) => host.inbound.logProbeCarrier(carrier),
      onUpgradeState: (upgrade) => host.updateInfo({ upgrade }),
      onUpgraded: (ws) => {
        this.use(ws);
        host.updateInfo({ upgrade: 'upgraded' });
        // Packets queued while polling was paused leave over the WebSocket, already logged.
        ws.send(polling.takeQueued());
        polling.close(true);
      },
      onWebSocketCarrier: (carrier) => host.inbound.onWebSocketCarrier(carrier),
      onWebSocketClosed: (summary, cause) => host.onWebSocketClosed(summary, cause),
      onError: (error, reason) => host.closeWithError(error, reason),
      isClosed: () => host.isClosed(),
      elapsedMs: () => host.elapsedMs(),
    });
    this.probe = probe;
    this.owned.push(probe);
    probe.start();
  }

  private use(transport: EioTransport): void {
    this.current = transport;
    if (!this.owned.includes(transport)) this.owned.push(transport);
    this.host.updateInfo({ transport: transport.name });
  }
}
