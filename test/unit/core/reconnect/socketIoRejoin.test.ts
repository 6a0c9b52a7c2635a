/**
 * A Socket.IO session with a reconnect policy against a real socket.io 4 server (issue 12): after the server
 * drops the connection (`drop`: the Engine.IO connection closes, "transport close"), the next attempt joins again
 * every namespace the session was in — including one joined later from the composer — with the same auth, as
 * socket.io-client does, and a row says so (names only, never the auth). The server's `/admin` refuses a CONNECT
 * without the token: its welcome proves the auth went again. When the server disconnects the client itself
 * (`kick`: `socket.disconnect(true)`, a DISCONNECT packet), socket.io-client does not reconnect ("io server
 * disconnect"), and neither does the session; a namespace the server disconnected is not joined again.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import { answer, httpResponse, startRawHttpServer } from '../../../fixtures/servers/hostile/rawHttp';
import { startSocketIoServer, type SocketIoTestServer } from '../../../fixtures/servers/socketIoServers';
import { ofType } from '../../support/sessionEvents';
import { eventually } from '../../support/sessions';
import { reconnecting, waitForPhase } from './reconnectSupport';

const AUTH = '{"token":"secret"}';

describe('ReconnectingSession (Socket.IO 4, real server)', function () {
  this.timeout(20_000);
  let server: SocketIoTestServer;
  let session: ReconnectingSession | undefined;

  beforeEach(async () => {
    server = await startSocketIoServer('socket.io@4.8.4');
  });
  afterEach(async () => {
    await session?.close();
    session?.dispose();
    session = undefined;
    await server.close();
  });

  for (const transports of ['websocket-only', 'polling-only'])
    it(`joins the namespaces again with their auth on the next attempt (${transports})`, async () => {
      const fixture = reconnecting({ kind: 'socketio', url: server.url, transports });
      session = fixture.session;
      assert.equal(await session.start(), 'open');
      await namespacesConnected(session, ['/']);
      assert.ok(session.send({ kind: 'sio-connect', namespace: '/admin', auth: AUTH }).ok);
      await namespacesConnected(session, ['/', '/admin']);
      assert.deepEqual(server.seen.connections, ['/', '/admin']);

      assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'drop', args: '[]', ack: false }).ok);
      await waitForPhase(session, 'waiting');
      fixture.clock.advance(500);
      await waitForPhase(session, 'open');
      await namespacesConnected(session, ['/', '/admin']);
      assert.deepEqual(server.seen.connections, ['/', '/admin', '/', '/admin'], '/admin accepted the same token');

      const notes = ofType(session, 'reconnect-attempt').map((event) => event.meta?.note ?? '');
      assert.ok(
        notes.includes('Re-joining /, /admin (/admin with the same auth), as socket.io-client does on reconnect.'),
        notes.join('\n'),
      );
      const ours = ['reconnecting', 'reconnect-attempt', 'reconnected'].flatMap((type) => ofType(session!, type));
      assert.ok(ours.length >= 4);
      assert.ok(
        ours.every((event) => !JSON.stringify(event).includes('secret')),
        'the auth is never in our rows',
      );
      const connects = ofType(session, 'sio-connect', 'out').filter((e) => e.meta?.sio?.namespace === '/admin');
      assert.equal(connects.length, 2, 'one CONNECT for /admin per attempt');
    });

  it('does not join again a namespace the session left', async () => {
    const fixture = reconnecting({ kind: 'socketio', url: server.url, transports: 'websocket-only' });
    session = fixture.session;
    await session.start();
    assert.ok(session.send({ kind: 'sio-connect', namespace: '/admin', auth: AUTH }).ok);
    await namespacesConnected(session, ['/', '/admin']);
    assert.ok(session.send({ kind: 'sio-disconnect', namespace: '/admin' }).ok);
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'drop', args: '[]', ack: false }).ok);
    await waitForPhase(session, 'waiting');
    fixture.clock.advance(500);
    await waitForPhase(session, 'open');
    await namespacesConnected(session, ['/']);
    assert.deepEqual(
      session.info.namespaces?.map((ns) => ns.name),
      ['/'],
    );
    assert.deepEqual(server.seen.connections, ['/', '/admin', '/']);
  });
});

describe('ReconnectingSession (Socket.IO 4, real server): the server disconnects the client', function () {
  this.timeout(20_000);
  let server: SocketIoTestServer;
  let session: ReconnectingSession | undefined;

  beforeEach(async () => {
    server = await startSocketIoServer('socket.io@4.8.4');
  });
  afterEach(async () => {
    await session?.close();
    session?.dispose();
    session = undefined;
    await server.close();
  });

  for (const transports of ['websocket-only', 'polling-only'])
    it(`socket.disconnect(true) on the server: not reconnected, as socket.io-client does (${transports})`, async () => {
      const fixture = reconnecting({ kind: 'socketio', url: server.url, transports });
      session = fixture.session;
      assert.equal(await session.start(), 'open');
      await namespacesConnected(session, ['/']);
      assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'kick', args: '[]', ack: false }).ok);
      await waitForPhase(session, 'stopped');
      assert.deepEqual(server.seen.disconnects, ['server namespace disconnect']);
      const stopped = ofType(session, 'reconnect-stopped');
      assert.equal(stopped.length, 1);
      assert.equal(
        stopped[0].meta?.note,
        'The server disconnected this client (a Socket.IO DISCONNECT for /): not reconnecting, as socket.io-client ' +
          'does ("io server disconnect").',
      );
      assert.equal(session.status.stoppedReason, stopped[0].meta?.note);
      fixture.clock.advance(60_000);
      assert.equal(fixture.attempts.length, 1, 'no second attempt, however long');
      assert.equal(ofType(session, 'reconnecting').length, 0);
    });

  it('socket.disconnect(true) disconnects every namespace of the client: not reconnected, both named', async () => {
    const fixture = reconnecting({ kind: 'socketio', url: server.url, transports: 'websocket-only' });
    session = fixture.session;
    await session.start();
    assert.ok(session.send({ kind: 'sio-connect', namespace: '/admin', auth: AUTH }).ok);
    await namespacesConnected(session, ['/', '/admin']);
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'kick', args: '[]', ack: false }).ok);
    await waitForPhase(session, 'stopped');
    assert.match(session.status.stoppedReason ?? '', /a Socket\.IO DISCONNECT for (\/, \/admin|\/admin, \/)\)/);
    assert.equal(fixture.attempts.length, 1);
  });

  it('the server disconnects /admin only, then the connection drops: / joined again, /admin not', async () => {
    const fixture = reconnecting({ kind: 'socketio', url: server.url, transports: 'websocket-only' });
    session = fixture.session;
    await session.start();
    assert.ok(session.send({ kind: 'sio-connect', namespace: '/admin', auth: AUTH }).ok);
    await namespacesConnected(session, ['/', '/admin']);
    // socket.disconnect() on /admin: a DISCONNECT for /admin alone; the connection and / stay.
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/admin', event: 'kick', args: '[]', ack: false }).ok);
    await eventually(() => session!.info.namespaces?.[1]?.state === 'disconnected', '/admin disconnected');
    assert.equal(session.status.phase, 'open');
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'drop', args: '[]', ack: false }).ok);
    await waitForPhase(session, 'waiting');
    fixture.clock.advance(500);
    await waitForPhase(session, 'open');
    await namespacesConnected(session, ['/']);
    assert.deepEqual(server.seen.connections, ['/', '/admin', '/']);
    const notes = ofType(session, 'reconnect-attempt').map((event) => event.meta?.note ?? '');
    assert.ok(
      notes.includes(
        'Re-joining /, as socket.io-client does on reconnect. Not /admin: the server disconnected the session from it.',
      ),
      notes.join('\n'),
    );
  });
});

describe('ReconnectingSession (Engine.IO and Socket.IO): a refused handshake is not tried again', function () {
  this.timeout(20_000);
  let session: ReconnectingSession | undefined;
  let close: (() => Promise<void>) | undefined;

  afterEach(async () => {
    session?.dispose();
    session = undefined;
    await close?.();
    close = undefined;
  });

  // engine.io answers a WebSocket upgrade that allowRequest refused with 400, like any other bad upgrade: only its
  // polling handshake says 403, so only that one is a refusal the session can tell apart.
  it('socket.io 4 refusing in allowRequest (403 to the polling handshake): stopped after one attempt', async () => {
    const refusing = await startRefusingSocketIoServer();
    close = refusing.close;
    const fixture = reconnecting({ kind: 'socketio', url: refusing.url, transports: 'polling-only' });
    session = fixture.session;
    assert.equal(await session.start(), 'closed');
    await waitForPhase(session, 'stopped');
    assert.match(session.status.stoppedReason ?? '', /refused the handshake with 403/);
    fixture.clock.advance(60_000);
    assert.equal(fixture.attempts.length, 1);
    assert.equal(refusing.handshakes(), 1, 'the server saw one handshake');
  });

  const refusals: Array<[string, string, Record<string, unknown>]> = [
    ['an Engine.IO polling handshake', '401 Unauthorized', { kind: 'engineio', transports: 'polling-only' }],
    ['a Socket.IO polling handshake', '403 Forbidden', { kind: 'socketio', transports: 'polling-only' }],
    ['a Socket.IO WebSocket-only handshake', '401 Unauthorized', { kind: 'socketio', transports: 'websocket-only' }],
  ];
  for (const [what, status, options] of refusals)
    it(`${what} answered ${status} (an auth proxy in front): stopped, not retried`, async () => {
      const raw = await startRawHttpServer((socket) =>
        answer(socket, httpResponse(status, { 'WWW-Authenticate': 'Bearer' }, 'login first')),
      );
      close = () => raw.close();
      const fixture = reconnecting({ ...options, url: `${raw.base}/socket.io/` });
      session = fixture.session;
      assert.equal(await session.start(), 'closed');
      await waitForPhase(session, 'stopped');
      assert.match(session.status.stoppedReason ?? '', new RegExp(`refused the handshake with ${status.slice(0, 3)}`));
      fixture.clock.advance(60_000);
      assert.equal(raw.seen.length, 1, 'one handshake request, no retry');
    });
});

/** A real socket.io 4 server whose allowRequest refuses every handshake (engine.io answers 403 "Forbidden"). */
async function startRefusingSocketIoServer(): Promise<{
  url: string;
  handshakes(): number;
  close(): Promise<void>;
}> {
  const http = createServer();
  let handshakes = 0;
  const { Server } = require('socket.io') as {
    Server: new (server: typeof http, opts: object) => { close(): void };
  };
  const io = new Server(http, {
    allowRequest: (_req: unknown, callback: (error: string | null, ok: boolean) => void) => {
      handshakes++;
      callback('not on the list', false);
    },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handshakes: () => handshakes,
    close: () =>
      new Promise<void>((resolve) => {
        io.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** Resolves once exactly these namespaces are listed and every one is connected. */
async function namespacesConnected(session: ReconnectingSession, names: string[]): Promise<void> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const list = session.info.namespaces ?? [];
    const ok = list.length === names.length && list.every((ns, i) => ns.name === names[i] && ns.state === 'connected');
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`namespaces: ${JSON.stringify(list)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
