/**
 * Socket.IO servers for the demo: version 4 (protocol v5 over Engine.IO v4) and version 2 (protocol v4
 * over Engine.IO v3), with the same script, so a user can watch long-polling, the sid, the upgrade and
 * both Socket.IO layers on real traffic.
 *
 * What each server does:
 * - `/` sends `welcome` (text, an object and 3 bytes of binary) on connection; `echo` answers through
 *   its ack with what it received; `chat` is broadcast to everyone.
 * - `/ticker` emits `tick` with a counter and the time every `tickMs`.
 * - `/admin` accepts only the auth `{"token":"secret"}` (Socket.IO 2: `?token=secret`).
 */
import { createServer, type Server as HttpServer } from 'node:http';

export interface SocketIoDemo {
  url: string;
  label: string;
  close(): Promise<void>;
}

/** The parts of a Socket.IO server (2.x or 4.x) the script uses. */
interface IoLike {
  of(name: string): NamespaceLike;
  close(cb?: () => void): void;
}
interface NamespaceLike {
  on(event: 'connection', listener: (socket: SocketLike) => void): void;
  use(fn: (socket: SocketLike, next: (error?: Error) => void) => void): void;
  emit(event: string, ...args: unknown[]): void;
}
interface SocketLike {
  handshake: { auth?: { token?: unknown }; query?: { token?: unknown } };
  emit(event: string, ...args: unknown[]): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

function script(io: IoLike, tickMs: number): () => void {
  const root = io.of('/');
  root.on('connection', (socket) => {
    socket.emit('welcome', 'Hello from the demo server', { time: new Date().toISOString() }, Buffer.from([1, 2, 3]));
    socket.on('echo', (...args) => {
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack(...args.slice(0, -1));
      else socket.emit('echo', ...args);
    });
    socket.on('chat', (...args) => root.emit('chat', ...args.filter((a) => typeof a !== 'function')));
  });
  const ticker = io.of('/ticker');
  let n = 0;
  const timer = setInterval(() => ticker.emit('tick', { n: ++n, time: Date.now() }), tickMs);
  const admin = io.of('/admin');
  admin.use((socket, next) => {
    const token = socket.handshake.auth?.token ?? socket.handshake.query?.token;
    next(token === 'secret' ? undefined : new Error('not authorized'));
  });
  admin.on('connection', (socket) => socket.emit('admin', { ok: true }));
  return () => clearInterval(timer);
}

async function listen(http: HttpServer, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
}

/** Starts Socket.IO 4 on `port` and Socket.IO 2 on `port + 1`. */
export async function startSocketIoDemos(host: string, port: number, tickMs: number): Promise<SocketIoDemo[]> {
  const demos: SocketIoDemo[] = [];
  const { Server } = require('socket.io') as { Server: new (http: HttpServer, opts: object) => IoLike };
  const http4 = createServer();
  const io4 = new Server(http4, { cors: { origin: '*' } });
  const stop4 = script(io4, tickMs);
  await listen(http4, host, port);
  demos.push({
    url: `http://${host}:${port}`,
    label: 'Socket.IO 4',
    close: () =>
      new Promise((r) => {
        stop4();
        io4.close(() => r());
      }),
  });

  const sio2 = require('sio2') as (http: HttpServer, opts: object) => IoLike;
  const http2 = createServer();
  const io2 = sio2(http2, {});
  const stop2 = script(io2, tickMs);
  await listen(http2, host, port + 1);
  demos.push({
    url: `http://${host}:${port + 1}`,
    label: 'Socket.IO 2',
    close: () =>
      new Promise((r) => {
        stop2();
        io2.close(() => r());
      }),
  });
  return demos;
}
