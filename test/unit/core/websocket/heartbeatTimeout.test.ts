/**
 * The heartbeat's pong deadline and the half-open link (issue 12), on the manual clock against real servers: a
 * `ws` server that answers pings, one that does not (`autoPong: false`) but still talks, and a raw TCP server
 * that completes the handshake and then goes silent — the half-open link, named as such. Time moves only when
 * the test says so; each step waits for the bytes to have crossed the loopback first, so nothing depends on the
 * speed of the machine.
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket as ServerSocket, type ServerOptions } from 'ws';
import {
  validateConnectionOptions,
  type ResolvedWebSocketOptions,
} from '../../../../src/core/connection/connectionOptions';
import { WebSocketSession } from '../../../../src/core/websocket/webSocketSession';
import { acceptFor, startRawTcpServer } from '../../../fixtures/servers/rawTcpServer';
import { ManualClock } from '../../support/manualClock';
import { eventually } from '../../support/sessions';
import { events, ofType, waitForEvent } from '../../support/sessionEvents';

function resolved(options: Record<string, unknown>): ResolvedWebSocketOptions {
  const result = validateConnectionOptions({ kind: 'websocket', ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as ResolvedWebSocketOptions;
}

/** A ws server on 127.0.0.1; `onConnection` scripts it. */
async function startServer(
  options: ServerOptions,
  onConnection: (socket: ServerSocket) => void,
): Promise<{ url: string; pingsSeen: () => number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ ...options, port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  let pings = 0;
  wss.on('connection', (socket) => {
    socket.on('ping', () => pings++);
    onConnection(socket);
  });
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/`,
    pingsSeen: () => pings,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

describe('WebSocket heartbeat: pong deadline and half-open links (issue 12)', function () {
  this.timeout(10_000);
  const sessions: WebSocketSession[] = [];
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const close of closers.splice(0)) await close();
  });

  /** A session on the manual clock with a 20 s heartbeat and a 10 s pong deadline (the new-profile defaults). */
  async function openSession(url: string, clock: ManualClock): Promise<WebSocketSession> {
    const options = resolved({ url, heartbeatIntervalMs: 20_000, heartbeatTimeoutMs: 10_000 });
    const session = new WebSocketSession(options, { clock });
    sessions.push(session);
    assert.equal(await session.start(), 'open');
    return session;
  }

  it('keeps a link whose pongs come back: a ping every 20 s, none missed', async () => {
    const server = await startServer({}, () => undefined);
    closers.push(server.close);
    const clock = new ManualClock();
    const session = await openSession(server.url, clock);
    for (let beat = 1; beat <= 3; beat++) {
      clock.advance(20_000);
      await waitForEvent(session, (e) => e.type === 'pong' && ofType(session, 'pong').length === beat);
      clock.advance(0);
    }
    clock.advance(10_000);
    assert.equal(session.info.state, 'open');
    assert.equal(ofType(session, 'heartbeat-timeout').length, 0);
    assert.deepEqual(
      ofType(session, 'ping', 'out').map((e) => e.meta?.note),
      ['Heartbeat ping #1', 'Heartbeat ping #2', 'Heartbeat ping #3'],
    );
  });

  it('closes 10 s after a ping without a pong (not at the next beat), and says so', async () => {
    // The server never answers pings but keeps talking: the link is alive, the pongs are what is missing.
    const server = await startServer({ autoPong: false } as ServerOptions, (socket) =>
      socket.on('ping', () => socket.send('still here')),
    );
    closers.push(server.close);
    const clock = new ManualClock();
    const session = await openSession(server.url, clock);
    clock.advance(20_000);
    await waitForEvent(session, (e) => e.type === 'message' && e.direction === 'in');
    clock.advance(9_999);
    assert.equal(session.info.state, 'open', 'the deadline is 10 s from the ping');
    clock.advance(1);
    const timeout = await waitForEvent(session, (e) => e.type === 'heartbeat-timeout');
    assert.equal(timeout.meta!.error!.code, 'RI_HEARTBEAT_TIMEOUT');
    assert.equal(timeout.meta!.error!.message, 'Heartbeat timeout: no pong within 10 s of ping #1.');
    assert.match(timeout.meta!.error!.hint!, /does not answer pings/);
    const closed = await waitForEvent(session, (e) => e.type === 'closed');
    assert.equal(closed.meta!.close!.initiator, 'client', 'dropped by us');
    assert.equal(closed.meta!.close!.closeFrameSent, false, 'without a closing handshake');
    assert.match(session.info.closeSummary ?? '', /^Heartbeat timeout/);
    assert.equal(session.info.closeErrorCode, 'RI_HEARTBEAT_TIMEOUT', 'what a reconnect policy reads');
  });

  it('names a half-open link: the handshake completed, then nothing at all came back', async () => {
    const silent = new Set<Socket>();
    const raw = await startRawTcpServer((socket, head) => {
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Accept: ${acceptFor(head)}\r\n\r\n`,
      );
      // The peer "vanishes": it keeps the TCP connection but never reads or writes again (no FIN, no RST).
      socket.pause();
      silent.add(socket);
    });
    closers.push(raw.close);
    const clock = new ManualClock();
    const session = await openSession(raw.url, clock);
    clock.advance(20_000);
    await eventually(() => ofType(session, 'ping', 'out').length === 1, 'the heartbeat ping left');
    clock.advance(10_000);
    const timeout = await waitForEvent(session, (e) => e.type === 'heartbeat-timeout');
    assert.match(timeout.meta!.error!.message, /no pong within 10 s of ping #1/);
    assert.match(timeout.meta!.error!.message, /nothing else arrived since: the link is probably half-open/);
    await waitForEvent(session, (e) => e.type === 'closed');
    assert.equal(session.info.state, 'closed');
    assert.equal(session.info.closeErrorCode, 'RI_HEARTBEAT_TIMEOUT');
    assert.match(session.info.closeSummary ?? '', /half-open/);
    const types = events(session).map((e) => e.type);
    assert.ok(types.indexOf('heartbeat-timeout') < types.indexOf('closed'), 'the reason comes before the end');
  });

  it('sends no second ping while a pong is still awaited (a deadline longer than the interval)', async () => {
    const server = await startServer({ autoPong: false } as ServerOptions, () => undefined);
    closers.push(server.close);
    const clock = new ManualClock();
    const options = resolved({ url: server.url, heartbeatIntervalMs: 1_000, heartbeatTimeoutMs: 5_000 });
    const session = new WebSocketSession(options, { clock });
    sessions.push(session);
    assert.equal(await session.start(), 'open');
    clock.advance(1_000);
    await eventually(() => server.pingsSeen() === 1, 'the server saw ping #1');
    for (let i = 0; i < 3; i++) clock.advance(1_000);
    assert.equal(ofType(session, 'ping', 'out').length, 1, 'one ping in flight at a time');
    clock.advance(1_999);
    assert.equal(session.info.state, 'open', '5 s from the ping have not passed yet');
    clock.advance(1);
    const timeout = await waitForEvent(session, (e) => e.type === 'heartbeat-timeout');
    assert.match(timeout.meta!.error!.message, /no pong within 5 s of ping #1/);
  });

  it('defaults the pong deadline to 10 s, or to the interval when that is shorter', () => {
    assert.equal(resolved({ url: 'ws://h/', heartbeatIntervalMs: 20_000 }).heartbeatTimeoutMs, 10_000);
    assert.equal(resolved({ url: 'ws://h/', heartbeatIntervalMs: 2_000 }).heartbeatTimeoutMs, 2_000);
    assert.equal(resolved({ url: 'ws://h/' }).heartbeatTimeoutMs, 10_000);
    const bad = validateConnectionOptions({ kind: 'websocket', url: 'ws://h/', heartbeatTimeoutMs: 50 });
    assert.equal(bad.ok, false);
  });
});
