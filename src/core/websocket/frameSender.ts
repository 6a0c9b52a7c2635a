/**
 * Everything a WebSocket session sends: data messages (from a caller or a protocol on top), pings and
 * close frames. Each row is appended complete — with the request it came from, for replay — before the
 * bytes go to `ws`; a write that fails later becomes an error row of its own.
 */
import type WebSocket from 'ws';
import { ErrorCode, describeError } from '../errors';
import { textOrBinary } from '../payload/storedPayload';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome } from '../session/session';
import type { CloseBookkeeping } from './closeBookkeeping';
import { OPCODE } from './frameParser';
import type { PingRoundTrips } from './heartbeat';
import { outgoingMessage } from './messagePayloads';
import type { WireAction } from './sendPreparation';
import type { WsSessionContext } from './sessionContext';

/** §5.5: a ping's payload is at most 125 bytes. */
const CONTROL_MAX = 125;

/** Sends data messages, pings and close frames, each row complete before the bytes leave. */
export class FrameSender {
  constructor(
    private readonly maxStoredPayloadBytes: number,
    private readonly pings: PingRoundTrips,
    private readonly closing: CloseBookkeeping,
    private readonly context: WsSessionContext,
  ) {}

  /** Sends one data message; `request`, when a caller asked for it, is kept on the row for replay. */
  message(ws: WebSocket, data: string | Uint8Array, request?: SendRequest): number {
    const { wire, binary, payload, size } = outgoingMessage(data, this.maxStoredPayloadBytes);
    const frame = { opcode: binary ? OPCODE.binary : OPCODE.text };
    const event = this.context.append(
      'out',
      'ws',
      'message',
      request ? { send: request, frame } : { frame },
      payload,
      size,
    );
    this.context.facts.countOutgoing(size);
    ws.send(wire, { binary }, this.onWritten);
    return event.seq;
  }

  /** Carries out a prepared request on an open connection. Never throws. */
  perform(ws: WebSocket, action: WireAction, request: SendRequest): SendOutcome {
    try {
      switch (action.op) {
        case 'message':
          return { ok: true, seq: this.message(ws, action.binary ? action.bytes : action.text, request) };
        case 'ping':
          return { ok: true, seq: this.ping(ws, action.bytes, request) };
        case 'close': {
          const event = this.closing.logOwnClose(action.code, action.reason);
          ws.close(action.code, action.reason);
          return { ok: true, seq: event.seq };
        }
      }
    } catch (error) {
      return { ok: false, error: { ...describeError(error), code: ErrorCode.SendFailed } };
    }
  }

  private ping(ws: WebSocket, data: Uint8Array, request: SendRequest): number {
    const bytes = Buffer.from(data);
    this.pings.sent(bytes);
    const meta = { send: request, frame: { opcode: OPCODE.ping } };
    const payload = bytes.length ? textOrBinary(bytes, CONTROL_MAX) : undefined;
    const event = this.context.append('out', 'ws', 'ping', meta, payload, bytes.length);
    ws.ping(bytes, undefined, this.onWritten);
    return event.seq;
  }

  /** `ws` reports a failed write later, through this callback. */
  private readonly onWritten = (error?: Error): void => {
    if (!error) return;
    this.context.lifecycle.guarded(() => {
      const meta = { error: { ...describeError(error), code: ErrorCode.SendFailed } };
      this.context.append('local', 'ws', 'error', meta);
    })();
  };
}
