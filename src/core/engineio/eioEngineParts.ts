/**
 * The parts of the Engine.IO engine's contract that are not its state machine: what it takes from
 * outside (deps), what the layer on top hears (EioLayer), and the context its transports share.
 */
import { EngineRoute } from './engineRoute';
import type { EngineDeps } from '../session/engineDeps';
import type { Clock } from '../clock';
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { LogEvent } from '../events/logEvent';
import type { Network } from '../session/network';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import type { CookieJar } from './cookieJar';
import type { EioPacket, EioVersion } from './eioPacket';
import type { EnginePolicies, TransportStepPolicy } from './enginePolicies';
import type { EventWriter } from '../events/eventWriter';
import { keptHeartbeat, POLL_GRACE_MS, type OpenPacket } from './openPacket';
import type { TransportContext } from './transports/transport';

export interface EioEngineDeps extends EngineDeps {
  /** Fault injection's hooks (default: every step proceeds). */
  policies?: EnginePolicies;
}

/** What the layer on top (Socket.IO) hears from the engine; a plain Engine.IO session has none. */
export interface EioLayer {
  /** info.protocol for the Engine.IO version spoken. */
  protocolLabel(version: EioVersion): string;
  /** The Engine.IO session is open (Socket.IO sends its CONNECTs here). */
  onOpen(): void;
  /** A message packet (in full, even when its stored payload is truncated) and its `eio-message` event. */
  onMessage(event: LogEvent, packet: EioPacket): void;
  onClosed(reason: string): void;
}

/** What the transports' shared context is made of. */
export interface TransportContextParts {
  id: string;
  options: ResolvedEngineIoOptions;
  clock: Clock;
  lifecycle: SessionLifecycle;
  network: Network;
  writer: EventWriter;
  cookies: CookieJar;
  policy: TransportStepPolicy;
  version(): EioVersion;
  openPacket(): OpenPacket | undefined;
}

/** The context every transport of one engine shares. */
export function transportContextFor(parts: TransportContextParts): TransportContext {
  const { openPacket, ...rest } = parts;
  return {
    ...rest,
    route: new EngineRoute(parts.options),
    sid: () => openPacket()?.sid,
    // A long-poll is held up to pingInterval by the server; the timeout on top before calling it dead.
    pollTimeoutMs: () => {
      const open = openPacket();
      if (!open) return parts.options.handshakeTimeoutMs;
      const { pingInterval, pingTimeout } = keptHeartbeat(open);
      return pingInterval + pingTimeout + POLL_GRACE_MS;
    },
  };
}
