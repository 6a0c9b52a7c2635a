/**
 * A WebSocket echo server over TLS on 127.0.0.1 (issue 12: profile TLS trust), with the certificate a test gives
 * it and, with `clientCa`, a demand for a client certificate that CA issued. It records each upgrade that got
 * through (a refused pin must leave none) and the client certificates it accepted.
 */
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';

export interface WssEchoServer {
  /** `wss://127.0.0.1:<port>`: append a path. */
  readonly url: string;
  readonly port: number;
  /** How many WebSocket upgrades reached the server. */
  readonly upgrades: number;
  /** Subject CN of each client certificate the server accepted. */
  readonly clientNames: string[];
  close(): Promise<void>;
}

export interface WssEchoOptions {
  cert: string;
  key: string;
  /** PEM of the CA whose client certificates are required; absent: no client certificate asked for. */
  clientCa?: string;
}

/** Starts the server; resolves once it listens. */
export async function startWssEchoServer(options: WssEchoOptions): Promise<WssEchoServer> {
  const mutual = options.clientCa !== undefined;
  const server = createServer({
    cert: options.cert,
    key: options.key,
    ...(mutual && { ca: options.clientCa, requestCert: true, rejectUnauthorized: true }),
  });
  const wss = new WebSocketServer({ server });
  const clientNames: string[] = [];
  const sockets = new Set<Socket>();
  let upgrades = 0;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  wss.on('connection', (ws, request) => {
    upgrades++;
    const tlsSocket = request.socket as TLSSocket;
    if (mutual && tlsSocket.authorized) clientNames.push(String(tlsSocket.getPeerCertificate().subject?.CN));
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `wss://127.0.0.1:${port}`,
    port,
    get upgrades() {
      return upgrades;
    },
    clientNames,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        for (const socket of sockets) socket.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
