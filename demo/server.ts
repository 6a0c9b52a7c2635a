/**
 * The demo server behind `npm run demo`: the WebSocket fixture endpoints on a fixed, memorable port,
 * so a user can type the URLs by hand.
 *
 *   node --import tsx demo/server.ts        (or: npm run demo:server)
 *
 * Env: RI_DEMO_HOST (default 127.0.0.1), RI_DEMO_PORT (default 8765), RI_DEMO_SIO_PORT (default port + 2:
 * Socket.IO 4 there, Socket.IO 2 on the next port), RI_DEMO_HTTP_PORT (default port + 4: Server-Sent Events and
 * polling), RI_DEMO_TICK_MS (default 1000).
 */
import { startWsServer } from '../test/fixtures/servers/wsServer';
import { startHttpDemo } from './httpDemo';
import { startSocketIoDemos } from './socketIoDemo';

const host = process.env.RI_DEMO_HOST || '127.0.0.1';
const port = Number(process.env.RI_DEMO_PORT || 8765);
const tickMs = Number(process.env.RI_DEMO_TICK_MS || 1000);

/** What each endpoint does, for the banner. */
const ENDPOINTS: [path: string, what: string][] = [
  ['/echo', 'echoes every message (text and binary)'],
  ['/ticker', `a JSON tick every ${tickMs} ms (add ?ms=100 for faster)`],
  ['/ticker?ms=20', 'a fast ticker, 50 messages a second'],
  ['/subprotocol', 'needs the "chat" subprotocol (Connect… → Subprotocols…)'],
  ['/close?code=4001&reason=bye', 'closes with 4001 "bye" after your first message'],
  ['/ping?ms=2000', 'the server pings every 2 s (and echoes)'],
  ['/nowhere', 'refused with 404: a failed handshake'],
];

/** The plain-HTTP endpoints (issue 11): the kind to pick in Connect…, and what each does. */
const HTTP_ENDPOINTS: [path: string, what: string][] = [
  ['/sse/ticker', 'Server-Sent Events: ids, retry 2 s, ends after 10 events and resumes after Last-Event-ID'],
  ['/chat/poll', 'HTTP long-polling chat: Cursor… $.cursor → cursor; a bot posts every 5 s (POST /chat/send)'],
  ['/status', 'HTTP short polling: a status object per request'],
];

async function main(): Promise<void> {
  // permessage-deflate on: the panel then shows a negotiated extension and compressed frames.
  const server = await startWsServer({ host, port, tickMs, perMessageDeflate: true });
  console.log(`Realtime Inspector demo server on ${server.url}`);
  for (const [path, what] of ENDPOINTS) console.log(`  ${`${server.url}${path}`.padEnd(52)} ${what}`);
  const sioPort = Number(process.env.RI_DEMO_SIO_PORT || port + 2);
  const socketIo = await startSocketIoDemos(host, sioPort, tickMs);
  for (const demo of socketIo) {
    console.log(
      `  ${demo.url.padEnd(52)} ${demo.label}: Connect… → Socket.IO; ` +
        'namespaces /, /ticker, /admin (auth {"token":"secret"}); emit "echo" with ack',
    );
  }
  const httpDemo = await startHttpDemo(host, Number(process.env.RI_DEMO_HTTP_PORT || port + 4), tickMs);
  for (const [path, what] of HTTP_ENDPOINTS) console.log(`  ${`${httpDemo.url}${path}`.padEnd(52)} ${what}`);
  let closing: Promise<void> | undefined;
  const stop = () => {
    closing ??= Promise.all([server.close(), httpDemo.close(), ...socketIo.map((d) => d.close())]).then(() =>
      process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: NodeJS.ErrnoException) => {
  const hint =
    error.code === 'EADDRINUSE' ? ' (a port is taken: set RI_DEMO_PORT, RI_DEMO_SIO_PORT or RI_DEMO_HTTP_PORT)' : '';
  console.error(`demo server failed to start: ${error.message}${hint}`);
  process.exit(1);
});
