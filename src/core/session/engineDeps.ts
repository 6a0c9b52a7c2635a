/**
 * What every engine's session is made with besides its options (createSession fills them in; tests inject their
 * own). All optional: without them a session names itself, runs on the system clock, logs in memory and connects
 * directly with its options' TLS settings.
 */
import type { Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { Network } from './network';

export interface EngineDeps {
  /** The session id (default: the kind's prefix and a counter, e.g. `ws-1`). */
  id?: string;
  /** Time: deadlines, heartbeats, retries and reconnect waits run on it (default the system clock). */
  clock?: Clock;
  /** The log to append to (default a fresh in-memory log). */
  log?: EventLog;
  /** Agents and TLS (default a direct network with the options' TLS settings, owned by the session). */
  network?: Network;
}

/** Engines that wait with jitter (SSE reconnects, polling retries) also take their randomness from outside. */
export interface JitteredEngineDeps extends EngineDeps {
  /** Values in [0, 1) (default Math.random). */
  random?: () => number;
}
