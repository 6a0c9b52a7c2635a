/**
 * Issue 12, limits as settings, on the WebSocket engine: a server that splits one message into fragments
 * forever, a server that stops reading while we send, a message over the size cap. Each hit is one error row
 * that names its setting; what came before stays in the log; the process goes on (a fresh session to a normal
 * server works afterwards). Real servers on 127.0.0.1 port 0; hand-made frames where a real server would not.
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Session } from '../../../../src/core/session/session';
import { serverFrame, startRawTcpServer, switchingProtocols } from '../../../fixtures/servers/rawTcpServer';
import { startWsServer } from '../../../fixtures/servers/wsServer';
import { eventually, newSession, ofType, payloadText, waitForEvent } from '../../support/sessions';

const TEXT = 0x1;
const CONTINUATION = 0x0;

describe('WebSocket limits as settings (issue 12)', function () {
  this.timeout(20000);
  const sessions: Session[] = [];
  const closers: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const close of closers.splice(0)) await close();
  });

  function session(options: Record<string, unknown>): Session {
    const s = newSession(options);
    sessions.push(s);
    return s;
  }

  /** A 101, one whole message, then one message in 1-byte fragments until the socket ends. */
  async function fragmentFlood(): Promise<{ url: string; written: () => number }> {
    let written = 0;
    const server = await startRawTcpServer((socket: Socket, head) => {
      socket.write(Buffer.concat([Buffer.from(switchingProtocols(head), 'latin1'), serverFrame(TEXT, 'before')]));
      socket.write(serverFrame(TEXT, 'a', { fin: false }));
      const batch = Buffer.concat(Array.from({ length: 1000 }, () => serverFrame(CONTINUATION, 'b', { fin: false })));
      const pump = (): void => {
        // Hostile: ignores our close frame and writes on until the socket is gone.
        while (!socket.destroyed && socket.writable) {
          written += 1000;
          if (!socket.write(batch)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    closers.push(() => server.close());
    return { url: server.url, written: () => written };
  }

  it('a message in endless 1-byte fragments: one row naming the setting, 1009, what came before kept', async () => {
    const flood = await fragmentFlood();
    const s = session({ url: flood.url, maxFragmentsPerMessage: 100 });
    await s.start();
    const closed = await waitForEvent(s, (e) => e.type === 'closed', 15000);
    const errors = ofType(s, 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors.map((e) => e.meta?.error)));
    const error = errors[0].meta!.error!;
    assert.equal(error.code, 'RI_TOO_MANY_FRAGMENTS');
    assert.match(error.message, /more than 100 frames/);
    assert.match(error.message, /realtimeInspector\.maxFragmentsPerMessage/, 'the row names the setting');
    assert.match(error.hint ?? '', /Raise the setting realtimeInspector\.maxFragmentsPerMessage/);
    const out = ofType(s, 'close-frame', 'out');
    assert.equal(out.length, 1);
    assert.equal(out[0].meta!.close!.sentCode, 1009);
    const messages = ofType(s, 'message', 'in');
    assert.deepEqual(messages.map(payloadText), ['before'], 'the whole message before is kept, the flood is not');
    assert.ok(errors[0].seq > messages[0].seq && closed.seq > errors[0].seq, 'in order: before, error, closed');
    assert.match(closed.meta?.note ?? '', /1009 "Too many fragments"/);
    assert.ok(flood.written() > 1000, `the server went on writing (${flood.written()} fragments)`);
    // The process goes on: a new session to a well-behaved server works.
    const ws = await startWsServer();
    closers.push(() => ws.close());
    const next = session({ url: `${ws.url}/echo` });
    assert.equal(await next.start(), 'open');
    assert.ok(next.send({ kind: 'text', text: 'still here' }).ok);
    await waitForEvent(next, (e) => e.type === 'message' && e.direction === 'in');
  });

  it('a message in exactly maxFragmentsPerMessage frames is accepted, and so is the next', async () => {
    const server = await startRawTcpServer((socket, head) => {
      const fragments = [serverFrame(TEXT, 'x', { fin: false })];
      for (let i = 1; i < 49; i++) fragments.push(serverFrame(CONTINUATION, 'x', { fin: false }));
      fragments.push(serverFrame(CONTINUATION, 'x'));
      socket.write(Buffer.concat([Buffer.from(switchingProtocols(head), 'latin1'), ...fragments]));
      socket.write(serverFrame(TEXT, 'after'));
    });
    closers.push(() => server.close());
    const s = session({ url: server.url, maxFragmentsPerMessage: 50 });
    await s.start();
    await eventually(() => ofType(s, 'message', 'in').length === 2, 'both messages delivered');
    assert.deepEqual(ofType(s, 'message', 'in').map(payloadText), ['x'.repeat(50), 'after']);
    assert.equal(ofType(s, 'message', 'in')[0].meta?.frame?.frames, 50);
    assert.equal(ofType(s, 'error').length, 0);
    assert.equal(s.info.state, 'open');
  });

  it('a server that stops reading: sends refused with one row naming the setting, then accepted again', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          for (const c of wss.clients) c.terminate();
          wss.close(() => resolve());
        }),
    );
    const peers: Array<{ pause(): void; resume(): void }> = [];
    wss.on('connection', (peer) => {
      const socket = (peer as unknown as { _socket: Socket })._socket;
      socket.pause();
      peers.push(socket);
      peer.on('message', () => undefined);
    });
    const s = session({
      url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`,
      maxBufferedSendBytes: 65536,
    });
    assert.equal(await s.start(), 'open');
    await eventually(() => peers.length === 1, 'the server saw the connection');
    const chunk = 'z'.repeat(256 * 1024);
    let refused: ReturnType<Session['send']> | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const outcome = s.send({ kind: 'text', text: chunk });
      if (!outcome.ok) refused = outcome;
    }
    assert.ok(refused && !refused.ok, 'a send was refused before 100 MiB were queued');
    assert.equal(refused.error.code, 'RI_SEND_BUFFER_FULL');
    assert.match(refused.error.message, /realtimeInspector\.maxBufferedSendBytes/);
    assert.equal(s.send({ kind: 'text', text: 'again' }).ok, false, 'still refused while nothing drains');
    const rows = ofType(s, 'error');
    assert.equal(rows.length, 1, 'one row for the run of refusals');
    assert.equal(rows[0].meta!.error!.code, 'RI_SEND_BUFFER_FULL');
    assert.equal(s.info.state, 'open', 'the session stays open');
    peers[0].resume();
    await eventually(() => s.send({ kind: 'text', text: 'drained' }).ok, 'a send is accepted once the server reads');
  });

  it('Engine.IO over WebSocket: a server that stops reading gets its sends refused, the session stays', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          for (const c of wss.clients) c.terminate();
          wss.close(() => resolve());
        }),
    );
    wss.on('connection', (peer) => {
      // Engine.IO v4 over WebSocket only: the open packet first, then the server reads nothing more.
      peer.send('0{"sid":"s1","upgrades":[],"pingInterval":60000,"pingTimeout":60000,"maxPayload":1000000}');
      (peer as unknown as { _socket: Socket })._socket.pause();
    });
    const port = (wss.address() as { port: number }).port;
    const s = session({
      kind: 'engineio',
      url: `http://127.0.0.1:${port}`,
      transports: 'websocket-only',
      protocolVersion: 4,
      maxBufferedSendBytes: 65536,
    });
    assert.equal(await s.start(), 'open');
    const chunk = 'e'.repeat(256 * 1024);
    let refused: ReturnType<Session['send']> | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const outcome = s.send({ kind: 'text', text: chunk });
      if (!outcome.ok) refused = outcome;
    }
    assert.ok(refused && !refused.ok, 'a send was refused before 100 MiB were queued');
    assert.equal(refused.error.code, 'RI_SEND_BUFFER_FULL');
    assert.match(refused.error.message, /realtimeInspector\.maxBufferedSendBytes/);
    assert.equal(ofType(s, 'error').length, 1);
    assert.equal(s.info.state, 'open');
  });

  it('a message over maxMessageBytes: the row names the limit and the setting', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    closers.push(() => new Promise((resolve) => wss.close(() => resolve())));
    wss.on('connection', (peer) => {
      peer.send('small');
      peer.send(Buffer.alloc(4096));
    });
    const s = session({ url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`, maxPayloadBytes: 1024 });
    await s.start();
    await waitForEvent(s, (e) => e.type === 'closed', 8000);
    const error = ofType(s, 'error')[0].meta!.error!;
    assert.equal(error.code, 'RI_MESSAGE_TOO_BIG');
    assert.match(error.message, /1024 bytes .*realtimeInspector\.maxMessageBytes.*1009/);
    assert.deepEqual(ofType(s, 'message', 'in').map(payloadText), ['small']);
  });
});
