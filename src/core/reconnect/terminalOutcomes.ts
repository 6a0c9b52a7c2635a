/**
 * When a lost connection is not reconnected by itself (issue 12): the user closed it; the server refused the
 * handshake with 401 or 403 (the same credentials would be refused again) — a WebSocket upgrade or an Engine.IO
 * polling handshake alike, any row of the attempt carrying the answer's status before it opened; a close code
 * that says the client is at fault or unwelcome — 1002 protocol error, 1003 unsupported data, 1007 invalid
 * payload data, 1008 policy violation (RFC 6455 §7.4.1) — where trying again repeats the failure; or the Socket.IO
 * server disconnected the client from every namespace it was in (`socket.disconnect()` on the server: a DISCONNECT
 * packet; socket.io-client's "io server disconnect", after which it does not reconnect); or the TLS handshake
 * refused the server's certificate before the attempt opened (the same certificate would be met again); or the proxy
 * refused the attempt before it opened — 407, its credentials missing or rejected, or a proxy setting that cannot be
 * used — where the same credentials or setting would fail again (a proxy that refused the TCP connection, timed out
 * or closed is transient: those are retried). Read from the attempt's own log rows: what the engines record of a
 * handshake's status, a close frame, a Socket.IO packet and an error. Pure.
 */
import { ErrorCode } from '../errors';
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

/**
 * Proxy failures after which the session does not try again, with why in plain words: the user must change the
 * proxy's credentials or setting first.
 */
const TERMINAL_PROXY_REASONS: ReadonlyMap<string, string> = new Map([
  [
    ErrorCode.ProxyAuthRequired,
    'The proxy refused the connection with 407 (its credentials are missing or were rejected): the same ' +
      'credentials would be refused again, so the session does not reconnect by itself (set them in ' +
      "http.proxy or the profile's proxy, then connect again).",
  ],
  [
    ErrorCode.ProxyInvalid,
    'The proxy setting cannot be used: every attempt would fail on it, so the session does not reconnect by itself ' +
      "(fix http.proxy, the *_PROXY variables or the profile's proxy, then connect again).",
  ],
]);

/** Namespaces named in a stop reason; more are counted. */
const MAX_NAMED_NAMESPACES = 10;

/** What one attempt's rows said that decides whether to try again. */
export interface AttemptFacts {
  /** A 401/403 answer to a request made before the attempt opened (the handshake). */
  refusedStatus?: number;
  /** A terminal close code that went over the wire, either way. */
  closeCode?: number;
  /** Who sent the terminal close code. */
  closeCodeFrom?: 'server' | 'client';
  /** Namespaces the Socket.IO server disconnected this client from (the first MAX_NAMED_NAMESPACES). */
  serverDisconnected?: string[];
  /** How many namespaces the server disconnected in all. */
  serverDisconnects?: number;
  /** The attempt failed on the server's certificate before it opened (the next one would meet the same). */
  certificateRefused?: boolean;
  /** The error code of a proxy refusal before the attempt opened that would repeat (407, an unusable setting). */
  proxyRefusal?: string;
}

/**
 * The namespace a row says the Socket.IO server disconnected this client from: a DISCONNECT from the server for a
 * namespace the session was in (one for a namespace it never asked for carries a warning and changes nothing).
 */
export function serverDisconnectedNamespace(event: LogEvent): string | undefined {
  if (event.type !== 'sio-disconnect' || event.direction !== 'in' || event.meta?.warning) return undefined;
  return event.meta?.sio?.namespace;
}

/** Collects the facts of one attempt from its rows, as they are appended. */
export class AttemptFactsCollector {
  readonly facts: AttemptFacts = {};

  /** Takes in one row of the attempt; `opened`: whether the attempt had opened before this row. */
  observe(event: LogEvent, opened: boolean): void {
    const meta = event.meta;
    if (!meta) return;
    const disconnected = serverDisconnectedNamespace(event);
    if (disconnected !== undefined) this.serverDisconnected(disconnected);
    const errorCode = meta.error?.code;
    if (!opened && errorCode === ErrorCode.TlsError) this.facts.certificateRefused = true;
    if (!opened && errorCode !== undefined && TERMINAL_PROXY_REASONS.has(errorCode))
      this.facts.proxyRefusal ??= errorCode;
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

  private serverDisconnected(namespace: string): void {
    const names = (this.facts.serverDisconnected ??= []);
    if (names.includes(namespace)) return;
    this.facts.serverDisconnects = (this.facts.serverDisconnects ?? 0) + 1;
    if (names.length < MAX_NAMED_NAMESPACES) names.push(namespace);
  }
}

/**
 * Why the session stops instead of reconnecting, in plain words, or undefined when it may try again.
 * `namespacesLeft`: Socket.IO namespaces the next attempt would join (those the server disconnected are not).
 */
export function stopReason(facts: AttemptFacts, namespacesLeft?: number): string | undefined {
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
  if (facts.serverDisconnected?.length && namespacesLeft === 0) return serverDisconnectReason(facts);
  if (facts.certificateRefused)
    return (
      "The server's certificate was refused: the next attempt would meet the same certificate, so the session " +
      'does not reconnect by itself (trust it for the profile, then connect again).'
    );
  if (facts.proxyRefusal !== undefined) return TERMINAL_PROXY_REASONS.get(facts.proxyRefusal);
  return undefined;
}

/** The server disconnected this client from every namespace it was in. */
function serverDisconnectReason(facts: AttemptFacts): string {
  const names = facts.serverDisconnected ?? [];
  const more = (facts.serverDisconnects ?? names.length) - names.length;
  const which = `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return (
    `The server disconnected this client (a Socket.IO DISCONNECT for ${which}): not reconnecting, as ` +
    'socket.io-client does ("io server disconnect").'
  );
}
