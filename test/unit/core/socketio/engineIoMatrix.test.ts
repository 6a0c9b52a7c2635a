/**
 * Our Engine.IO engine against real Engine.IO servers, engine.io 3.6.2 (protocol v3) and 6.6.12 (v4),
 * on every transport policy: the open packet and its sid, the upgrade steps, text and binary messages
 * both ways, the heartbeat over several periods in the version's direction, and closes from either side.
 */
import assert from 'node:assert/strict';
import type { TransportPolicy } from '../../../../src/core/connection/engineIoOptions';
import type { Session } from '../../../../src/core/session/session';
import {
  ENGINE_IO_SERVERS,
  startEngineIoServer,
  type EngineIoServerKind,
  type EngineIoTestServer,
} from '../../../fixtures/servers/socketIoServers';
import { newSession, ofType, waitForEvent } from '../../support/sessions';
import {
  DEADLINE_MS,
  TRANSPORT_POLICIES,
  bytesOf,
  checkClientClose,
  checkHeartbeat,
  checkTransportFootprint,
  errorsOf,
  textOf,
  until,
  waitClosed,
} from './serverMatrixHelpers';

const VERSION: Record<EngineIoServerKind, 3 | 4> = { 'engine.io@3.6.2': 3, 'engine.io@6.6.12': 4 };

describe('Engine.IO server matrix (real servers)', function () {
  this.timeout(20000);
  let server: EngineIoTestServer | undefined;
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await server?.close();
    server = undefined;
  });

  /**
   * Over polling, "auto" detects v3 from the handshake body. Over WebSocket only nothing in the first
   * frame tells v3 from v4 (and a plain Engine.IO session has no Socket.IO layer to listen for the
   * unsolicited CONNECT), so the version is given, as a user would.
   */
  async function open(kind: EngineIoServerKind, transports: TransportPolicy): Promise<Session> {
    server = await startEngineIoServer(kind);
    const session = newSession({
      kind: 'engineio',
      url: server.url,
      transports,
      protocolVersion: transports === 'websocket-only' ? VERSION[kind] : 'auto',
    });
    sessions.push(session);
    assert.equal(await session.start(), 'open', errorsOf(session).join('; '));
    return session;
  }

  for (const kind of ENGINE_IO_SERVERS) {
    const version = VERSION[kind];
    for (const transports of TRANSPORT_POLICIES) {
      describe(`${kind} × ${transports}`, () => {
        it('opens: sid in info and in eio-open, transport footprint, protocol', async () => {
          const session = await open(kind, transports);
          await checkTransportFootprint(session, transports);
          assert.equal(session.info.protocol, `Engine.IO ${version}`);
          const detected = ofType(session, 'version-detected');
          assert.equal(
            detected.length,
            version === 3 && transports !== 'websocket-only' ? 1 : 0,
            'version-detected only when "auto" found a v3 server',
          );
        });

        it('receives "hello", gets text and binary echoed', async () => {
          const session = await open(kind, transports);
          const hello = await waitForEvent(
            session,
            (e) => e.type === 'eio-message' && e.direction === 'in',
            DEADLINE_MS,
          );
          assert.equal(textOf(hello), 'hello');

          const text = session.send({ kind: 'text', text: 'text echo ✓' });
          assert.ok(text.ok, JSON.stringify(text));
          const textEcho = await waitForEvent(
            session,
            (e) => e.type === 'eio-message' && e.direction === 'in' && textOf(e) === 'text echo ✓',
            DEADLINE_MS,
          );
          assert.ok(textEcho.seq > text.seq);

          const binary = session.send({ kind: 'binary', encoding: 'hex', data: '00 ff 10' });
          assert.ok(binary.ok, JSON.stringify(binary));
          assert.deepEqual(
            bytesOf(session.log.get(binary.seq)),
            [0, 255, 16],
            'the outgoing binary message is logged with its bytes',
          );
          const binaryEcho = await waitForEvent(
            session,
            (e) => e.type === 'eio-message' && e.direction === 'in' && e.payload?.kind === 'binary',
            DEADLINE_MS,
          );
          assert.deepEqual(bytesOf(binaryEcho), [0, 255, 16]);
          assert.deepEqual(
            server!.seen.messages,
            ['text echo ✓', [0, 255, 16]],
            'the server got both, binary as binary',
          );
          assert.deepEqual(errorsOf(session), []);
        });

        const pings = version === 4 ? 'server pings, client pongs' : 'client pings, server pongs';
        it(`keeps the heartbeat over several periods (v${version}: ${pings})`, async () => {
          const session = await open(kind, transports);
          await checkHeartbeat(session, version);
        });

        it('server-initiated close ("bye") ends the session', async () => {
          const session = await open(kind, transports);
          await waitForEvent(session, (e) => e.type === 'eio-message' && e.direction === 'in', DEADLINE_MS);
          assert.ok(session.send({ kind: 'text', text: 'bye' }).ok);
          await waitClosed(session);
          const closed = ofType(session, 'closed').filter((e) => e.layer === 'eio');
          assert.equal(closed.length, 1, 'one Engine.IO closed event');
          assert.equal(session.info.state, 'closed');
          assert.deepEqual(errorsOf(session), [], 'a server close is not an error');
        });

        it('client close() ends the session cleanly and the server sees it', async () => {
          const session = await open(kind, transports);
          await waitForEvent(session, (e) => e.type === 'eio-message' && e.direction === 'in', DEADLINE_MS);
          if (transports === 'polling-then-websocket')
            await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', DEADLINE_MS);
          await checkClientClose(session);
          await until(() => server!.seen.closes.length === 1, 'the server to see the client leave');
        });
      });
    }
  }

  it(
    'engine.io@3.6.2 × websocket-only with "auto": ' +
      'no way to tell v3 before a heartbeat, so it ends with a hint to choose v3',
    async () => {
      server = await startEngineIoServer('engine.io@3.6.2');
      const session = newSession({
        kind: 'engineio',
        url: server.url,
        transports: 'websocket-only',
        protocolVersion: 'auto',
      });
      sessions.push(session);
      await session.start();
      await waitClosed(session);
      const error = ofType(session, 'error').find((e) => e.layer === 'eio');
      // Either side may give up first: our watchdog (no server ping) or the server (no client ping).
      if (error) {
        assert.equal(error.meta?.error?.code, 'RI_PING_TIMEOUT');
        assert.match(error.meta?.error?.hint ?? '', /protocol v3/);
      }
    },
  );
});
