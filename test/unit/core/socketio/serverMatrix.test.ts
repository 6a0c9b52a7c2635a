/**
 * Protocol versions against real servers, on every transport policy: what "auto" detects, what an
 * explicit version does when the server speaks another one, and that the errors say what to change.
 * The per-server behaviour matrix is in engineIoMatrix.test.ts and socketIoMatrix.test.ts.
 */
import assert from 'node:assert/strict';
import type { TransportPolicy } from '../../../../src/core/connection/engineIoOptions';
import type { Session } from '../../../../src/core/session/session';
import {
  startSocketIoServer,
  type SocketIoServerKind,
  type SocketIoTestServer,
} from '../../../fixtures/servers/socketIoServers';
import { events, newSession, ofType, waitForEvent } from '../../support/sessions';
import { DEADLINE_MS, TRANSPORT_POLICIES, errorsOf, summary, waitClosed } from './serverMatrixHelpers';

describe('Protocol versions against real servers', function () {
  this.timeout(20000);
  let server: SocketIoTestServer | undefined;
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await server?.close();
    server = undefined;
  });

  async function session(
    kind: SocketIoServerKind,
    transports: TransportPolicy,
    protocolVersion: 'auto' | 3 | 4,
  ): Promise<Session> {
    server = await startSocketIoServer(kind);
    const s = newSession({ kind: 'socketio', url: server.url, transports, protocolVersion });
    sessions.push(s);
    return s;
  }

  /** The first Engine.IO-level error of a session that failed. */
  function failure(s: Session) {
    const error = ofType(s, 'error').find((e) => e.layer === 'eio')?.meta?.error;
    assert.ok(error, `an error event; log: ${summary(s)}`);
    return error;
  }

  for (const transports of TRANSPORT_POLICIES) {
    describe(`× ${transports}`, () => {
      it('socket.io@4.8.4+allowEIO3, protocol v3: opens as Socket.IO 4 / Engine.IO 3 and joins "/"', async () => {
        const s = await session('socket.io@4.8.4+allowEIO3', transports, 3);
        assert.equal(await s.start(), 'open', errorsOf(s).join('; '));
        await waitForEvent(s, (e) => e.type === 'sio-connect' && e.direction === 'in', DEADLINE_MS);
        assert.equal(s.info.protocol, 'Socket.IO 4 / Engine.IO 3');
        const firstUrl = events(s).find((e) => e.direction === 'out' && e.meta?.request?.url)?.meta?.request?.url;
        assert.match(firstUrl ?? '', /[?&]EIO=3(&|$)/, 'the first request asks for Engine.IO 3');
      });

      it('socket.io@4.8.4+allowEIO3, protocol "auto": speaks v4 (no needless downgrade)', async () => {
        const s = await session('socket.io@4.8.4+allowEIO3', transports, 'auto');
        assert.equal(await s.start(), 'open', errorsOf(s).join('; '));
        await waitForEvent(s, (e) => e.type === 'sio-connect' && e.direction === 'in', DEADLINE_MS);
        assert.equal(s.info.protocol, 'Socket.IO 5 / Engine.IO 4');
        assert.equal(ofType(s, 'version-detected').length, 0);
      });

      const refusedV3 = async () => {
        const s = await session('socket.io@4.8.4', transports, 3);
        assert.equal(await s.start(), 'closed');
        const error = failure(s);
        assert.equal(error.code, 'RI_SERVER_REFUSED', `${error.code}: ${error.message}`);
        assert.match(`${error.message} ${error.hint ?? ''}`, /protocol version|protocol v4/i);
        assert.equal(s.info.state, 'closed');
      };
      it(
        'socket.io@4.8.4 without allowEIO3, protocol v3: refused with RI_SERVER_REFUSED naming the protocol version',
        refusedV3,
      );

      it('socket.io@2.5.1, protocol "auto": detected (version-detected), Socket.IO 4 / Engine.IO 3', async () => {
        const s = await session('socket.io@2.5.1', transports, 'auto');
        assert.equal(await s.start(), 'open', errorsOf(s).join('; '));
        const detected = await waitForEvent(s, (e) => e.type === 'version-detected', DEADLINE_MS);
        assert.match(detected.meta?.note ?? '', /Socket\.IO 2|engine\.io 3/);
        await waitForEvent(s, (e) => e.type === 'sio-connect' && e.direction === 'in', DEADLINE_MS);
        assert.equal(s.info.protocol, 'Socket.IO 4 / Engine.IO 3');
        assert.equal(s.info.state, 'open');
      });

      it('socket.io@2.5.1, protocol v4 explicitly: fails with an error that says to choose v3', async () => {
        const s = await session('socket.io@2.5.1', transports, 4);
        await s.start();
        await waitClosed(s);
        const error = failure(s);
        if (transports === 'websocket-only') {
          // Nothing in the WebSocket handshake or open packet betrays v3: the session opens, and the
          // missing server ping ends it, with the hint.
          assert.match(
            `${error.message} ${error.hint ?? ''}`,
            /protocol v3/,
            `${error.code}: ${error.message} / ${error.hint}`,
          );
        } else {
          assert.equal(error.code, 'RI_PROTOCOL_MISMATCH');
          assert.match(error.hint ?? '', /protocol v3/);
          assert.equal(ofType(s, 'eio-open').length, 0, 'refused before anything was delivered as v4');
        }
      });
    });
  }

  it("WebSocket rows keep wire order: the server's DISCONNECT message is logged before its close frame", async () => {
    const s = await session('socket.io@4.8.4', 'websocket-only', 'auto');
    await s.start();
    await waitForEvent(s, (e) => e.type === 'sio-connect' && e.direction === 'in', DEADLINE_MS);
    assert.ok(s.send({ kind: 'sio-emit', namespace: '/', event: 'kick', args: '[]', ack: false }).ok);
    await waitClosed(s);
    const disconnectCarrier = events(s).find(
      (e) =>
        e.layer === 'ws' &&
        e.type === 'message' &&
        e.direction === 'in' &&
        e.payload?.kind === 'text' &&
        e.payload.text === '41',
    );
    const closeFrame = ofType(s, 'close-frame', 'in')[0];
    assert.ok(disconnectCarrier && closeFrame, summary(s));
    assert.ok(
      disconnectCarrier.seq < closeFrame.seq,
      `"41" is #${disconnectCarrier.seq}, the close frame #${closeFrame.seq}`,
    );
  });
});
