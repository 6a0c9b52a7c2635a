/**
 * Where fault injection will plug in (roadmap: "block or delay the upgrade, force polling, drop or delay
 * pongs, kill the transport mid-stream"): every step of the upgrade probe and of each transport passes
 * through a policy before it runs. A policy calls `proceed` to let the step run — at once, later (a
 * delay), or never (a block). The defaults below proceed at once, so today nothing changes.
 *
 * (Named `TransportStepPolicy`, not `TransportPolicy`: that name already means the polling/WebSocket
 * choice of the connection options.)
 */
import type { ProbeState } from './upgradeProbe';
import type { PollingState } from './transports/pollingTransport';
import type { WebSocketTransportState } from './transports/webSocketTransport';

/** A step of a transport: the state it is about to enter (polling also: each POST it is about to send). */
export type TransportStep =
  { transport: 'polling'; step: PollingState | 'post' } | { transport: 'websocket'; step: WebSocketTransportState };

export interface TransportStepPolicy {
  /** Called before each transport step; `proceed` runs it. */
  beforeStep(step: TransportStep, proceed: () => void): void;
}

export interface UpgradePolicy {
  /** Called before the probe enters `state` (a failure is never held back); `proceed` enters it. */
  beforeStep(state: Exclude<ProbeState, 'idle' | 'failed'>, proceed: () => void): void;
}

/** The policies a session runs with. */
export interface EnginePolicies {
  upgrade: UpgradePolicy;
  transport: TransportStepPolicy;
}

/** Lets every step proceed at once: how a session behaves without fault injection. */
export const PROCEED_ALWAYS: EnginePolicies = {
  upgrade: { beforeStep: (_state, proceed) => proceed() },
  transport: { beforeStep: (_step, proceed) => proceed() },
};
