/**
 * Our Engine.IO and Socket.IO engines against real servers — socket.io 2.5.1, 3.1.2, 4.8.4 (with and
 * without allowEIO3), engine.io 3.6.2 and 6.6.12 — on every transport policy: open and sid, the upgrade
 * steps, binary events and acks both ways, namespaces with auth accepted and refused, the heartbeat over
 * several intervals, and closes from either side.
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../src/core/events/logEvent';
import type { Session } from '../../../src/core/session/session';
import {
  PING_INTERVAL, PING_TIMEOUT, startEngineIoServer, startSocketIoServer,
  type EngineIoFlavour, type RealServer, type SocketIoFlavour,
} from '../../fixtures/servers/realtimeServers';
import { events, newSession, ofType, waitForEvent, waitForState } from '../core/sessionHarness';

const TRANSPORTS = ['polling-then-websocket', 'websocket-only', 'polling-only'] as const;
type Transport = (typeof TRANSPORTS)[number];

/** Several heartbeat periods: long enough for the engine to miss a beat if it mishandled one. */
const HEARTBEAT_WINDOW_MS = 3 * (PING_INTERVAL + PING_TIMEOUT);

const SOCKET_IO: Array<{ flavour: SocketIoFlavour; protocolVersion?: 3 | 4; label: string }> = [
  { flavour: 'socket.io@2', label: 'Socket.IO 4 / Engine.IO 3' },
  { flavour: 'socket.io@3', label: 'Socket.IO 5 / Engine.IO 4' },
  { flavour: 'socket.io@4', label: 'Socket.IO 5 / Engine.IO 4' },
  { flavour: 'socket.io@4+allowEIO3', protocolVersion: 3, label: 'Socket.IO 4 / Engine.IO 3' },
];

const ENGINE_IO: Array<{ flavour: EngineIoFlavour; version: 3 | 4 }> = [
  { flavour: 'engine.io@3', version: 3 },
  { flavour: 'engine.io@6', version: 4 },
];

function bytesOf(e: LogEvent | undefined): number[] {
  return e?.payload?.kind === 'binary' ? [...e.payload.bytes] : [];
}

/** Transport-level checks shared by Engine.IO and Socket.IO sessions. */
async function checkTransport(session: Session, transports: Transport): Promise<void> {
  const open = ofType(session, 'eio-open')[0];
  assert.ok(open?.meta?.eio?.sid, 'the open packet is logged with its sid');
  assert.equal(session.info.sid, open.meta!.eio!.sid);
  if (transports === 'polling-then-websocket') {
    await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', 5000);
    const steps = ofType(session, 'upgrade-step').map((e) => e.meta!.eio!.step);
    assert.deepEqual(steps, ['probe', 'probe-ok', 'pause', 'paused', 'upgraded']);
    assert.equal(session.info.transport, 'websocket');
    assert.equal(session.log.get(open.parent!)?.type, 'poll-response', 'the open packet came in the handshake response');
  } else if (transports === 'websocket-only') {
    assert.equal(session.info.transport, 'websocket');
    assert.equal(ofType(session, 'poll-request').length, 0, 'no HTTP polling at all');
    assert.equal(session.log.get(open.parent!)?.type, 'message', 'the open packet came in the first WebSocket frame');
  } else {
    assert.equal(session.info.transport, 'polling');
    assert.equal(ofType(session, 'handshake-request').length, 0, 'no WebSocket at all');
  }
}

/** Heartbeats in the version's direction keep the session open over several intervals. */
async function checkHeartbeat(session: Session, engineVersion: 3 | 4): Promise<void> {
  const before = ofType(session, 'eio-ping').length;
  await new Promise((r) => setTimeout(r, HEARTBEAT_WINDOW_MS));
  assert.equal(session.info.state, 'open', 'still open after several heartbeat periods');
  const pings = ofType(session, 'eio-ping').filter((e) => !e.meta?.eio?.probe);
  const pongs = ofType(session, 'eio-pong').filter((e) => !e.meta?.eio?.probe);
  assert.ok(pings.length - before >= 2, `at least two pings in ${HEARTBEAT_WINDOW_MS} ms (saw ${pings.length - before})`);
  const pingDirection = engineVersion === 4 ? 'in' : 'out';
  assert.ok(pings.every((e) => e.direction === pingDirection), `v${engineVersion} pings go ${pingDirection}`);
  assert.ok(pongs.every((e) => e.direction !== pingDirection), 'pongs answer in the other direction');
  assert.ok(pongs.length >= pings.length - 1, 'every ping but the latest is answered');
}

describe('Socket.IO against real servers', function () {
  this.timeout(15000);
  let server: RealServer | undefined;
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await server?.close();
    server = undefined;
  });

  async function connect(flavour: SocketIoFlavour, options: Record<string, unknown>): Promise<Session> {
    server = await startSocketIoServer(flavour);
    const session = newSession({ kind: 'socketio', url: server.url, ...options });
    sessions.push(session);
    return session;
  }

  for (const { flavour, protocolVersion, label } of SOCKET_IO) {
    for (const transports of TRANSPORTS) {
      describe(`${flavour} × ${transports}`, () => {
        it('opens, joins / and receives a binary event with its attachment', async () => {
          const session = await connect(flavour, { transports, protocolVersion });
          assert.equal(await session.start(), 'open');
          await checkTransport(session, transports);
          await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in' && e.meta?.sio?.namespace === '/');
          const welcome = await waitForEvent(session, (e) => e.type === 'sio-binary-event' && e.direction === 'in');
          assert.equal(session.info.protocol, label);
          assert.equal(welcome.meta!.sio!.event, 'welcome');
          assert.equal(welcome.meta!.sio!.attachments, 1);
          const attachment = session.log.get(welcome.meta!.sio!.attachmentSeqs![0]);
          assert.deepEqual(bytesOf(attachment), [1, 2, 3]);
          assert.equal(ofType(session, 'sio-decode-error').length + ofType(session, 'eio-decode-error').length, 0);
        });

        it('emits with a binary argument and an ack; the reply is correlated', async () => {
          const session = await connect(flavour, { transports, protocolVersion });
          await session.start();
          await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in');
          const sent = session.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args: '["x",{"$binary":"CQoL"}]', ack: true });
          assert.ok(sent.ok, JSON.stringify(sent));
          assert.equal(session.log.get(sent.seq)!.type, 'sio-binary-event', 'a binary argument makes a BINARY_EVENT');
          const ack = await waitForEvent(session, (e) => (e.type === 'sio-binary-ack' || e.type === 'sio-ack') && e.direction === 'in');
          assert.equal(ack.type, 'sio-binary-ack', 'the server acks with the binary it got back');
          assert.equal(ack.meta!.sio!.ackOf, sent.seq);
          assert.ok((ack.meta!.durationMs ?? -1) >= 0);
          assert.deepEqual(bytesOf(session.log.get(ack.meta!.sio!.attachmentSeqs![0])), [9, 10, 11]);
        });

        it('joins /admin with the right auth and is refused with a wrong one', async () => {
          const session = await connect(flavour, {
            transports, protocolVersion,
            namespaces: [{ name: '/' }, { name: '/admin', auth: '{"token":"secret"}' }],
          });
          await session.start();
          await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in' && e.meta?.sio?.namespace === '/admin');
          await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'admin-welcome');
          assert.equal(session.info.namespaces?.find((n) => n.name === '/admin')?.state, 'connected');

          const refused = newSession({ kind: 'socketio', url: server!.url, transports, protocolVersion, namespaces: [{ name: '/' }, { name: '/admin', auth: '{"token":"wrong"}' }] });
          sessions.push(refused);
          await refused.start();
          const error = await waitForEvent(refused, (e) => e.type === 'sio-connect-error');
          assert.equal(error.meta!.error!.code, 'RI_NAMESPACE_REFUSED');
          assert.match(error.meta!.error!.message, /not authorized/);
          assert.equal(refused.info.namespaces?.find((n) => n.name === '/admin')?.state, 'refused');
          assert.equal(refused.info.state, 'open', 'a refused namespace does not end the session');
        });

        it('keeps the heartbeat over several intervals, then the server kicks us out', async () => {
          const session = await connect(flavour, { transports, protocolVersion });
          await session.start();
          await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in');
          await checkHeartbeat(session, label.endsWith('Engine.IO 3') ? 3 : 4);
          session.send({ kind: 'sio-emit', namespace: '/', event: 'kick', args: '[]', ack: false });
          await waitForEvent(session, (e) => e.type === 'sio-disconnect' && e.direction === 'in');
          await waitForState(session, 'closed', 5000);
          assert.equal(session.info.namespaces?.find((n) => n.name === '/')?.state, 'disconnected');
        });
      });
    }
  }

  for (const { flavour, protocolVersion } of SOCKET_IO) {
    it(`${flavour}: answers an ack the server asks for, with binary, and the server's callback gets it`, async () => {
      const session = await connect(flavour, { protocolVersion });
      await session.start();
      await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in');
      session.send({ kind: 'sio-emit', namespace: '/', event: 'ask-server-ack', args: '[]', ack: false });
      const question = await waitForEvent(session, (e) => e.meta?.sio?.event === 'please-ack');
      const id = question.meta!.sio!.ackId!;
      assert.equal(typeof id, 'number');
      const answer = session.send({ kind: 'sio-ack', namespace: '/', id, args: '["yes",{"$binary":"BQY="}]' });
      assert.ok(answer.ok, JSON.stringify(answer));
      assert.equal(session.log.get(answer.seq)!.type, 'sio-binary-ack');
      const report = await waitForEvent(session, (e) => e.meta?.sio?.event === 'server-got-ack');
      assert.equal(report.meta!.sio!.attachments, 1, 'the server got our binary back');
      assert.deepEqual(bytesOf(session.log.get(report.meta!.sio!.attachmentSeqs![0])), [5, 6]);
      const again = session.send({ kind: 'sio-ack', namespace: '/', id, args: '[]' });
      assert.equal(again.ok, false, 'an ack is answered once');
    });
  }

  it('socket.io@4 without allowEIO3 refuses protocol v3, and says what to change', async () => {
    const session = await connect('socket.io@4', { protocolVersion: 3 });
    assert.equal(await session.start(), 'closed');
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_SERVER_REFUSED');
    assert.match(error.meta!.error!.message, /protocol version/);
    assert.match(error.meta!.error!.hint!, /v4/);
  });

  it('socket.io@2 is detected with protocol "auto" and refused with an explicit v4', async () => {
    const auto = await connect('socket.io@2', {});
    await auto.start();
    assert.match(ofType(auto, 'version-detected')[0].meta!.note!, /Socket\.IO 2/);
    const explicit = newSession({ kind: 'socketio', url: server!.url, protocolVersion: 4 });
    sessions.push(explicit);
    assert.equal(await explicit.start(), 'closed');
    assert.equal(ofType(explicit, 'error')[0].meta!.error!.code, 'RI_PROTOCOL_MISMATCH');
  });

  it('a client close ends the session cleanly on every transport', async () => {
    server = await startSocketIoServer('socket.io@4');
    for (const transports of TRANSPORTS) {
      const session = newSession({ kind: 'socketio', url: server.url, transports });
      sessions.push(session);
      await session.start();
      await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in');
      await session.close();
      assert.equal(session.info.state, 'closed');
      assert.equal(ofType(session, 'closed').length, 1);
      assert.equal(ofType(session, 'error').length, 0, `no error on a clean close (${transports}): ${events(session).filter((e) => e.type === 'error').map((e) => e.meta?.error?.message).join('; ')}`);
    }
  });
});

describe('Engine.IO against real servers', function () {
  this.timeout(15000);
  let server: RealServer | undefined;
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await server?.close();
    server = undefined;
  });

  for (const { flavour, version } of ENGINE_IO) {
    for (const transports of TRANSPORTS) {
      it(`${flavour} × ${transports}: open, messages both ways, heartbeat, server close`, async () => {
        server = await startEngineIoServer(flavour);
        const session = newSession({ kind: 'engineio', url: server.url, transports, protocolVersion: transports === 'websocket-only' ? version : 'auto' });
        sessions.push(session);
        assert.equal(await session.start(), 'open');
        await checkTransport(session, transports);
        assert.equal(session.info.protocol, `Engine.IO ${version}`);
        const hello = await waitForEvent(session, (e) => e.type === 'eio-message' && e.direction === 'in');
        assert.equal(hello.payload?.kind === 'text' ? hello.payload.text : undefined, 'hello');

        assert.ok(session.send({ kind: 'text', text: 'text echo' }).ok);
        await waitForEvent(session, (e) => e.type === 'eio-message' && e.direction === 'in' && e.payload?.kind === 'text' && e.payload.text === 'text echo');
        assert.ok(session.send({ kind: 'binary', encoding: 'hex', data: '00 ff 10' }).ok);
        const bin = await waitForEvent(session, (e) => e.type === 'eio-message' && e.direction === 'in' && e.payload?.kind === 'binary');
        assert.deepEqual(bytesOf(bin), [0, 255, 16]);

        await checkHeartbeat(session, version);
        assert.ok(session.send({ kind: 'text', text: 'bye' }).ok);
        await waitForState(session, 'closed', 5000);
      });
    }
  }
});
