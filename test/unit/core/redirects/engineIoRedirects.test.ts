/**
 * An Engine.IO handshake that is redirected (issue 12), against a real engine.io 6 server behind a redirecting
 * one: the long-polling handshake follows the Location, and every later request — long-polls, POSTs and the
 * WebSocket upgrade — goes to where it ended up, without the credentials the first origin got. A WebSocket-only
 * session follows the redirect of its one handshake. Recorded on the far server itself.
 */
import assert from 'node:assert/strict';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import type { Session } from '../../../../src/core/session/session';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { eventually, newSession, ofType } from '../../support/sessions';

interface RecordingEngine {
  origin: string;
  requests: Array<{ url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** engine.io 6 on its own port, every request it receives (plain and upgrade) recorded before it handles it. */
async function startRecordingEngine(): Promise<RecordingEngine> {
  const requests: RecordingEngine['requests'] = [];
  const record = (req: IncomingMessage): void => {
    requests.push({ url: req.url ?? '', headers: req.headers });
  };
  const { Server: EngineServer } = require('engine.io') as { Server: new (opts: object) => EngineIo };
  const engine = new EngineServer({ pingInterval: 5000, pingTimeout: 5000 });
  engine.on('connection', (socket) => socket.send('hello'));
  const http: Server = createServer((req, res) => {
    record(req);
    engine.handleRequest(req, res);
  });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    record(req);
    engine.handleUpgrade(req, socket, head);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(http.address() as { port: number }).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        engine.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** The parts of engine.io's Server used here. */
interface EngineIo {
  handleRequest(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  on(event: 'connection', fn: (socket: { send(data: string): void }) => void): void;
  close(): void;
}

describe('Engine.IO handshake redirects (issue 12)', function () {
  this.timeout(15_000);
  let front: HopServer;
  let engine: RecordingEngine;
  const sessions: Session[] = [];
  beforeEach(async () => {
    front = await startHopServer();
    engine = await startRecordingEngine();
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await front.close();
    await engine.close();
  });

  const headers = [
    ['Authorization', 'Bearer secret-token-123'],
    ['X-Trace', 'kept'],
  ];

  it('follows the polling handshake elsewhere; later polls and the upgrade go there, without credentials', async () => {
    front.route('/engine.io/', { redirect: 307, location: `${engine.origin}/engine.io/` });
    const session = newSession({ kind: 'engineio', url: `${front.origin}/engine.io/`, headers, followRedirects: true });
    sessions.push(session);
    assert.equal(await session.start(), 'open');
    await eventually(() => session.info.transport === 'websocket', 'upgraded to WebSocket on the far server');
    assert.equal(front.requests.length, 1, 'the first server saw the first handshake only');
    assert.equal(front.requests[0].headers.authorization, 'Bearer secret-token-123');
    assert.ok(engine.requests.length >= 2, 'handshake and upgrade reached the far server');
    assert.ok(engine.requests.some((r) => /transport=websocket/.test(r.url) && /sid=/.test(r.url)));
    for (const request of engine.requests) {
      assert.equal(request.headers.authorization, undefined, request.url);
      assert.equal(request.headers['x-trace'], 'kept', request.url);
    }
    const hop = ofType(session, 'redirect')[0];
    assert.match(hop.meta!.note!, /^Redirect 1 of at most 5: 307/);
    assert.match(hop.meta!.warning!, /Authorization/);
  });

  it('a WebSocket-only session follows the redirect of its handshake', async () => {
    front.route('/engine.io/', {
      redirect: 302,
      location: `${engine.origin.replace('http', 'ws')}/engine.io/?EIO=4&transport=websocket`,
    });
    const session = newSession({
      kind: 'engineio',
      url: `${front.origin}/engine.io/`,
      transports: 'websocket-only',
      headers,
      followRedirects: true,
    });
    sessions.push(session);
    assert.equal(await session.start(), 'open');
    assert.equal(engine.requests.length, 1);
    assert.equal(engine.requests[0].headers.authorization, undefined);
    assert.equal(ofType(session, 'redirect').length, 1);
  });

  it('without followRedirects the redirected handshake is refused, as before', async () => {
    front.route('/engine.io/', { redirect: 307, location: `${engine.origin}/engine.io/` });
    const session = newSession({ kind: 'engineio', url: `${front.origin}/engine.io/`, headers });
    sessions.push(session);
    assert.equal(await session.start(), 'closed');
    assert.equal(engine.requests.length, 0);
  });
});
