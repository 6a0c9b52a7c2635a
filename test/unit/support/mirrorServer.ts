/**
 * A WebSocket server on 127.0.0.1 that hands back what it was given (issue #7, issue 10): it accepts the last
 * subprotocol offered, adds a Set-Cookie to its 101, and sends each client its request line and headers as a
 * text message before the test's own replies.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface MirrorServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the server; `setCookie` is the Set-Cookie header's value, `then` the replies after the mirror. */
export async function startMirrorServer(setCookie: string, then: (socket: WebSocket) => void): Promise<MirrorServer> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, handleProtocols: (offered) => [...offered].pop() ?? false });
  wss.on('headers', (headers) => headers.push(`Set-Cookie: ${setCookie}`));
  wss.on('connection', (socket, req) => {
    socket.send(JSON.stringify({ url: req.url, headers: req.headers }));
    then(socket);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    async close() {
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
