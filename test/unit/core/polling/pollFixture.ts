/**
 * Set-up for the polling engine tests: a real poll server (test/fixtures/servers/pollServer.ts) and
 * PollSessions built from validated options with their own deps, all closed after each test.
 */
import assert from 'node:assert/strict';
import { validatePollOptions, type ResolvedPollOptions } from '../../../../src/core/connection/pollOptions';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { PollSession, type PollSessionDeps } from '../../../../src/core/polling/pollSession';
import { startPollServer, type PollServer, type PollServerOptions } from '../../../fixtures/servers/pollServer';
import { ofType, sleep } from '../../support/sessions';

export interface PollFixture {
  server(options?: PollServerOptions): Promise<PollServer>;
  /** A PollSession (kind `longpoll` unless given) from options that must validate. */
  session(options: Record<string, unknown>, deps?: PollSessionDeps): PollSession;
}

export function pollOptions(options: Record<string, unknown>): ResolvedPollOptions {
  const validated = validatePollOptions({ kind: 'longpoll', ...options });
  assert.ok(validated.ok, JSON.stringify(!validated.ok && validated.issues));
  return validated.value;
}

/** Registers an afterEach that closes every session and server the test made. */
export function usePollFixture(): PollFixture {
  const sessions: PollSession[] = [];
  const servers: PollServer[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      await Promise.race([session.close(), sleep(3000)]);
      session.dispose();
    }
    for (const server of servers.splice(0)) await server.close();
  });
  return {
    server: async (options) => {
      const server = await startPollServer(options);
      servers.push(server);
      return server;
    },
    session: (options, deps = {}) => {
      const session = new PollSession(pollOptions(options), deps);
      sessions.push(session);
      return session;
    },
  };
}

/** The session's rows of `type`. */
export function rows(session: PollSession, type: string): LogEvent[] {
  return ofType(session, type);
}

/** The error codes the session logged, in order. */
export function errorCodes(session: PollSession): string[] {
  return rows(session, 'error').map((e) => e.meta?.error?.code ?? '?');
}
