/**
 * A Socket.IO session with a reconnect policy against a real socket.io 4 server (issue 12): after the server
 * drops the connection, the next attempt joins again every namespace the session was in — including one joined
 * later from the composer — with the same auth, as socket.io-client does, and a row says so (names only, never
 * the auth). The server's `/admin` refuses a CONNECT without the token: its welcome proves the auth went again.
 */
import assert from 'node:assert/strict';
import type { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import { startSocketIoServer, type SocketIoTestServer } from '../../../fixtures/servers/socketIoServers';
import { ofType } from '../../support/sessionEvents';
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

      assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'kick', args: '[]', ack: false }).ok);
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
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'kick', args: '[]', ack: false }).ok);
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
