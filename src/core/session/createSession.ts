/**
 * The one way to make a session from options of any kind: validate, then build the engine.
 * Profiles, the Connect command and tests all come through here.
 */
import type { Clock } from '../clock';
import { validateConnectionOptions, type ValidationResult } from '../connection/connectionOptions';
import { isPollOptions } from '../connection/pollOptions';
import { EngineIoSession } from '../engineio/engineIoSession';
import type { EventLog } from '../events/eventLog';
import { DEFAULT_LOG_LIMITS, MemoryEventLog, type EventLogLimits } from '../events/memoryEventLog';
import { PollSession } from '../polling/pollSession';
import { SocketIoSession } from '../socketio/socketIoSession';
import { SseSession } from '../sse/sseSession';
import { WebSocketSession } from '../websocket/webSocketSession';
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
}

/** Validates `input` and returns an unstarted session (call `start()`), or the validation issues. */
export function createSession(input: unknown, deps: SessionDeps = {}): ValidationResult<Session> {
  const validated = validateConnectionOptions(input);
  if (!validated.ok) return validated;
  const options = validated.value;
  const log = deps.logFactory?.() ?? new MemoryEventLog(deps.logLimits ?? DEFAULT_LOG_LIMITS);
  const engineDeps = { clock: deps.clock, log, network: deps.network };
  if (options.kind === 'websocket') return { ok: true, value: new WebSocketSession(options, engineDeps) };
  if (options.kind === 'engineio') return { ok: true, value: new EngineIoSession(options, engineDeps) };
  if (options.kind === 'sse') return { ok: true, value: new SseSession(options, engineDeps) };
  if (isPollOptions(options)) return { ok: true, value: new PollSession(options, engineDeps) };
  return { ok: true, value: new SocketIoSession(options, engineDeps) };
}
