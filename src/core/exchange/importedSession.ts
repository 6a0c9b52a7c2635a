/**
 * A session read from a file (issue 10): the same Session the panel shows for a live one, over a log filled by
 * the importer, but a record — closed, with the facts the file held, and refusing to send with a reason the
 * user can act on. It owns nothing to close: the log is its caller's to dispose, as with createSession.
 */
import type { ConnectionOptions } from '../connection/connectionOptions';
import type { Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';

/** What the session was read from. */
export interface ImportedFrom {
  format: 'har' | 'jsonl';
  /** The tool that wrote the file (`Chrome 120`, `Firefox 121`, `HTTP Toolkit`, `mitmproxy`, ours). */
  creator?: string;
}

let nextId = 1;

export class ImportedSession implements Session {
  readonly id: string;
  readonly options: ConnectionOptions;
  readonly info: Readonly<SessionInfo>;
  /** Always true: the host shows no composer and no reconnect for it. */
  readonly offline = true;

  constructor(
    info: SessionInfo,
    readonly log: EventLog,
    readonly importedFrom: ImportedFrom,
    id?: string,
  ) {
    this.id = id ?? `imported-${nextId++}`;
    this.info = Object.freeze({ ...info, state: 'closed' as const });
    this.options = { kind: info.kind, url: info.url } as ConnectionOptions;
  }

  /** Never fires: nothing about a record changes. */
  onDidChange(_listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return { dispose: () => undefined };
  }

  start(): Promise<SessionState> {
    return Promise.resolve('closed');
  }

  send(_request: SendRequest): SendOutcome {
    const from = this.importedFrom.format === 'har' ? 'a HAR file' : 'a JSON Lines file';
    return {
      ok: false,
      error: {
        code: ErrorCode.NotOpen,
        message: `This session was imported from ${from}: it is a record and cannot send.`,
        hint: 'Connect to the server (Realtime Inspector: Connect…) to send, or replay a message from this log there.',
      },
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): void {
    // Nothing runs; the log is disposed by whoever asked for the import.
  }
}
