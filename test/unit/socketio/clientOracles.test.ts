/**
 * The reference clients as oracles: against the same real v4 server and the same script,
 * `engine.io-client` 6.6.8 and `socket.io-client` 4.8.4 must see what our engines log.
 */
import assert from 'node:assert/strict';
import { Socket as EioClient } from 'engine.io-client';
import { io as ioClient } from 'socket.io-client';
import type { LogEvent } from '../../../src/core/events/logEvent';
import type { Session } from '../../../src/core/session/session';
import { startEngineIoServer, startSocketIoServer, type RealServer } from '../../fixtures/servers/realtimeServers';
import { newSession, waitForEvent, waitForState } from '../core/sessionHarness';

type Seen = { direction: 'in' | 'out'; type: string; data: string };

/** Packets that depend on timing (heartbeats, noops, probes) are left out of the comparison. */
const TIMING_TYPES = new Set(['ping', 'pong', 'noop', 'upgrade']);

function text(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data === undefined) return '';
  return `bytes:${Buffer.from(data as Uint8Array).toString('hex')}`;
}

function ours(session: Session): Seen[] {
  return session.log.page(1, session.log.count)
    .filter((e: LogEvent) => e.layer === 'eio' && e.type.startsWith('eio-') && e.type !== 'eio-decode-error')
    .map((e) => ({ direction: e.direction as 'in' | 'out', type: e.meta!.eio!.packetType!, data: e.payload?.kind === 'binary' ? text(e.payload.bytes) : e.payload?.kind === 'text' ? e.payload.text : '' }))
    .filter((p) => !TIMING_TYPES.has(p.type));
}

describe('reference clients as oracles', function () {
  this.timeout(15000);
  let server: RealServer | undefined;
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await server?.close();
    server = undefined;
  });

  it('engine.io-client and our Engine.IO engine see the same packets (polling first, upgrade, messages, server close)', async () => {
    server = await startEngineIoServer('engine.io@6');

    // The oracle.
    const oracleSeen: Seen[] = [];
    const oracle = new EioClient(server.url, { transports: ['polling', 'websocket'] });
    oracle.on('packet', (p: { type: string; data?: unknown }) => oracleSeen.push({ direction: 'in', type: p.type, data: p.type === 'open' ? '' : text(p.data) }));
    oracle.on('packetCreate', (p: { type: string; data?: unknown }) => oracleSeen.push({ direction: 'out', type: p.type, data: text(p.data) }));
    await new Promise<void>((resolve) => oracle.once('upgrade', () => resolve()));
    const oracleClosed = new Promise<string>((resolve) => oracle.once('close', (reason: string) => resolve(reason)));
    oracle.send('one');
    oracle.send(new Uint8Array([1, 2]));
    await new Promise((r) => setTimeout(r, 200));
    oracle.send('bye');
    assert.equal(await oracleClosed, 'transport close');

    // Ours, the same script.
    const session = newSession({ kind: 'engineio', url: server.url, transports: 'polling-then-websocket' });
    sessions.push(session);
    await session.start();
    await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded');
    session.send({ kind: 'text', text: 'one' });
    session.send({ kind: 'binary', encoding: 'hex', data: '0102' });
    await new Promise((r) => setTimeout(r, 200));
    session.send({ kind: 'text', text: 'bye' });
    await waitForState(session, 'closed');

    const strip = (seen: Seen[]) => seen.map((p) => (p.type === 'open' ? { ...p, data: '' } : p));
    const per = (seen: Seen[], direction: 'in' | 'out') => strip(seen).filter((p) => p.direction === direction);
    assert.deepEqual(per(ours(session), 'in'), per(oracleSeen, 'in').filter((p) => !TIMING_TYPES.has(p.type)), 'incoming packets');
    assert.deepEqual(per(ours(session), 'out'), per(oracleSeen, 'out').filter((p) => !TIMING_TYPES.has(p.type)), 'outgoing packets');
    assert.deepEqual(per(ours(session), 'in').map((p) => p.data), ['', 'hello', 'one', 'bytes:0102']);
  });

  it('socket.io-client and our Socket.IO engine see the same events, arguments and ack replies', async () => {
    server = await startSocketIoServer('socket.io@4');

    // The oracle.
    const client = ioClient(server.url, { transports: ['polling', 'websocket'], forceNew: true });
    const oracleWelcome = await new Promise<unknown[]>((resolve) => client.once('welcome', (...args: unknown[]) => resolve(args)));
    const oracleAck = await new Promise<unknown[]>((resolve) => client.emit('echo', 'x', { deep: [new Uint8Array([7, 8])] }, (...args: unknown[]) => resolve(args)));
    client.close();

    // Ours.
    const session = newSession({ kind: 'socketio', url: server.url });
    sessions.push(session);
    await session.start();
    const welcome = await waitForEvent(session, (e) => e.type === 'sio-binary-event' && e.meta?.sio?.event === 'welcome');
    const sent = session.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args: '["x",{"deep":[{"$binary":"Bwg="}]}]', ack: true });
    assert.ok(sent.ok);
    const ack = await waitForEvent(session, (e) => e.meta?.sio?.ackOf === sent.seq);

    /** Arguments as the application sees them: placeholders replaced by their attachments. */
    const argsOf = (e: LogEvent): unknown[] => {
      const data = JSON.parse(e.payload?.kind === 'text' ? e.payload.text : 'null') as unknown[];
      const attachments = (e.meta!.sio!.attachmentSeqs ?? []).map((seq) => {
        const p = session.log.get(seq)!.payload!;
        return p.kind === 'binary' ? Buffer.from(p.bytes) : Buffer.alloc(0);
      });
      const fill = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(fill);
        if (v && typeof v === 'object') {
          const o = v as { _placeholder?: boolean; num?: number };
          if (o._placeholder) return attachments[o.num!];
          return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
        }
        return v;
      };
      return fill(data) as unknown[];
    };
    assert.deepEqual(argsOf(welcome).slice(1), oracleWelcome, 'welcome arguments');
    assert.deepEqual(argsOf(ack), oracleAck, 'ack reply');
  });
});
