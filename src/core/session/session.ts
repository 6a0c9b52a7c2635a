/**
 * What every protocol session offers its owner (the host, tests, later a CLI): a state, an event
 * log, one `send` entry point, and a close. Engines implement it; nobody above core needs to know
 * which protocol is underneath.
 */
import type { EngineSessionFacts } from './sessionFacts';
import type { SendRequest } from './sendRequest';
import type { ConnectionOptions } from '../connection/connectionOptions';
import type { Disposable } from '../disposable';
import type { EventLog } from '../events/eventLog';
import type { ErrorMeta } from '../events/logEvent';
import type { ReconnectStatus } from '../reconnect/reconnectStatus';

export type SessionState = 'connecting' | 'open' | 'closing' | 'closed';

/** Live facts about a session, for its header and status bar. */
/** Engine.IO / Socket.IO sessions also fill in EngineSessionFacts (sid, transport, protocol, heartbeat, namespaces). */
export interface SessionInfo extends EngineSessionFacts {
  state: SessionState;
  url: string;
  kind: ConnectionOptions['kind'];
  startedAt: number;
  openedAt?: number;
  closedAt?: number;
  handshakeMs?: number;
  subprotocol?: string;
  extensions?: string;
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** One line: why the session ended. */
  closeSummary?: string;
  /**
   * The stable code (errors.ts) of the error that ended the session, when one did: `RI_HEARTBEAT_TIMEOUT` (a missed
   * pong: reconnectable), `RI_HANDSHAKE_TIMEOUT`, `RI_TOO_MANY_REDIRECTS`… Absent after a normal close.
   */
  closeErrorCode?: string;
  /** The proxy the session's connections go through (issue 12), its password masked; absent when direct. */
  via?: string;
  /** A session with a reconnect policy (issue 12): where reconnecting stands. */
  reconnect?: ReconnectStatus;
}

export type SendOutcome = { ok: true; seq: number } | { ok: false; error: ErrorMeta };

export interface Session extends Disposable {
  readonly id: string;
  readonly options: ConnectionOptions;
  readonly log: EventLog;
  readonly info: Readonly<SessionInfo>;
  /** Fired after the state or any info field changed. */
  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable;
  /** Starts connecting. Resolves once the session is open or has closed; never rejects. */
  start(): Promise<SessionState>;
  /** The one entry point for sending (text, JSON, binary, ping, close). Never throws. */
  send(request: SendRequest): SendOutcome;
  /** Closes normally (1000) if open; aborts the handshake if still connecting. Resolves when closed. */
  close(): Promise<void>;
}
