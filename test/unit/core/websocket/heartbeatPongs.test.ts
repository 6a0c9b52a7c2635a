/**
 * Which pongs answer the heartbeat (issue 12 review), on the manual clock against a real `ws` server that answers
 * pings only when the test says (`autoPong: false`): a pong that comes late but inside the deadline keeps the link;
 * one for an older ping does not; one for a newer ping does (RFC 6455 §5.5.3: a peer may answer only the most
 * recent ping); and no timer of the session is left once it closed.
 */
import assert from 'node:assert/strict';
import { WebSocketServer, type WebSocket as ServerSocket, type ServerOptions } from 'ws';
import {
  validateConnectionOptions,
  type ResolvedWebSocketOptions,
} from '../../../../src/core/connection/connectionOptions';
import { MAX_AWAITED_PINGS, PingRoundTrips } from '../../../../src/core/websocket/heartbeat';
import { WebSocketSession } from '../../../../src/core/websocket/webSocketSession';
import { ManualClock } from '../../support/manualClock';
import { eventually } from '../../support/sessions';
import { ofType, waitForEvent } from '../../support/sessionEvents';

/** A ws server that never pongs by itself; `pings` are the payloads it received, `socket` the last client. */
interface QuietServer {
  url: string;
  pings: string[];
  socket(): ServerSocket;
  close(): Promise<void>;
}

async function startQuietServer(): Promise<QuietServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', autoPong: false } as ServerOptions);
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const pings: string[] = [];
  let last: ServerSocket | undefined;
  wss.on('connection', (socket) => {
    last = socket;
    socket.on('ping', (data) => pings.push(data.toString()));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`,
    pings,
    socket: () => last!,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

describe('WebSocket heartbeat: which pongs count (issue 12)', function () {
  this.timeout(10_000);
  let server: QuietServer;
  let session: WebSocketSession | undefined;

  beforeEach(async () => {
    server = await startQuietServer();
  });
  afterEach(async () => {
    session?.dispose();
    session = undefined;
    await server.close();
  });

  /** Open on a manual clock, 20 s heartbeat, 10 s pong deadline; the first heartbeat ping has reached the server. */
  async function openAndPing(): Promise<ManualClock> {
    const result = validateConnectionOptions({
      kind: 'websocket',
      url: server.url,
      heartbeatIntervalMs: 20_000,
      heartbeatTimeoutMs: 10_000,
    });
    assert.ok(result.ok);
    const manual = new ManualClock();
    session = new WebSocketSession(result.value as ResolvedWebSocketOptions, { clock: manual });
    assert.equal(await session.start(), 'open');
    manual.advance(20_000);
    await eventually(() => server.pings.includes('ri-heartbeat-1'), 'heartbeat ping #1 reached the server');
    return manual;
  }

  /** The server answers the ping with `payload`; resolves once the session logged the pong. */
  async function pong(payload: string): Promise<void> {
    const before = ofType(session!, 'pong').length;
    server.socket().pong(payload);
    await eventually(() => ofType(session!, 'pong').length > before, `the pong ${payload} arrived`);
  }

  it('a pong 9.9 s late is in time: the link stays, and the next ping follows at the next beat', async () => {
    const manual = await openAndPing();
    manual.advance(9_900);
    await pong('ri-heartbeat-1');
    manual.advance(10_100);
    assert.equal(session!.info.state, 'open');
    await eventually(() => server.pings.includes('ri-heartbeat-2'), 'heartbeat ping #2');
    assert.equal(ofType(session!, 'heartbeat-timeout').length, 0);
  });

  it('a pong for an older ping does not answer the heartbeat’s', async () => {
    const manual = await openAndPing();
    await pong('some older ping');
    manual.advance(10_000);
    const timeout = await waitForEvent(session!, (e) => e.type === 'heartbeat-timeout');
    assert.match(timeout.meta!.error!.message, /no pong within 10 s of ping #1\.$/);
  });

  it('a pong for a ping sent after the heartbeat’s answers it too (§5.5.3)', async () => {
    const manual = await openAndPing();
    assert.ok(session!.send({ kind: 'ping', text: 'mine' }).ok);
    await eventually(() => server.pings.includes('mine'), 'the user’s ping reached the server');
    await pong('mine');
    manual.advance(10_000);
    assert.equal(ofType(session!, 'heartbeat-timeout').length, 0);
    assert.equal(session!.info.state, 'open');
  });

  it('leaves no timer once closed, by the user or by a missed pong', async () => {
    const manual = await openAndPing();
    await pong('ri-heartbeat-1');
    await session!.close();
    assert.equal(session!.info.state, 'closed');
    assert.deepEqual(manual.pendingDelays, [], 'closed by the user');
    session!.dispose();

    const again = await openAndPing();
    again.advance(10_000);
    await waitForEvent(session!, (e) => e.type === 'closed');
    assert.deepEqual(again.pendingDelays, [], 'closed for a missed pong');
  });

  it('keeps at most MAX_AWAITED_PINGS pings waiting for a pong', () => {
    const manual = new ManualClock();
    const pings = new PingRoundTrips(manual);
    const keys = Array.from({ length: MAX_AWAITED_PINGS + 10 }, (_, i) => pings.sent(Buffer.from(`p${i}`)));
    assert.equal(pings.awaits(keys[9]), false, 'the oldest let go');
    assert.equal(pings.awaits(keys[10]), true);
    manual.advance(5);
    assert.equal(pings.answered(keys[20]), 5);
    assert.equal(pings.awaits(keys[15]), false, 'older pings count as answered');
    assert.equal(pings.awaits(keys[21]), true);
  });
});
