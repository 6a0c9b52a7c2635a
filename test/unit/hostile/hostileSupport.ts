/**
 * What every hostile-server suite (issue 12) checks after each case: the user sees an error row in our words
 * (a stable `RI_…` code, a sentence, never Node's or a library's raw message), nothing escaped as an uncaught
 * exception or an unhandled rejection (the process would have crashed in the extension host), and the log and
 * the stored payloads stay bounded (counts and sizes, never RSS).
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../src/core/events/logEvent';
import type { Session } from '../../../src/core/session/session';
import { events, ofType } from '../support/sessionEvents';

export { events, ofType, payloadText, waitForEvent, waitForState } from '../support/sessionEvents';

/** Watches the process for anything a hostile server made escape; `afterEach` asserts there was nothing. */
export function useCrashWatch(): void {
  const escaped: string[] = [];
  const onException = (error: unknown): void => void escaped.push(`uncaught: ${String(error)}`);
  const onRejection = (reason: unknown): void => void escaped.push(`unhandled rejection: ${String(reason)}`);
  beforeEach(() => {
    escaped.length = 0;
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
    assert.deepEqual(escaped, [], 'nothing escaped the session');
  });
}

/** Codes of the error rows, in order. */
export function errorCodes(session: Session): string[] {
  return ofType(session, 'error').map((e) => e.meta?.error?.code ?? '?');
}

/**
 * The first error row (or any row carrying an error) with `code`, checked to speak our words: a stable code, a
 * sentence of our own rather than `Parse Error: …` or a `WS_ERR_…` message, any raw text only in `detail`.
 */
export function ourError(session: Session, code: string): LogEvent {
  const row = events(session).find((e) => e.meta?.error?.code === code);
  assert.ok(row, `an error ${code} (got ${errorCodes(session).join(', ') || 'none'})`);
  const { message } = row.meta!.error!;
  assert.match(code, /^RI_[A-Z_]+$/, 'a stable code of ours');
  assert.ok(message.length > 20, `a sentence: ${message}`);
  assert.doesNotMatch(message, /^(Parse Error|Error|Invalid WebSocket frame|WS_ERR_)/, `our words: ${message}`);
  return row;
}

/** Every error row speaks our words (no Node or library code leaks through as the code). */
export function allErrorsInOurWords(session: Session): void {
  for (const code of errorCodes(session)) assert.match(code, /^RI_[A-Z_]+$/, `error code ${code} is one of ours`);
}

/** How many rows of each `direction:type`. */
export function rowCounts(session: Session): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events(session)) counts[`${e.direction}:${e.type}`] = (counts[`${e.direction}:${e.type}`] ?? 0) + 1;
  return counts;
}

/** No row stores more than `maxBytes` of payload (a truncated payload keeps its full length in `size`). */
export function payloadsBounded(session: Session, maxBytes: number): void {
  for (const e of events(session)) {
    const p = e.payload;
    if (!p) continue;
    const kept = p.kind === 'text' ? Buffer.byteLength(p.text) : p.bytes.length;
    assert.ok(kept <= maxBytes, `row ${e.seq} (${e.type}) keeps ${kept} bytes, more than ${maxBytes}`);
  }
}

/** Waits until the session is closed; fails after `ms` with what the log holds. */
export async function closedWithin(session: Session, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (session.info.state !== 'closed') {
    if (Date.now() > deadline) throw new Error(`still ${session.info.state}: ${JSON.stringify(rowCounts(session))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Closes and disposes sessions, then servers, after each test of the describe that calls it. */
export function useCleanup(): {
  session<T extends Session>(s: T): T;
  server<T extends { close(): Promise<void> }>(s: T): T;
} {
  const sessions: Session[] = [];
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await Promise.race([s.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
      s.dispose();
    }
    for (const s of servers.splice(0)) await s.close();
  });
  return {
    session: (s) => (sessions.push(s), s),
    server: (s) => (servers.push(s), s),
  };
}
