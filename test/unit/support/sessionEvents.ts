/**
 * Helpers that read a session's log and state, for tests of any engine. Free of createSession, so a
 * test that builds its engine directly (with injected deps) loads no other engine.
 */
import type { LogEvent } from '../../../src/core/events/logEvent';
import type { Session } from '../../../src/core/session/session';

export function events(session: Session): LogEvent[] {
  return session.log.page(1, session.log.count);
}

export function ofType(session: Session, type: string, direction?: string): LogEvent[] {
  return events(session).filter((e) => e.type === type && (direction === undefined || e.direction === direction));
}

/** Resolves with the first event matching `predicate` (already logged or future); rejects after `ms`. */
export function waitForEvent(session: Session, predicate: (e: LogEvent) => boolean, ms = 3000): Promise<LogEvent> {
  const found = events(session).find(predicate);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `no matching event within ${ms} ms; log: ${events(session)
            .map((e) => `${e.direction}:${e.type}`)
            .join(', ')}`,
        ),
      );
    }, ms);
    const sub = session.log.onAppend((e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

export function waitForState(session: Session, state: string, ms = 3000): Promise<void> {
  if (session.info.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`state stayed ${session.info.state}, wanted ${state}`));
    }, ms);
    const sub = session.onDidChange((info) => {
      if (info.state !== state) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

export function header(headers: Array<[string, string]> | undefined, name: string): string | undefined {
  return headers?.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

export function payloadText(e: LogEvent): string | undefined {
  return e.payload?.kind === 'text' ? e.payload.text : undefined;
}
