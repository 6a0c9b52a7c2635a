/**
 * Socket.IO (issue #9): a socket.io 4.8.4 server emits `count` `tick` events to each client that
 * connects (in slices, so its own buffers stay small); in each round plain socket.io-client and our
 * Socket.IO session read them over WebSocket only, each in its own process. Compared: client CPU per
 * event (CPU, not wall time: the server's pace does not count), median of the rounds.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { median, type BenchFigure } from './benchResults';
import { runChild } from './runChild';
import type { SocketIoResult } from './socketIoClient';

export interface SocketIoOptions {
  sioEvents: number;
  rounds: number;
  cpuProfDir?: string;
}

const TICK = { symbol: 'BTC-USD', price: 64250.5, qty: 0.0125, side: 'buy' };
const SLICE = 500;

async function startTickServer(count: number): Promise<{ url: string; close(): Promise<void> }> {
  const http = createServer();
  const server = new Server(http, { transports: ['websocket'] });
  server.on('connection', (socket) => {
    let sent = 0;
    const slice = (): void => {
      for (let i = 0; i < SLICE && sent < count && socket.connected; i++) socket.emit('tick', TICK, ++sent);
      if (sent < count && socket.connected) setImmediate(slice);
    };
    slice();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function socketIoBench(options: SocketIoOptions): Promise<BenchFigure[]> {
  const server = await startTickServer(options.sioEvents);
  const ratios: number[] = [];
  const plainCpu: number[] = [];
  const oursCpu: number[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const args = { url: server.url, count: options.sioEvents };
      const plain = await runChild<SocketIoResult>('socketIoClient.ts', { ...args, mode: 'plain' });
      const ours = await runChild<SocketIoResult>(
        'socketIoClient.ts',
        { ...args, mode: 'session' },
        { cpuProfDir: options.cpuProfDir },
      );
      const plainPer = (plain.cpuMs * 1000) / plain.events;
      const oursPer = (ours.cpuMs * 1000) / ours.events;
      ratios.push((plainPer / oursPer) * 100);
      plainCpu.push(plainPer);
      oursCpu.push(oursPer);
      console.log(
        `  socket.io round ${round}: plain client ${plainPer.toFixed(2)} µs CPU/event, our session ` +
          `${oursPer.toFixed(2)} µs CPU/event (${((plainPer / oursPer) * 100).toFixed(1)} %)`,
      );
    }
  } finally {
    await server.close();
  }
  const baseline = `${median(plainCpu).toFixed(2)} µs CPU/event (socket.io-client 4.8.4, median of ${options.rounds})`;
  return [
    {
      name: 'socket.io: plain client CPU / our session CPU',
      value: median(ratios),
      unit: '%',
      goal: '>= 70',
      baseline,
    },
    { name: 'socket.io: our session CPU per event', value: median(oursCpu), unit: 'µs', baseline },
  ];
}
