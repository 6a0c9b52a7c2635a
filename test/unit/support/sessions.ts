/**
 * The one set-up helper of the engine tests (issue #8): sessions made from options (through createSession —
 * `newSession` defaults to the WebSocket kind — or built directly with deps such as policies, a network
 * or a log), real and scripted servers, and everything closed after each test (`useSessions()` inside a
 * `describe`). Reading a session's log is in sessionEvents.ts, re-exported here.
 */
import assert from 'node:assert/strict';
import { validateConnectionOptions } from '../../../src/core/connection/connectionOptions';
import type { ResolvedEngineIoOptions } from '../../../src/core/connection/engineIoOptions';
import type { EioEngineDeps } from '../../../src/core/engineio/eioEngine';
import { EngineIoSession } from '../../../src/core/engineio/engineIoSession';
import type { Session } from '../../../src/core/session/session';
import { SocketIoSession } from '../../../src/core/socketio/socketIoSession';
import {
  startScriptedServer,
  type EioScript,
  type ScriptedServer,
} from '../../fixtures/servers/scriptedEngineIoServer';
import {
  startEngineIoServer,
  startSocketIoServer,
  type EngineIoServerKind,
  type EngineIoTestServer,
  type SocketIoServerKind,
  type SocketIoTestServer,
} from '../../fixtures/servers/socketIoServers';
import { createSession } from '../../../src/core/session/createSession';

export { events, header, ofType, payloadText, waitForEvent, waitForState } from './sessionEvents';

/** A session from options (kind `websocket` unless given); throws on options a test got wrong. */
export function newSession(options: Record<string, unknown>): Session {
  const created = createSession({ kind: 'websocket', ...options });
  if (!created.ok) throw new Error(`invalid options in test: ${JSON.stringify(created.issues)}`);
  return created.value;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check()` holds; rejects after `ms` with `what`. */
export async function eventually(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

/** Validated Engine.IO / Socket.IO options (defaults filled in), for sessions built with their own deps. */
export function engineOptions(options: Record<string, unknown>): ResolvedEngineIoOptions {
  const validated = validateConnectionOptions({ kind: 'engineio', ...options });
  assert.ok(validated.ok, JSON.stringify(!validated.ok && validated.issues));
  assert.notEqual(validated.value.kind, 'websocket');
  return validated.value as ResolvedEngineIoOptions;
}

export interface SessionFixture {
  /** A session made by createSession, as the host makes it. */
  session(options: Record<string, unknown>): Session;
  /** An Engine.IO or Socket.IO session built with its own deps (policies, network, log, clock). */
  engineSession(options: Record<string, unknown>, deps: EioEngineDeps): EngineIoSession | SocketIoSession;
  scripted(script?: EioScript): Promise<ScriptedServer>;
  socketIo(kind: SocketIoServerKind): Promise<SocketIoTestServer>;
  engineIo(kind: EngineIoServerKind): Promise<EngineIoTestServer>;
}

/** Registers an afterEach that closes every session and server the test made. */
export function useSessions(): SessionFixture {
  const sessions: Session[] = [];
  const servers: Array<{ close(): Promise<void>; scriptErrors?: Error[] }> = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await Promise.race([s.close(), sleep(3000)]);
      s.dispose();
    }
    for (const server of servers.splice(0)) {
      const problems = (server.scriptErrors ?? []).map(String);
      await server.close();
      assert.deepEqual(problems, [], 'the test server scripts ran without exceptions');
    }
  });
  const track = <T extends { close(): Promise<void> }>(server: T): T => {
    servers.push(server);
    return server;
  };
  return {
    session: (options) => {
      const session = newSession(options);
      sessions.push(session);
      return session;
    },
    engineSession: (options, deps) => {
      const resolved = engineOptions(options);
      const session =
        resolved.kind === 'socketio' ? new SocketIoSession(resolved, deps) : new EngineIoSession(resolved, deps);
      sessions.push(session);
      return session;
    },
    scripted: async (script = {}) => track(await startScriptedServer(script)),
    socketIo: async (kind) => track(await startSocketIoServer(kind)),
    engineIo: async (kind) => track(await startEngineIoServer(kind)),
  };
}
