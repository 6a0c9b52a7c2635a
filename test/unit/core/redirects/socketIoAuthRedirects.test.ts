/**
 * Socket.IO auth after a redirected Engine.IO handshake (review of issue 12). The auth of a profile's namespaces
 * is a credential like Authorization: when the handshake was followed to another origin, the CONNECT packets go
 * there without it (a row says so), as the headers are left behind. Recorded by a real Socket.IO 4 server whose
 * `/admin` namespace admits only the token "secret".
 */
import assert from 'node:assert/strict';
import type { Session } from '../../../../src/core/session/session';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { startSocketIoServer, type SocketIoTestServer } from '../../../fixtures/servers/socketIoServers';
import { eventually, newSession, ofType } from '../../support/sessions';

describe('Socket.IO auth and redirected handshakes (issue 12 review)', function () {
  this.timeout(15_000);
  let front: HopServer;
  let far: SocketIoTestServer;
  const sessions: Session[] = [];
  beforeEach(async () => {
    front = await startHopServer();
    far = await startSocketIoServer('socket.io@4.8.4');
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await s.close();
      s.dispose();
    }
    await front.close();
    await far.close();
  });

  const namespaces = [{ name: '/' }, { name: '/admin', auth: '{"token":"secret"}' }];
  const open = (options: Record<string, unknown>): Session => {
    const session = newSession({ kind: 'socketio', url: front.origin, namespaces, followRedirects: true, ...options });
    sessions.push(session);
    return session;
  };

  it('a polling handshake followed to another origin joins the namespaces there without their auth', async () => {
    front.route('/socket.io/', { redirect: 307, location: `${far.url}/socket.io/` });
    const session = open({});
    assert.equal(await session.start(), 'open');
    await eventually(() => far.seen.connections.includes('/'), 'joined "/" on the far server');
    await eventually(() => ofType(session, 'sio-connect-error').length > 0, 'the far server refused /admin');
    assert.deepEqual(far.seen.connections, ['/'], 'the far server never saw the token');
    const withheld = ofType(session, 'auth-withheld');
    assert.equal(withheld.length, 1);
    assert.match(withheld[0].meta!.warning!, /another origin .*127\.0\.0\.1:\d+.* \/admin/);
  });

  it('so does a WebSocket-only handshake that its own WebSocket followed elsewhere', async () => {
    const wsFar = `${far.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    front.route('/socket.io/', { redirect: 302, location: wsFar });
    const session = open({ transports: 'websocket-only' });
    assert.equal(await session.start(), 'open');
    await eventually(() => ofType(session, 'sio-connect-error').length > 0, 'the far server refused /admin');
    assert.deepEqual(far.seen.connections, ['/']);
    assert.equal(ofType(session, 'auth-withheld').length, 1);
  });

  it('without a redirect the auth is sent as always', async () => {
    const session = newSession({ kind: 'socketio', url: far.url, namespaces });
    sessions.push(session);
    assert.equal(await session.start(), 'open');
    await eventually(() => far.seen.connections.includes('/admin'), 'joined /admin with its token');
    assert.equal(ofType(session, 'auth-withheld').length, 0);
  });
});
