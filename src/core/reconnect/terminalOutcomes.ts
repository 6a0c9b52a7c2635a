/**
 * When a lost connection is not reconnected by itself (issue 12): the user closed it; the server refused the
 * handshake with 401 or 403 (the same credentials would be refused again); or a close code that says the
 * client is at fault or unwelcome — 1002 protocol error, 1003 unsupported data, 1007 invalid payload data,
 * 1008 policy violation (RFC 6455 §7.4.1) — where trying again repeats the failure. Read from the attempt's
 * own log rows: what the engines record of a handshake's status and a close frame. Pure.
 */
import type { LogEvent } from '../events/logEvent';

/** Handshake answers after which the session does not try again. */
export const TERMINAL_HTTP_STATUSES: readonly number[] = [401, 403];

/** Close codes after which the session does not try again. */
export const TERMINAL_CLOSE_CODES: readonly number[] = [1002, 1003, 1007, 1008];

const CLOSE_CODE_WORDS: Readonly<Record<number, string>> = {
  1002: 'protocol error',
  1003: 'unsupported data',
  1007: 'invalid payload data',
  1008: 'policy violation',
};

/** What one attempt's rows said that decides whether to try again. */
export interface AttemptFacts {
  /** A 401/403 answer to a request made before the attempt opened (the handshake). */
  refusedStatus?: number;
  /** A terminal close code that went over the wire, either way. */
  closeCode?: number;
  /** Who sent the terminal close code. */
  closeCodeFrom?: 'server' | 'client';
}

/** Collects the facts of one attempt from its rows, as they are appended. */
export class AttemptFactsCollector {
  readonly facts: AttemptFacts = {};

  /** Takes in one row of the attempt; `opened`: whether the attempt had opened before this row. */
  observe(event: LogEvent, opened: boolean): void {
    const meta = event.meta;
    if (!meta) return;
    const status = meta.response?.status;
    if (!opened && status !== undefined && TERMINAL_HTTP_STATUSES.includes(status)) this.facts.refusedStatus ??= status;
    const close = meta.close;
    if (!close || this.facts.closeCode !== undefined) return;
    if (close.wireCode !== undefined && TERMINAL_CLOSE_CODES.includes(close.wireCode)) {
      this.facts.closeCode = close.wireCode;
      this.facts.closeCodeFrom = 'server';
    } else if (close.sentCode !== undefined && TERMINAL_CLOSE_CODES.includes(close.sentCode)) {
      // Our side (ws on our behalf) found the server breaking the protocol: connecting again meets the same server.
      this.facts.closeCode = close.sentCode;
      this.facts.closeCodeFrom = 'client';
    }
  }
}

/** Why the session stops instead of reconnecting, in plain words, or undefined when it may try again. */
export function stopReason(facts: AttemptFacts): string | undefined {
  if (facts.refusedStatus !== undefined)
    return (
      `The server refused the handshake with ${facts.refusedStatus}: the same credentials would be refused ` +
      'again, so the session does not reconnect by itself.'
    );
  if (facts.closeCode !== undefined) {
    const who = facts.closeCodeFrom === 'client' ? 'The connection was closed' : 'The server closed the connection';
    return (
      `${who} with ${facts.closeCode} (${CLOSE_CODE_WORDS[facts.closeCode]}): trying again would fail the same ` +
      'way, so the session does not reconnect by itself.'
    );
  }
  return undefined;
}
