/**
 * TLS servers for the extension-host network tests (issue 12, follow-up I), on a loopback address VS Code's proxy
 * support treats as remote: Linux routes all of 127.0.0.0/8 to the loopback interface, and the patch spares only
 * the host names `localhost` and `127.0.0.1` (compared as strings). A wss echo server and an https SSE server that
 * sends two events and ends; both record the requests they answered.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';

/** A loopback address that is not the string '127.0.0.1'. */
export const REMOTE_LOOPBACK = '127.0.0.2';

export interface RemoteTlsServer {
  /** `wss://127.0.0.2:<port>/` or `https://127.0.0.2:<port>/events`. */
  readonly url: string;
  /** Headers of every request (or upgrade) the server answered. */
  readonly requests: IncomingHttpHeaders[];
  close(): Promise<void>;
}

async function listen(server: Server, url: (port: number) => string, requests: IncomingHttpHeaders[]) {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket.on('close', () => sockets.delete(socket))));
  await new Promise<void>((resolve) => server.listen(0, REMOTE_LOOPBACK, resolve));
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { url: url((server.address() as AddressInfo).port), requests, close };
}

/** A wss:// server that echoes every message. */
export async function startRemoteWssEcho(tls: { cert: string; key: string }): Promise<RemoteTlsServer> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createHttpsServer(tls);
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    requests.push(req.headers);
    socket.on('message', (data, binary) => socket.send(data, { binary }));
  });
  const listening = await listen(server, (port) => `wss://${REMOTE_LOOPBACK}:${port}/`, requests);
  return {
    ...listening,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await listening.close();
    },
  };
}

/** An https:// server whose /events answers two Server-Sent Events and ends the stream. */
export async function startRemoteSse(tls: { cert: string; key: string }): Promise<RemoteTlsServer> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createHttpsServer(tls, (req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.end('id: 1\ndata: one\n\nid: 2\ndata: two\n\n');
  });
  return listen(server, (port) => `https://${REMOTE_LOOPBACK}:${port}/events`, requests);
}
