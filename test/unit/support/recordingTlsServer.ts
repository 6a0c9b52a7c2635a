/**
 * A TLS server (on 127.0.0.1 unless told) that records what clients send after the handshake (issue 12): a
 * refused pin must leave it with zero application bytes. It answers nothing; each test waits for the connections
 * it made to close before reading the count.
 */
import type { AddressInfo, Socket } from 'node:net';
import { createServer, type TlsOptions, type TLSSocket } from 'node:tls';

export interface RecordingTlsServer {
  readonly port: number;
  /** Application bytes received from every client so far. */
  readonly received: Buffer[];
  /** Client certificates the server accepted (subject CN of each authorized client). */
  readonly authorizedClients: string[];
  /** TLS errors of clients the server refused during the handshake (e.g. no client certificate). */
  readonly clientErrors: string[];
  /** Resolves once `count` TCP connections have been accepted and all of them have closed. */
  closedConnections(count: number): Promise<void>;
  /** Resolves once at least `bytes` application bytes have arrived. */
  receivedBytes(bytes: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRecordingTlsServer(options: TlsOptions, host = '127.0.0.1'): Promise<RecordingTlsServer> {
  const received: Buffer[] = [];
  const authorizedClients: string[] = [];
  const clientErrors: string[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  let closed = 0;
  const waiters: Array<() => void> = [];
  const wake = (): void => waiters.splice(0).forEach((w) => w());
  const server = createServer(options, (socket: TLSSocket) => {
    if (socket.authorized) authorizedClients.push(String(socket.getPeerCertificate().subject?.CN));
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      wake();
    });
    socket.on('error', () => undefined);
  });
  server.on('connection', (raw: Socket) => {
    accepted++;
    sockets.add(raw);
    raw.on('close', () => {
      closed++;
      sockets.delete(raw);
      wake();
    });
  });
  server.on('tlsClientError', (error: Error & { code?: string }) => {
    clientErrors.push(error.code ?? error.message);
    wake();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const until = (done: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => (done() ? resolve() : void waiters.push(check));
      check();
    });
  const total = (): number => received.reduce((sum, chunk) => sum + chunk.length, 0);
  return {
    port: (server.address() as AddressInfo).port,
    received,
    authorizedClients,
    clientErrors,
    closedConnections: (count) => until(() => accepted >= count && closed >= count),
    receivedBytes: (bytes) => until(() => total() >= bytes),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
