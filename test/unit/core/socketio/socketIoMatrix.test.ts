/**
 * Our Socket.IO engine against real Socket.IO servers — 2.5.1 (protocol v4 / Engine.IO 3), 3.1.2 and
 * 4.8.4 (v5 / Engine.IO 4), and 4.8.4 with allowEIO3 spoken to in v3 — on every transport policy:
 * open and sid, the upgrade, joining "/", the server's binary `welcome` with its attachment, emits
 * with a binary argument and an ack, `/admin` with right and wrong auth, a server emit that asks for
 * an ack, the heartbeat over several periods, and closes from either side.
 */
import assert from 'node:assert/strict';
import type { TransportPolicy } from '../../../../src/core/connection/engineIoOptions';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import type { Session } from '../../../../src/core/session/session';
import {
  startSocketIoServer,
  type SocketIoServerKind,
  type SocketIoTestServer,
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

interface Config {
  server: SocketIoServerKind;
  protocolVersion: 'auto' | 3;
  /** info.protocol once open. */
  label: string;
  engineVersion: 3 | 4;
}

const CONFIGS: Config[] = [
  { server: 'socket.io@2.5.1', protocolVersion: 'auto', label: 'Socket.IO 4 / Engine.IO 3', engineVersion: 3 },
  { server: 'socket.io@3.1.2', protocolVersion: 'auto', label: 'Socket.IO 5 / Engine.IO 4', engineVersion: 4 },
  { server: 'socket.io@4.8.4', protocolVersion: 'auto', label: 'Socket.IO 5 / Engine.IO 4', engineVersion: 4 },
  { server: 'socket.io@4.8.4+allowEIO3', protocolVersion: 3, label: 'Socket.IO 4 / Engine.IO 3', engineVersion: 3 },
];

const joined = (ns: string) => (e: LogEvent) =>
  e.type === 'sio-connect' && e.direction === 'in' && e.meta?.sio?.namespace === ns;

describe('Socket.IO server matrix (real servers)', function () {
  this.timeout(20000);
  let server: SocketIoTestServer | undefined;
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await server?.close();
    server = undefined;
  });

  async function connect(
    config: Config,
    transports: TransportPolicy,
    namespaces?: Array<{ name: string; auth?: string }>,
  ): Promise<Session> {
    server ??= await startSocketIoServer(config.server);
    const session = newSession({
      kind: 'socketio',
      url: server.url,
      transports,
      protocolVersion: config.protocolVersion,
      namespaces,
    });
    sessions.push(session);
    assert.equal(await session.start(), 'open', errorsOf(session).join('; '));
    await waitForEvent(session, joined('/'), DEADLINE_MS);
    return session;
  }

  for (const config of CONFIGS) {
    const name = `${config.server}${config.protocolVersion === 3 ? ' (protocol v3)' : ''}`;
    for (const transports of TRANSPORT_POLICIES) {
      describe(`${name} × ${transports}`, () => {
        it('opens and joins "/": sid in info and in eio-open, transport footprint, protocol', async () => {
          const session = await connect(config, transports);
          await checkTransportFootprint(session, transports);
          assert.equal(session.info.protocol, config.label);
          const root = session.info.namespaces?.find((n) => n.name === '/');
          assert.equal(root?.state, 'connected');
          if (config.engineVersion === 4)
            assert.ok(root?.sid && root.sid !== session.info.sid, 'v5: the Socket.IO id is not the Engine.IO sid');
          if (config.server === 'socket.io@2.5.1') {
            const detected = ofType(session, 'version-detected');
            assert.equal(detected.length, 1, 'Socket.IO 2 found by "auto"');
            assert.match(detected[0].meta?.note ?? '', /Socket\.IO 2/);
          }
          await until(() => server!.seen.connections.includes('/'), 'the server to see "/" joined');
        });

        it('receives `welcome` as a sio-binary-event with its attachment 01 02 03', async () => {
          const session = await connect(config, transports);
          const welcome = await waitForEvent(
            session,
            (e) => e.direction === 'in' && e.meta?.sio?.event === 'welcome',
            DEADLINE_MS,
          );
          assert.equal(welcome.type, 'sio-binary-event');
          assert.equal(welcome.meta?.sio?.attachments, 1);
          assert.deepEqual(JSON.parse(textOf(welcome)!), ['welcome', 'hi', { n: 1 }, { _placeholder: true, num: 0 }]);
          const seqs = welcome.meta?.sio?.attachmentSeqs ?? [];
          assert.equal(seqs.length, 1);
          assert.match(welcome.meta?.note ?? '', new RegExp(`#${seqs[0]}\\b`), 'the note names the attachment event');
          const attachment = session.log.get(seqs[0]);
          assert.equal(attachment?.type, 'eio-message');
          assert.equal(attachment?.direction, 'in');
          assert.deepEqual(bytesOf(attachment), [1, 2, 3]);
          // The attachment is the binary message right after the BINARY_EVENT's own message.
          const carrier = session.log.get(welcome.parent!);
          assert.equal(carrier?.type, 'eio-message');
          const binaryAfter = ofType(session, 'eio-message', 'in').find(
            (e) => e.seq > carrier!.seq && e.payload?.kind === 'binary',
          );
          assert.equal(binaryAfter?.seq, seqs[0]);
          assert.deepEqual(errorsOf(session), []);
        });

        it(
          'emits `echo` with an ack: ' + 'text → sio-ack, binary → sio-binary-ack, each with ackOf and durationMs',
          async () => {
            const session = await connect(config, transports);
            const plain = session.send({
              kind: 'sio-emit',
              namespace: '/',
              event: 'echo',
              args: '["plain",{"k":[1,2]}]',
              ack: true,
            });
            assert.ok(plain.ok, JSON.stringify(plain));
            assert.equal(session.log.get(plain.seq)?.type, 'sio-event');
            const binary = session.send({
              kind: 'sio-emit',
              namespace: '/',
              event: 'echo',
              args: '["x",{"deep":{"$binary":"AQID"}}]',
              ack: true,
            });
            assert.ok(binary.ok, JSON.stringify(binary));
            assert.equal(
              session.log.get(binary.seq)?.type,
              'sio-binary-event',
              'a binary argument makes a BINARY_EVENT',
            );

            const plainAck = await waitForEvent(
              session,
              (e) => e.direction === 'in' && e.meta?.sio?.ackOf === plain.seq,
              DEADLINE_MS,
            );
            assert.equal(plainAck.type, 'sio-ack');
            assert.deepEqual(JSON.parse(textOf(plainAck)!), ['plain', { k: [1, 2] }]);
            assert.ok(typeof plainAck.meta?.durationMs === 'number' && plainAck.meta.durationMs >= 0);

            const binaryAck = await waitForEvent(
              session,
              (e) => e.direction === 'in' && e.meta?.sio?.ackOf === binary.seq,
              DEADLINE_MS,
            );
            assert.equal(binaryAck.type, 'sio-binary-ack', 'the server acks with the binary it got');
            assert.ok(typeof binaryAck.meta?.durationMs === 'number' && binaryAck.meta.durationMs >= 0);
            assert.deepEqual(bytesOf(session.log.get(binaryAck.meta!.sio!.attachmentSeqs![0])), [1, 2, 3]);

            await until(() => server!.seen.echoes.length === 2, 'the server to get both emits');
            assert.deepEqual(server!.seen.echoes[0], ['plain', { k: [1, 2] }]);
            assert.equal(server!.seen.echoes[1][0], 'x');
            assert.deepEqual(
              [...(server!.seen.echoes[1][1] as { deep: Buffer }).deep],
              [1, 2, 3],
              'the server got the bytes as a Buffer',
            );
            assert.deepEqual(errorsOf(session), []);
          },
        );

        it(
          'joins /admin with auth {"token":"secret"}; ' + 'a wrong token gives sio-connect-error RI_NAMESPACE_REFUSED',
          async () => {
            const session = await connect(config, transports, [
              { name: '/' },
              { name: '/admin', auth: '{"token":"secret"}' },
            ]);
            await waitForEvent(session, joined('/admin'), DEADLINE_MS);
            await waitForEvent(
              session,
              (e) => e.meta?.sio?.event === 'admin-welcome' && e.meta.sio.namespace === '/admin',
              DEADLINE_MS,
            );
            assert.equal(session.info.namespaces?.find((n) => n.name === '/admin')?.state, 'connected');

            const refused = await connect(config, transports, [
              { name: '/' },
              { name: '/admin', auth: '{"token":"wrong"}' },
            ]);
            const error = await waitForEvent(refused, (e) => e.type === 'sio-connect-error', DEADLINE_MS);
            assert.equal(error.meta?.sio?.namespace, '/admin');
            assert.equal(error.meta?.error?.code, 'RI_NAMESPACE_REFUSED');
            assert.match(error.meta?.error?.message ?? '', /not authorized/);
            assert.equal(refused.info.namespaces?.find((n) => n.name === '/admin')?.state, 'refused');
            assert.equal(refused.info.state, 'open', 'a refused namespace does not end the session');
            assert.deepEqual(
              server!.seen.connections.filter((n) => n === '/admin'),
              ['/admin'],
              'only the right token got in',
            );
          },
        );

        it('a server emit that asks for an ack is logged with its ack id', async () => {
          const session = await connect(config, transports);
          assert.ok(
            session.send({ kind: 'sio-emit', namespace: '/', event: 'ask-server-ack', args: '[]', ack: false }).ok,
          );
          const asked = await waitForEvent(
            session,
            (e) => e.direction === 'in' && e.meta?.sio?.event === 'please-ack',
            DEADLINE_MS,
          );
          assert.equal(asked.type, 'sio-event');
          assert.equal(typeof asked.meta?.sio?.ackId, 'number');
          assert.match(asked.meta?.note ?? '', /asks for an ack/);
          assert.deepEqual(JSON.parse(textOf(asked)!), ['please-ack', 'answer me']);
        });

        it(`keeps the heartbeat over several periods (Engine.IO v${config.engineVersion})`, async () => {
          const session = await connect(config, transports);
          await checkHeartbeat(session, config.engineVersion);
          assert.equal(session.info.namespaces?.find((n) => n.name === '/')?.state, 'connected');
        });

        it('`kick` (server disconnect(true)) ends the session with sio-disconnect and closed', async () => {
          const session = await connect(config, transports);
          if (transports === 'polling-then-websocket')
            await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', DEADLINE_MS);
          assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'kick', args: '[]', ack: false }).ok);
          const disconnect = await waitForEvent(
            session,
            (e) => e.type === 'sio-disconnect' && e.direction === 'in',
            DEADLINE_MS,
          );
          assert.equal(disconnect.meta?.sio?.namespace, '/');
          await waitClosed(session);
          assert.equal(ofType(session, 'closed').filter((e) => e.layer === 'eio').length, 1);
          assert.equal(session.info.namespaces?.find((n) => n.name === '/')?.state, 'disconnected');
          assert.deepEqual(errorsOf(session), [], 'a server disconnect is not an error');
        });

        it('client close() ends the session cleanly and the server sees the client leave', async () => {
          const session = await connect(config, transports);
          if (transports === 'polling-then-websocket')
            await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', DEADLINE_MS);
          await checkClientClose(session);
          assert.equal(session.info.namespaces?.find((n) => n.name === '/')?.state, 'disconnected');
          await until(() => server!.seen.disconnects.length === 1, 'the server to see the client leave');
        });
      });
    }
  }
});
