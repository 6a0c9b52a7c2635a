/**
 * The one way to make a session from options of any kind: validate, then build the engine.
 * Profiles, the Connect command and tests all come through here.
 */
import type { Clock } from '../clock';
import { validateConnectionOptions, type ValidationResult } from '../connection/connectionOptions';
import { EngineIoSession } from '../engineio/engineIoSession';
import { SocketIoSession } from '../socketio/socketIoSession';
import { WebSocketSession } from '../websocket/webSocketSession';
import type { Session } from './session';

export interface SessionDeps {
  clock?: Clock;
}

/** Validates `input` and returns an unstarted session (call `start()`), or the validation issues. */
export function createSession(input: unknown, deps: SessionDeps = {}): ValidationResult<Session> {
  const validated = validateConnectionOptions(input);
  if (!validated.ok) return validated;
  const options = validated.value;
  if (options.kind === 'websocket') return { ok: true, value: new WebSocketSession(options, { clock: deps.clock }) };
  if (options.kind === 'engineio') return { ok: true, value: new EngineIoSession(options, { clock: deps.clock }) };
  return { ok: true, value: new SocketIoSession(options, { clock: deps.clock }) };
}
