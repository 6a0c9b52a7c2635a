/**
 * Set-up for the SSE engine tests: validated options, sessions built with their own deps (a manual clock, a
 * fixed jitter), the scriptable SSE server, and everything closed after each test (`useSse()` in a `describe`).
 */
import assert from 'node:assert/strict';
import { validateSseOptions, type ResolvedSseOptions } from '../../../../src/core/connection/sseOptions';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import type { Session } from '../../../../src/core/session/session';
import { SseSession, type SseSessionDeps } from '../../../../src/core/sse/sseSession';
import { startSseServer, type SseServer } from '../../../fixtures/servers/sseServer';
import { events, ofType } from '../../support/sessionEvents';

export { events, header, ofType, payloadText, waitForEvent, waitForState } from '../../support/sessionEvents';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check()` holds; rejects after `ms` with `what`. */
export async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(10);
  }
}

/** Validated SSE options (defaults filled in); throws on options a test got wrong. */
export function sseOptions(options: Record<string, unknown>): ResolvedSseOptions {
  const validated = validateSseOptions({ kind: 'sse', ...options });
  assert.ok(validated.ok, JSON.stringify(!validated.ok && validated.issues));
  return validated.value;
}

/** The log as `direction:layer:type` words, for order checks. */
export function rowKinds(session: Session): string[] {
  return events(session).map((e) => `${e.direction}:${e.layer}:${e.type}`);
}

/** Codes of the error rows. */
export function errorCodes(session: Session): string[] {
  return ofType(session, 'error').map((e) => e.meta?.error?.code ?? '?');
}

/** The data of every `sse-event` row, in order. */
export function eventData(session: Session): string[] {
  return ofType(session, 'sse-event').map((e) => (e.payload?.kind === 'text' ? e.payload.text : '<binary>'));
}

/** The one row of `type`; fails when there is none or more than one. */
export function only(session: Session, type: string): LogEvent {
  const found = ofType(session, type);
  assert.equal(found.length, 1, `one ${type} row (log: ${rowKinds(session).join(', ')})`);
  return found[0];
}

export interface SseFixture {
  server(): Promise<SseServer>;
  session(options: Record<string, unknown>, deps?: SseSessionDeps): SseSession;
}

/** Registers an afterEach that closes every session and server the test made. */
export function useSse(): SseFixture {
  const sessions: SseSession[] = [];
  const servers: SseServer[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      await session.close();
      session.dispose();
    }
    for (const server of servers.splice(0)) {
      const problems = server.scriptErrors.map(String);
      await server.close();
      assert.deepEqual(problems, [], 'the server scripts ran without exceptions');
    }
  });
  return {
    server: async () => {
      const server = await startSseServer();
      servers.push(server);
      return server;
    },
    session: (options, deps = {}) => {
      const session = new SseSession(sseOptions(options), deps);
      sessions.push(session);
      return session;
    },
  };
}
