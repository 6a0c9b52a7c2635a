/**
 * An Engine.IO session (protocol v3 and v4): the Session the host sees, over an Engine.IO engine
 * (eioEngine.ts) that it owns. It sends Engine.IO messages, text or binary, and closes.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import { parseBase64, parseHex } from '../payload/binaryInput';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome, Session, SessionInfo, SessionState } from '../session/session';
import { EioEngine, type EioEngineDeps } from './eioEngine';
import { refuseUnacceptedKind } from '../session/sendKindRefusal';

export type EngineIoSessionDeps = EioEngineDeps;

export class EngineIoSession implements Session {
  readonly engine: EioEngine;

  constructor(
    readonly options: ResolvedEngineIoOptions,
    deps: EngineIoSessionDeps = {},
  ) {
    this.engine = new EioEngine(options, deps);
  }

  get id(): string {
    return this.engine.id;
  }

  get log(): EventLog {
    return this.engine.log;
  }

  get info(): Readonly<SessionInfo> {
    return this.engine.info;
  }

  onDidChange(listener: (info: Readonly<SessionInfo>) => void): Disposable {
    return this.engine.onDidChange(listener);
  }

  start(): Promise<SessionState> {
    return this.engine.start();
  }

  /** Text and binary messages, and close; every other kind is refused (session/sendRequest.ts). */
  send(request: SendRequest): SendOutcome {
    const refused = refuseUnacceptedKind('engineio', request);
    if (refused) return { ok: false, error: refused };
    if (request.kind === 'close') {
      void this.close();
      return { ok: true, seq: this.log.count };
    }
    const state = this.engine.info.state;
    if (state !== 'open') {
      const message = `The session is ${state}: messages can be sent only while it is open.`;
      return { ok: false, error: { code: ErrorCode.NotOpen, message } };
    }
    const refusal = this.engine.sendRefusal();
    if (refusal) return { ok: false, error: refusal };
    switch (request.kind) {
      case 'text':
        return { ok: true, seq: this.engine.sendMessage(request.text, request) };
      case 'binary': {
        const parsed = request.encoding === 'hex' ? parseHex(request.data) : parseBase64(request.data);
        if (!parsed.ok) return { ok: false, error: { code: ErrorCode.InvalidMessage, message: parsed.error } };
        return { ok: true, seq: this.engine.sendMessage(parsed.bytes, request) };
      }
      default:
        return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `Cannot send "${request.kind}".` } };
    }
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  dispose(): void {
    this.engine.dispose();
  }
}
