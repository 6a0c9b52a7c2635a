/**
 * The reference clients as oracles: `engine.io-client` 6.6.8 and `socket.io-client` 4.8.4 run a script
 * against a real v4 server (engine.io 6.6.12 / socket.io 4.8.4), then our engine runs the same script
 * against the same server. Both record the Engine.IO packets they see (oracle: the engine's
 * `packet`/`packetCreate` events; ours: the eio-* events in/out), and must agree on
 * - the sequence of (direction, type, data) of message packets, per direction, and
 * - the set of (direction, packet type) overall,
 * leaving out what depends on timing (how many heartbeats, noops during the upgrade) and the probe and
 * upgrade packets, which engine.io-client writes straight onto the probe transport without events.
 * The server's own record of what each client sent must be the same too.
 */
import assert from 'node:assert/strict';
import { Socket as EioClient } from 'engine.io-client';
import { Manager, type Socket as SioClientSocket } from 'socket.io-client';
import type { Session } from '../../../../src/core/session/session';
import {
  startEngineIoServer,
  startSocketIoServer,
  type EngineIoTestServer,
  type SocketIoTestServer,
} from '../../../fixtures/servers/socketIoServers';
import { events, newSession, waitForEvent } from '../../support/sessions';
import { DEADLINE_MS, errorsOf, until, waitClosed } from './serverMatrixHelpers';

interface Seen {
  direction: 'in' | 'out';
  type: string;
  data: string;
}

/** Engine.IO packet types whose number depends on timing, not on the script. */
const TIMING_TYPES = new Set(['noop']);
/** Written by engine.io-client below its packet events (on the probe transport). */
const PROBE_TYPES = new Set(['upgrade']);

function dataText(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return `bytes:${Buffer.from(data).toString('hex')}`;
  if (ArrayBuffer.isView(data))
    return `bytes:${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex')}`;
  return `?${String(data)}`;
}

/**
 * Ids the server chose differ between runs: the open packet, Socket.IO ids in CONNECT replies, and
 * the ack ids of server emits (socket.io counts them per namespace, across clients).
 */
function normalise(p: Seen): Seen {
  if (p.type === 'open') return { ...p, data: '<open>' };
  let data = p.data.replace(/"sid":"[^"]*"/g, '"sid":"<sid>"');
  if (p.direction === 'in') data = data.replace(/^(2|5\d+-)(\/[^,]*,)?\d+\[/, '$1$2<ackId>[');
  return { ...p, data };
}

function comparable(seen: Seen[]): Seen[] {
  return seen.map(normalise).filter((p) => !TIMING_TYPES.has(p.type) && !PROBE_TYPES.has(p.type) && p.data !== 'probe');
}

/** Records what an engine.io-client Socket sees. */
function recordOracle(engine: { on(event: string, fn: (p: { type: string; data?: unknown }) => void): void }): Seen[] {
  const seen: Seen[] = [];
  engine.on('packet', (p) => seen.push({ direction: 'in', type: p.type, data: dataText(p.data) }));
  engine.on('packetCreate', (p) => seen.push({ direction: 'out', type: p.type, data: dataText(p.data) }));
  return seen;
}

/** Our session's Engine.IO packets, in the same shape. */
function recordOurs(session: Session): Seen[] {
  return events(session)
    .filter(
      (e) =>
        e.layer === 'eio' &&
        e.type.startsWith('eio-') &&
        e.meta?.eio?.packetType &&
        (e.direction === 'in' || e.direction === 'out'),
    )
    .map((e) => ({
      direction: e.direction as 'in' | 'out',
      type: e.meta!.eio!.packetType!,
      data: e.payload?.kind === 'binary' ? dataText(e.payload.bytes) : e.payload?.kind === 'text' ? e.payload.text : '',
    }));
}

function compare(ours: Seen[], oracle: Seen[]): void {
  const a = comparable(ours);
  const b = comparable(oracle);
  for (const direction of ['in', 'out'] as const) {
    const messages = (seen: Seen[]) => seen.filter((p) => p.direction === direction && p.type === 'message');
    assert.deepEqual(messages(a), messages(b), `message packets ${direction}`);
  }
  const types = (seen: Seen[]) => [...new Set(seen.map((p) => `${p.direction} ${p.type}`))].sort();
  assert.deepEqual(types(a), types(b), 'the same packet types in each direction');
  assert.equal(a.filter((p) => p.type === 'open').length, 1, 'one open packet');
}

async function oracleUntil(seen: Seen[], predicate: (p: Seen) => boolean, what: string): Promise<void> {
  await until(() => seen.some(predicate), `the oracle to see ${what}; saw ${JSON.stringify(seen.slice(-10))}`);
}

describe('reference clients as oracles (real v4 servers)', function () {
  this.timeout(20000);
  let eioServer: EngineIoTestServer | undefined;
  let sioServer: SocketIoTestServer | undefined;
  const sessions: Session[] = [];
  const cleanups: Array<() => void> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    for (const s of sessions.splice(0)) s.dispose();
    await eioServer?.close();
    await sioServer?.close();
    eioServer = undefined;
    sioServer = undefined;
  });

  it(
    'engine.io-client 6.6.8 and our Engine.IO engine: ' +
      'polling first, upgrade, heartbeat, text + binary echoes, server close',
    async () => {
      eioServer = await startEngineIoServer('engine.io@6.6.12');

      // The oracle.
      const oracle = new EioClient(eioServer.url, { transports: ['polling', 'websocket'] });
      cleanups.push(() => oracle.close());
      const oracleSeen = recordOracle(oracle as never);
      const oracleClosed = new Promise<string>((resolve) => oracle.once('close', (reason: string) => resolve(reason)));
      await new Promise<void>((resolve) => oracle.once('upgrade', () => resolve()));
      await oracleUntil(oracleSeen, (p) => p.direction === 'out' && p.type === 'pong', 'a heartbeat');
      oracle.send('one');
      await oracleUntil(oracleSeen, (p) => p.direction === 'in' && p.data === 'one', 'the text echo');
      oracle.send(new Uint8Array([1, 2, 0xff]));
      await oracleUntil(oracleSeen, (p) => p.direction === 'in' && p.data === 'bytes:0102ff', 'the binary echo');
      oracle.send('bye');
      assert.equal(await oracleClosed, 'transport close');

      // Ours: the same script.
      const session = newSession({ kind: 'engineio', url: eioServer.url, transports: 'polling-then-websocket' });
      sessions.push(session);
      assert.equal(await session.start(), 'open');
      await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', DEADLINE_MS);
      await waitForEvent(
        session,
        (e) => e.type === 'eio-pong' && e.direction === 'out' && !e.meta?.eio?.probe,
        DEADLINE_MS,
      );
      assert.ok(session.send({ kind: 'text', text: 'one' }).ok);
      await waitForEvent(
        session,
        (e) =>
          e.type === 'eio-message' && e.direction === 'in' && e.payload?.kind === 'text' && e.payload.text === 'one',
        DEADLINE_MS,
      );
      assert.ok(session.send({ kind: 'binary', encoding: 'hex', data: '01 02 ff' }).ok);
      await waitForEvent(
        session,
        (e) => e.type === 'eio-message' && e.direction === 'in' && e.payload?.kind === 'binary',
        DEADLINE_MS,
      );
      assert.ok(session.send({ kind: 'text', text: 'bye' }).ok);
      await waitClosed(session);

      compare(recordOurs(session), oracleSeen);
      assert.deepEqual(
        comparable(recordOurs(session))
          .filter((p) => p.type === 'message')
          .map((p) => `${p.direction} ${p.data}`),
        ['in hello', 'out one', 'in one', 'out bytes:0102ff', 'in bytes:0102ff', 'out bye'],
        'the script as expected',
      );
      assert.deepEqual(
        eioServer.seen.messages.slice(0, 3),
        eioServer.seen.messages.slice(3),
        'the server got the same from both',
      );
      assert.deepEqual(errorsOf(session), []);
    },
  );

  it(
    'socket.io-client 4.8.4 and our Socket.IO engine: ' +
      'join, welcome, server ack request, two echoes with acks, leave',
    async () => {
      sioServer = await startSocketIoServer('socket.io@4.8.4');

      // The oracle. The engine exists once the manager opens; record from its first packet.
      const manager = new Manager(sioServer.url, {
        transports: ['polling', 'websocket'],
        autoConnect: false,
        reconnection: false,
      });
      manager.open();
      const engine = manager.engine;
      cleanups.push(() => engine.close());
      const oracleSeen = recordOracle(engine as never);
      const upgraded = new Promise<void>((resolve) => engine.once('upgrade', () => resolve()));
      const socket: SioClientSocket = manager.socket('/');
      const welcome = new Promise<unknown[]>((resolve) =>
        socket.once('welcome', (...args: unknown[]) => resolve(args)),
      );
      socket.connect();
      await upgraded;
      const welcomeArgs = await welcome;
      await oracleUntil(oracleSeen, (p) => p.direction === 'out' && p.type === 'pong', 'a heartbeat');
      socket.emit('ask-server-ack');
      await oracleUntil(oracleSeen, (p) => p.direction === 'in' && p.data.includes('please-ack'), 'please-ack');
      const plainAck = await new Promise<unknown[]>((resolve) =>
        socket.emit('echo', 'plain', { k: [1, 2] }, (...args: unknown[]) => resolve(args)),
      );
      const binaryAck = await new Promise<unknown[]>((resolve) =>
        socket.emit('echo', 'x', { deep: new Uint8Array([1, 2, 3]) }, (...args: unknown[]) => resolve(args)),
      );
      socket.disconnect();
      await until(() => engine.readyState === 'closed', 'the oracle engine to close');
      assert.deepEqual(welcomeArgs, ['hi', { n: 1 }, Buffer.from([1, 2, 3])]);
      assert.deepEqual(plainAck, ['plain', { k: [1, 2] }]);
      assert.deepEqual(binaryAck, ['x', { deep: Buffer.from([1, 2, 3]) }]);

      // Ours: the same script.
      const session = newSession({ kind: 'socketio', url: sioServer.url, transports: 'polling-then-websocket' });
      sessions.push(session);
      assert.equal(await session.start(), 'open');
      await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', DEADLINE_MS);
      await waitForEvent(session, (e) => e.meta?.sio?.event === 'welcome' && e.direction === 'in', DEADLINE_MS);
      await waitForEvent(
        session,
        (e) => e.type === 'eio-pong' && e.direction === 'out' && !e.meta?.eio?.probe,
        DEADLINE_MS,
      );
      assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'ask-server-ack', args: '[]', ack: false }).ok);
      await waitForEvent(session, (e) => e.meta?.sio?.event === 'please-ack', DEADLINE_MS);
      const plain = session.send({
        kind: 'sio-emit',
        namespace: '/',
        event: 'echo',
        args: '["plain",{"k":[1,2]}]',
        ack: true,
      });
      assert.ok(plain.ok);
      await waitForEvent(session, (e) => e.meta?.sio?.ackOf === plain.seq, DEADLINE_MS);
      const binary = session.send({
        kind: 'sio-emit',
        namespace: '/',
        event: 'echo',
        args: '["x",{"deep":{"$binary":"AQID"}}]',
        ack: true,
      });
      assert.ok(binary.ok);
      await waitForEvent(session, (e) => e.meta?.sio?.ackOf === binary.seq, DEADLINE_MS);
      assert.ok(session.send({ kind: 'sio-disconnect', namespace: '/' }).ok);
      await session.close();
      await until(() => sioServer!.seen.disconnects.length === 2, 'the server to see both clients leave');

      compare(recordOurs(session), oracleSeen);
      assert.deepEqual(
        comparable(recordOurs(session))
          .filter((p) => p.type === 'message')
          .map((p) => `${p.direction} ${p.data}`),
        [
          'out 0',
          'in 0{"sid":"<sid>"}',
          'in 51-["welcome","hi",{"n":1},{"_placeholder":true,"num":0}]',
          'in bytes:010203',
          'out 2["ask-server-ack"]',
          'in 2<ackId>["please-ack","answer me"]',
          'out 20["echo","plain",{"k":[1,2]}]',
          'in 30["plain",{"k":[1,2]}]',
          'out 51-1["echo","x",{"deep":{"_placeholder":true,"num":0}}]',
          'out bytes:010203',
          'in 61-1["x",{"deep":{"_placeholder":true,"num":0}}]',
          'in bytes:010203',
          'out 1',
        ],
        'the script as expected',
      );
      assert.deepEqual(
        sioServer.seen.echoes.slice(0, 2),
        sioServer.seen.echoes.slice(2),
        'the server got the same arguments from both',
      );
      assert.deepEqual(
        sioServer.seen.disconnects,
        ['client namespace disconnect', 'client namespace disconnect'],
        'both left "/" the same way',
      );
      assert.deepEqual(errorsOf(session), []);
    },
  );
});
