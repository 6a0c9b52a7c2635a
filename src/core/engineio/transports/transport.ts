/**
 * An Engine.IO transport (socketio/engine.io-protocol, "Transports"): HTTP long-polling or WebSocket.
 * A transport moves packets and reports what it received; it does not decode the Engine.IO layer (the
 * session does, with EioLayerDecoder) and does not decide what a packet means. The session owns one
 * transport at a time, and a second one while the upgrade probe runs.
 */
import type { Clock } from '../../clock';
import type { ResolvedEngineIoOptions } from '../../connection/engineIoOptions';
import type { Disposable } from '../../disposable';
import type { ErrorMeta } from '../../events/logEvent';
import type { SendRequest } from '../../session/sendRequest';
import type { SessionLifecycle } from '../../session/sessionLifecycle';
import type { Network } from '../../session/network';
import type { CookieJar } from '../cookieJar';
import type { EngineRoute } from '../engineRoute';
import type { CarrierInput } from '../eioLayerDecoder';
import type { EioPacket, EioVersion } from '../eioPacket';
import type { EventWriter } from '../../events/eventWriter';
import type { TransportStepPolicy } from '../enginePolicies';

export type TransportName = 'polling' | 'websocket';

/**
 * A packet to write. The transport logs its `eio` event (polling: when queued; WebSocket: under its
 * frame) unless `seq` says it was logged already (queued on polling before an upgrade).
 */
export interface OutgoingPacket {
  packet: EioPacket;
  seq?: number;
  /** The request it was sent from, kept on its event (replay). */
  send?: SendRequest;
  /** The upgrade's `2probe`. */
  probe?: boolean;
}

/** A carrier that arrived, with what the session needs to decode it. */
export interface ReceivedCarrier extends CarrierInput {
  /** Polling: this is the answer to the handshake GET. */
  handshake?: boolean;
}

/** What a transport tells its session. */
export interface TransportSink {
  /**
   * A poll response or a WebSocket message arrived. For polling, the promise settles once its packets
   * are delivered: no other GET starts and no upgrade completes meanwhile (issue #7). Resolves with
   * whether the body was empty (only noops, or nothing), for the poll pacing.
   */
  onCarrier(carrier: ReceivedCarrier): Promise<{ empty: boolean } | undefined> | void;
  /** The transport failed: the session ends with `error`. */
  onError(error: ErrorMeta, reason: string): void;
}

/** What every transport of a session shares: its options, clock, log, network and state. */
export interface TransportContext {
  readonly id: string;
  readonly options: ResolvedEngineIoOptions;
  readonly clock: Clock;
  readonly lifecycle: SessionLifecycle;
  readonly network: Network;
  readonly writer: EventWriter;
  readonly cookies: CookieJar;
  readonly policy: TransportStepPolicy;
  /** Where requests go: the options' endpoint, headers and query, or where a followed handshake redirect led. */
  readonly route: EngineRoute;
  /** The protocol version spoken now (auto-detection may switch it to 3). */
  version(): EioVersion;
  /** The sid, once the open packet came. */
  sid(): string | undefined;
  /** How long a GET may take: the handshake timeout, or the heartbeat's limit once open. */
  pollTimeoutMs(): number;
}

/** The transport interface: open, send, pause, close. */
export interface EioTransport extends Disposable {
  readonly name: TransportName;
  /** Its named state (each transport has its own set). */
  readonly state: string;
  /** Starts: polling sends its first GET, the WebSocket connects. */
  open(): void;
  /**
   * Writes packets: polling queues them for the next POST, the WebSocket sends one frame each. Returns
   * the seq of each packet's `eio` event.
   */
  send(packets: OutgoingPacket[]): number[];
  /** Stops reading and writing once what is in flight is done, then calls `onPaused`. */
  pause(onPaused: () => void): void;
  /** Ends the transport; `graceful`: let a goodbye already written finish. */
  close(graceful: boolean): void;
}
