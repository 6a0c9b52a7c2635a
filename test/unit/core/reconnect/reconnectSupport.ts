/**
 * Reconnecting sessions for the tests (issue 12): real engines on real servers, their waits on a ManualClock
 * (the engines themselves run on the system clock, so their I/O is real and only the waits are the test's).
 */
import assert from 'node:assert/strict';
import { validateConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import type { ResolvedConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import { EngineIoSession } from '../../../../src/core/engineio/engineIoSession';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import type { ReconnectPolicy } from '../../../../src/core/reconnect/reconnectPolicy';
import type { ReconnectPhase } from '../../../../src/core/reconnect/reconnectStatus';
import type { Network } from '../../../../src/core/session/network';
import type { Session } from '../../../../src/core/session/session';
import { SocketIoSession } from '../../../../src/core/socketio/socketIoSession';
import { WebSocketSession } from '../../../../src/core/websocket/webSocketSession';
import { ManualClock } from '../../support/manualClock';

export const POLICY: ReconnectPolicy = { initialDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

export interface Reconnecting {
  session: ReconnectingSession;
  clock: ManualClock;
  /** The attempts' sessions, in order. */
  attempts: Session[];
}

/** What a test may change: the shared log, and a wrapper around each attempt's engine (to watch it). */
export interface ReconnectingExtras {
  log?: MemoryEventLog;
  wrap?: (engine: Session) => Session;
  /** The engines run on the session's ManualClock too (their heartbeat, their deadlines). */
  enginesOnClock?: boolean;
  /** Where every attempt connects (a proxy); the test disposes it. Default: directly. */
  network?: Network;
}

/** A reconnecting session of `options` (validated) with `policy`, its waits on a ManualClock. */
export function reconnecting(
  options: Record<string, unknown>,
  policy: ReconnectPolicy = POLICY,
  random: () => number = () => 0.5,
  extra: ReconnectingExtras = {},
): Reconnecting {
  const log = extra.log ?? new MemoryEventLog();
  const validated = validateConnectionOptions(options);
  assert.ok(validated.ok, JSON.stringify(!validated.ok && validated.issues));
  const clock = new ManualClock();
  const attempts: Session[] = [];
  const makeAttempt = (attemptOptions: ResolvedConnectionOptions): Session => {
    const engineClock = extra.enginesOnClock ? clock : undefined;
    const built = buildEngine(attemptOptions, { log, clock: engineClock, network: extra.network });
    const engine = extra.wrap ? extra.wrap(built) : built;
    attempts.push(engine);
    return engine;
  };
  const session = new ReconnectingSession(validated.value, { makeAttempt, log, policy, clock, random });
  return { session, clock, attempts };
}

interface TestEngineDeps {
  log: MemoryEventLog;
  clock?: ManualClock;
  network?: Network;
}

function buildEngine(options: ResolvedConnectionOptions, deps: TestEngineDeps): Session {
  if (options.kind === 'websocket') return new WebSocketSession(options, deps);
  if (options.kind === 'socketio') return new SocketIoSession(options, deps);
  if (options.kind === 'engineio') return new EngineIoSession(options, deps);
  throw new Error(`no reconnecting ${options.kind} in these tests`);
}

/** Resolves once the session's reconnect phase is `phase`; rejects after `ms`. */
export function waitForPhase(session: ReconnectingSession, phase: ReconnectPhase, ms = 8000): Promise<void> {
  if (session.status.phase === phase) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`reconnect phase stayed ${session.status.phase}, wanted ${phase}`));
    }, ms);
    const sub = session.onDidChange((info) => {
      if (info.reconnect?.phase !== phase) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** The types of the session's rows, in order. */
export function rowTypes(session: Session): string[] {
  return session.log.page(1, session.log.count).map((event) => event.type);
}
