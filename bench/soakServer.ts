/**
 * The soak bench's feed (issue 12): a WebSocket server on 127.0.0.1 port 0 that sends numbered JSON
 * messages — ticks, trades, book updates and status lines of a trading feed, 100 to 200 bytes — at a steady
 * rate for a set time, then a final marker `{"type":"soak-end","sent":N}` and a close frame 1000. Every
 * message carries its number first (`{"n":K,…`), so the panel's filter can find message K and count them all.
 * Raw TCP with a hand-made 101, like floodServer.ts: the server never limits the client.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { serverFrame, switchingProtocols } from '../test/fixtures/servers/rawTcpServer';

/** How often the server writes the messages due by now (one write per tick). */
const TICK_MS = 10;
/** A client that fell behind gets at most this much backlog at once; the rest of the time is skipped, not sent. */
const MAX_BACKLOG_MS = 100;
const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD', 'EUR-USD', 'AAPL', 'MSFT', 'XAU-USD'];
const BASE_PRICES = [64250.5, 3120.25, 148.9, 1.0842, 227.5, 431.1, 2391.4];

export interface SoakServerOptions {
  /** Messages per second. */
  ratePerSecond: number;
  /** How long the feed runs, from the client's upgrade to the final marker. */
  durationMs: number;
}

export interface SoakFeed {
  /** Numbered messages written so far (1 … sent); the marker is not counted. */
  readonly sent: number;
  /** When the feed started (Date.now()), or undefined before a client connected. */
  readonly startedAt: number | undefined;
  /** Resolves with the count once the marker and the close frame are written. */
  readonly finished: Promise<number>;
}

export interface SoakServer {
  /** `ws://127.0.0.1:<port>/soak`. */
  readonly url: string;
  /** The feed of the first connection (the bench connects once; later connections are refused). */
  readonly feed: SoakFeed;
  close(): Promise<void>;
}

/** Message `n` of the feed: its number first, then a kind chosen by `n` (60 % ticks, 25 % trades, …). */
export function soakMessage(n: number): string {
  const at = n % SYMBOLS.length;
  const symbol = SYMBOLS[at];
  const price = (BASE_PRICES[at] * (1 + ((n % 997) - 498) / 100_000)).toFixed(at === 3 ? 5 : 2);
  const ts = 1_767_225_600_000 + n;
  const kind = n % 20;
  if (kind < 12) {
    const qty = ((n % 89) / 1000 + 0.001).toFixed(4);
    const tick = `"type":"tick","venue":"XSOAK","symbol":"${symbol}","bid":${price},"ask":${price}`;
    return `{"n":${n},${tick},"qty":${qty},"ts":${ts}}`;
  }
  if (kind < 17) {
    const side = n % 2 ? 'buy' : 'sell';
    const id = `T${(n * 7919).toString(36)}`;
    const trade = `"type":"trade","symbol":"${symbol}","price":${price},"size":${n % 500},"side":"${side}"`;
    return `{"n":${n},${trade},"tradeId":"${id}","ts":${ts}}`;
  }
  if (kind < 19) {
    const levels = [1, 2, 3].map((i) => `[${price},${(n % (13 * i)) + i}]`).join(',');
    return `{"n":${n},"type":"book","symbol":"${symbol}","bids":[${levels}],"asks":[${levels}],"depth":3,"ts":${ts}}`;
  }
  const status = `"type":"status","venue":"XSOAK","state":"open","session":"continuous"`;
  return `{"n":${n},${status},"latencyMs":${n % 40},"ts":${ts}}`;
}

export async function startSoakServer(options: SoakServerOptions): Promise<SoakServer> {
  const sockets = new Set<Socket>();
  const state = { sent: 0, startedAt: undefined as number | undefined };
  let finish: (sent: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    if (state.startedAt !== undefined) return void socket.destroy();
    state.startedAt = Date.now();
    sockets.add(socket);
    socket.setNoDelay(true);
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.removeListener('data', onData);
      socket.on('data', () => undefined); // the client's close frame, read and dropped
      socket.write(switchingProtocols(head));
      void pacedFeed(socket, options, state).then(() => finish(state.sent));
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const feed: SoakFeed = {
    get sent() {
      return state.sent;
    },
    get startedAt() {
      return state.startedAt;
    },
    finished,
  };
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return { url: `ws://127.0.0.1:${port}/soak`, feed, close };
}

/**
 * Every TICK_MS, writes the messages due by now as one buffer; waits for 'drain' when the kernel buffer is
 * full. Numbers are never skipped: a backlog beyond MAX_BACKLOG_MS moves the schedule, so the achieved rate
 * falls instead of a burst. After `durationMs`, the marker and a close frame 1000 "soak done".
 */
async function pacedFeed(socket: Socket, options: SoakServerOptions, state: { sent: number }): Promise<void> {
  const rate = options.ratePerSecond;
  const end = performance.now() + options.durationMs;
  let start = performance.now();
  const cap = Math.ceil((MAX_BACKLOG_MS * rate) / 1000);
  while (!socket.destroyed && performance.now() < end) {
    let due = Math.floor(((performance.now() - start) * rate) / 1000) - state.sent;
    if (due > cap) {
      start += ((due - cap) * 1000) / rate;
      due = cap;
    }
    const frames: Buffer[] = [];
    for (let i = 0; i < due; i++) frames.push(serverFrame(0x1, soakMessage(state.sent + i + 1)));
    state.sent += Math.max(0, due);
    const drained = frames.length === 0 || socket.write(Buffer.concat(frames));
    if (!drained) await drainOrClose(socket);
    else await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  if (socket.destroyed) return;
  socket.write(serverFrame(0x1, `{"type":"soak-end","sent":${state.sent}}`));
  const closeBody = Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('soak done')]);
  await new Promise<void>((resolve) => socket.write(serverFrame(0x8, closeBody), () => resolve()));
}

/** Resolves when the kernel buffer drained, or the socket closed (a closed socket never drains). */
function drainOrClose(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
}
