/**
 * The listeners a WebSocket session puts on `ws`, each behind the session lifecycle's guard: nothing a
 * server sends may throw out of a callback into Node's event loop (and so crash the extension host).
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import { reportCaught } from './hotGuard';

/** What the session does with each event of its `ws`. */
export interface WsEventHandlers {
  upgrade(res: IncomingMessage): void;
  unexpectedResponse(res: IncomingMessage): void;
  open(): void;
  message(data: WebSocket.RawData, isBinary: boolean): void;
  control(kind: 'ping' | 'pong', data: Buffer): void;
  error(error: Error): void;
  close(code: number, reason: string): void;
}

/** Wires every `ws` event to its handler, guarded. */
export function listenToWs(ws: WebSocket, lifecycle: SessionLifecycle, on: WsEventHandlers): void {
  ws.on(
    'upgrade',
    lifecycle.guarded((res: IncomingMessage) => on.upgrade(res)),
  );
  ws.on(
    'unexpected-response',
    lifecycle.guarded((_req: ClientRequest, res: IncomingMessage) => on.unexpectedResponse(res)),
  );
  ws.on(
    'open',
    lifecycle.guarded(() => on.open()),
  );
  // Once per message: guarded without a closure and an argument array per call (issue #9).
  ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
    try {
      on.message(data, isBinary);
    } catch (error) {
      reportCaught(lifecycle, error);
    }
  });
  ws.on(
    'ping',
    lifecycle.guarded((data: Buffer) => on.control('ping', data)),
  );
  ws.on(
    'pong',
    lifecycle.guarded((data: Buffer) => on.control('pong', data)),
  );
  ws.on(
    'error',
    lifecycle.guarded((error: Error) => on.error(error)),
  );
  ws.on(
    'close',
    lifecycle.guarded((code: number, reason: Buffer) => on.close(code, reason.toString('utf8'))),
  );
}
