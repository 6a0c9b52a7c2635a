/**
 * The one way to make a session from options of any kind: validate, then build the engine.
 * Profiles, the Connect command and tests all come through here.
 */
import { systemClock, type Clock } from '../clock';
import {
  validateConnectionOptions,
  type ResolvedConnectionOptions,
  type ValidationResult,
} from '../connection/connectionOptions';
import { isPollOptions } from '../connection/pollOptions';
import { EngineIoSession } from '../engineio/engineIoSession';
import type { EventLog } from '../events/eventLog';
import { DEFAULT_LOG_LIMITS, MemoryEventLog, type EventLogLimits } from '../events/memoryEventLog';
import { appendRouteRow } from '../network/routeFacts';
import { PollSession } from '../polling/pollSession';
import { ReconnectingSession } from '../reconnect/reconnectingSession';
import { RECONNECTING_KINDS, type ReconnectPolicy } from '../reconnect/reconnectPolicy';
import { SocketIoSession } from '../socketio/socketIoSession';
import { SseSession } from '../sse/sseSession';
import { WebSocketSession } from '../websocket/webSocketSession';
import type { EngineDeps } from './engineDeps';
import type { Network } from './network';
import type { Session } from './session';

export interface SessionDeps {
  clock?: Clock;
  /** What the default in-memory log keeps (settings `realtimeInspector.log.*`); unused with `logFactory`. */
  logLimits?: EventLogLimits;
  /**
   * Makes the session's log (issue #9: a SpillingEventLog with the memory budget setting and the extension's
   * storage folder). Called once per session; the caller disposes the log (`session.log.dispose()`, which
   * deletes its files) when it is done with the session. Default: a bounded MemoryEventLog.
   */
  logFactory?: () => EventLog;
  /**
   * Where the session connects (a proxy, pinned certificates, a test's own agents). Given here, it is
   * the caller's to dispose; by default each session connects directly and disposes its own.
   */
  network?: Network;
  /**
   * A profile's reconnect policy (issue 12): WebSocket, Engine.IO and Socket.IO sessions are then wrapped in a
   * ReconnectingSession (one log for every attempt). SSE and polling reconnect and retry by themselves.
   */
  reconnect?: ReconnectPolicy;
  /** The reconnect jitter's source of values in [0, 1) (default Math.random). */
  reconnectRandom?: () => number;
}

/** Validates `input` and returns an unstarted session (call `start()`), or the validation issues. */
export function createSession(input: unknown, deps: SessionDeps = {}): ValidationResult<Session> {
  const validated = validateConnectionOptions(input);
  if (!validated.ok) return validated;
  const options = validated.value;
  const log = deps.logFactory?.() ?? new MemoryEventLog(deps.logLimits ?? DEFAULT_LOG_LIMITS);
  // Through which proxy, if any (issue 12): said once, before the first attempt's rows.
  appendRouteRow(log, deps.clock ?? systemClock, deps.network, options.url);
  const engineDeps: EngineDeps = { clock: deps.clock, log, network: deps.network };
  const policy = deps.reconnect;
  if (!policy || !RECONNECTING_KINDS.includes(options.kind))
    return { ok: true, value: buildEngine(options, engineDeps) };
  // Every attempt is an engine of its own on the same log; ids after the first are the first's with the attempt.
  let firstId = '';
  const makeAttempt = (attemptOptions: ResolvedConnectionOptions, attempt: number): Session => {
    const engine = buildEngine(
      attemptOptions,
      attempt === 0 ? engineDeps : { ...engineDeps, id: `${firstId}.${attempt}` },
    );
    if (attempt === 0) firstId = engine.id;
    return engine;
  };
  return {
    ok: true,
    value: new ReconnectingSession(options, {
      makeAttempt,
      log,
      policy,
      clock: deps.clock,
      random: deps.reconnectRandom,
    }),
  };
}

/** The engine of the options' kind. */
function buildEngine(options: ResolvedConnectionOptions, engineDeps: EngineDeps): Session {
  if (options.kind === 'websocket') return new WebSocketSession(options, engineDeps);
  if (options.kind === 'engineio') return new EngineIoSession(options, engineDeps);
  if (options.kind === 'sse') return new SseSession(options, engineDeps);
  if (isPollOptions(options)) return new PollSession(options, engineDeps);
  return new SocketIoSession(options, engineDeps);
}
