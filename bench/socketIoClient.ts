/**
 * One Socket.IO run, in its own process: plain socket.io-client 4.8.4 (`mode: 'plain'`) or our Socket.IO
 * session (`mode: 'session'`, session and the extension's log, a SpillingEventLog), WebSocket only, until `count` `tick` events arrived.
 * Prints the client's CPU time (user + system) from before connecting to the last event.
 */
import { io } from 'socket.io-client';
import { createSession } from '../src/core/session/createSession';
import { spillingBenchLog } from './benchLog';
import { childArgs, finish } from './childRun';

export interface SocketIoArgs {
  mode: 'plain' | 'session';
  /** `http://127.0.0.1:<port>`. */
  url: string;
  count: number;
}

export interface SocketIoResult {
  events: number;
  cpuMs: number;
  ms: number;
}

function plain({ url, count }: SocketIoArgs): Promise<number> {
  const socket = io(url, { transports: ['websocket'], reconnection: false });
  let events = 0;
  return new Promise((resolve, reject) => {
    socket.on('tick', () => {
      if (++events === count) {
        socket.disconnect();
        resolve(events);
      }
    });
    socket.on('connect_error', reject);
  });
}

async function session({ url, count }: SocketIoArgs): Promise<number> {
  const benchLog = spillingBenchLog();
  const options = { kind: 'socketio', url, transports: 'websocket-only' } as const;
  const created = createSession(options, { logFactory: benchLog.logFactory });
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  let events = 0;
  const done = new Promise<number>((resolve) => {
    created.value.log.onAppend((event) => {
      if (event.type === 'sio-event' && event.meta?.sio?.event === 'tick' && ++events === count) resolve(events);
    });
  });
  await created.value.start();
  const got = await done;
  created.value.dispose();
  benchLog.remove();
  return got;
}

async function main(): Promise<void> {
  const args = childArgs<SocketIoArgs>();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const events = args.mode === 'plain' ? await plain(args) : await session(args);
  const used = process.cpuUsage(cpu);
  finish({ events, cpuMs: (used.user + used.system) / 1000, ms: performance.now() - start });
}

void main();
