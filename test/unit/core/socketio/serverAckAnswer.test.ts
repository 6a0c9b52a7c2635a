/**
 * Acks the other way round: the server emits with an ack callback, we answer it (binary included),
 * and the server's callback receives exactly what we sent — on every Socket.IO version.
 */
import assert from 'node:assert/strict';
import type { Session } from '../../../../src/core/session/session';
import {
  SOCKET_IO_SERVERS,
  startSocketIoServer,
  type SocketIoTestServer,
} from '../../../fixtures/servers/socketIoServers';
import { newSession, waitForEvent } from '../../support/sessions';

describe('answering acks the server asks for', function () {
  this.timeout(10000);
  let server: SocketIoTestServer | undefined;
  let session: Session | undefined;

  afterEach(async () => {
    session?.dispose();
    await server?.close();
    server = undefined;
  });

  for (const kind of SOCKET_IO_SERVERS) {
    it(`${kind}: the server's callback gets our answer, binary included, once`, async () => {
      server = await startSocketIoServer(kind);
      session = newSession({
        kind: 'socketio',
        url: server.url,
        protocolVersion: kind.endsWith('allowEIO3') ? 3 : 'auto',
      });
      await session.start();
      await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in');
      assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'ask-server-ack', args: '[]', ack: false }).ok);
      const question = await waitForEvent(session, (e) => e.meta?.sio?.event === 'please-ack');
      const id = question.meta!.sio!.ackId!;
      assert.equal(typeof id, 'number', 'the server asked for an ack');
      const answer = session.send({ kind: 'sio-ack', namespace: '/', id, args: '["yes",{"$binary":"BQY="}]' });
      assert.ok(answer.ok, JSON.stringify(answer));
      assert.equal(session.log.get(answer.seq)!.type, 'sio-binary-ack', 'binary arguments make a BINARY_ACK');
      const deadline = Date.now() + 5000;
      while (server.seen.serverAcks.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(server.seen.serverAcks, [['yes', Buffer.from([5, 6])]]);
      const again = session.send({ kind: 'sio-ack', namespace: '/', id, args: '[]' });
      assert.equal(again.ok, false, 'an ack is answered once');
      assert.equal(
        session.send({ kind: 'sio-ack', namespace: '/', id: 999, args: '[]' }).ok,
        false,
        'an id the server did not ask for is refused',
      );
    });
  }
});
