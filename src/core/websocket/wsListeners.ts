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

/**
 * Wires every `ws` event to its handler, guarded; `isCurrent` false (a handshake a redirect left behind, issue 12)
 * and the event is not heard.
 */
export function listenToWs(
  ws: WebSocket,
  lifecycle: SessionLifecycle,
  isCurrent: () => boolean,
  on: WsEventHandlers,
): void {
  ws.on(
    'upgrade',
    lifecycle.guarded((res: IncomingMessage) => isCurrent() && on.upgrade(res)),
  );
  ws.on(
    'unexpected-response',
    lifecycle.guarded((_req: ClientRequest, res: IncomingMessage) =>
      isCurrent() ? on.unexpectedResponse(res) : res.destroy(),
    ),
  );
  ws.on(
    'open',
    lifecycle.guarded(() => isCurrent() && on.open()),
  );
  // Once per message: guarded without a closure and an argument array per call (issue #9).
  ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
    try {
      if (isCurrent()) on.message(data, isBinary);
    } catch (error) {
      reportCaught(lifecycle, error);
    }
  });
  ws.on(
    'ping',
    lifecycle.guarded((data: Buffer) => isCurrent() && on.control('ping', data)),
  );
  ws.on(
    'pong',
    lifecycle.guarded((data: Buffer) => isCurrent() && on.control('pong', data)),
  );
  ws.on(
    'error',
    lifecycle.guarded((error: Error) => isCurrent() && on.error(error)),
  );
  ws.on(
    'close',
    lifecycle.guarded((code: number, reason: Buffer) => isCurrent() && on.close(code, reason.toString('utf8'))),
  );
}
