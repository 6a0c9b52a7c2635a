/** Helpers for engine tests: make a session, run it, and wait for events in its log. */
import { createSession } from '../../../src/core/session/createSession';
import type { Session } from '../../../src/core/session/session';

export { events, header, ofType, payloadText, waitForEvent, waitForState } from './sessionEvents';

export function newSession(options: Record<string, unknown>): Session {
  const created = createSession({ kind: 'websocket', ...options });
  if (!created.ok) throw new Error(`invalid options in test: ${JSON.stringify(created.issues)}`);
  return created.value;
}
