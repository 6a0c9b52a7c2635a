/**
 * The msgpack parser variant against a real Socket.IO 4 server using socket.io-msgpack-parser:
 * packets are binary msgpack maps, binary values travel inline, acks still correlate.
 */
import assert from 'node:assert/strict';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Session } from '../../../../src/core/session/session';
import {
  decodeMsgpackPacket,
  displayJson,
  encodeMsgpackPacket,
  looksLikeMsgpackMap,
} from '../../../../src/core/socketio/sioMsgpack';
import { newSession, ofType, waitForEvent } from '../../support/sessions';

const msgpackParser = require('socket.io-msgpack-parser') as object;

describe('Socket.IO msgpack parser', function () {
  this.timeout(10000);
  let http: HttpServer;
  let io: Server;
  let url: string;
  const sessions: Session[] = [];

  before(async () => {
    http = createServer();
    io = new Server(http, { parser: msgpackParser, pingInterval: 300, pingTimeout: 200 } as object);
    io.on('connection', (socket) => {
      socket.emit('welcome', 'hi', Buffer.from([1, 2, 3]));
      socket.on('echo', (...args: unknown[]) => {
        const ack = args.pop();
        if (typeof ack === 'function') ack(...args);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });

  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
  });

  after(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  for (const transports of ['polling-then-websocket', 'websocket-only', 'polling-only']) {
    it(`joins, receives inline binary and gets acks (${transports})`, async () => {
      const session = newSession({ kind: 'socketio', url, transports, parser: 'msgpack' });
      sessions.push(session);
      assert.equal(await session.start(), 'open');
      await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in');
      const welcome = await waitForEvent(session, (e) => e.type === 'sio-event' && e.direction === 'in');
      assert.equal(welcome.meta!.sio!.event, 'welcome');
      assert.equal((welcome.payload as { text: string }).text, '["welcome","hi",{"$binary":"AQID"}]');
      const carrier = session.log.get(welcome.parent!)!;
      assert.equal(carrier.payload!.kind, 'binary', 'the packet travelled as one binary Engine.IO message');

      const emit = session.send({
        kind: 'sio-emit',
        namespace: '/',
        event: 'echo',
        args: '["x",{"$binary":"CQk="}]',
        ack: true,
      });
      assert.ok(emit.ok);
      const ack = await waitForEvent(session, (e) => e.type === 'sio-ack');
      assert.equal(ack.meta!.sio!.ackOf, (emit as { seq: number }).seq);
      assert.equal((ack.payload as { text: string }).text, '["x",{"$binary":"CQk="}]');
      assert.equal(ofType(session, 'sio-decode-error').length, 0);
      await session.close();
    });
  }

  it('decodes and encodes packets without throwing on garbage', () => {
    const bytes = encodeMsgpackPacket({ type: 'EVENT', nsp: '/admin', id: 7, data: ['ev', new Uint8Array([255])] });
    assert.ok(looksLikeMsgpackMap(bytes));
    const decoded = decodeMsgpackPacket(bytes);
    assert.ok(decoded.ok);
    assert.equal(decoded.packet.type, 'EVENT');
    assert.equal(decoded.packet.nsp, '/admin');
    assert.equal(decoded.packet.id, 7);
    assert.equal(decoded.packet.dataText, '["ev",{"$binary":"/w=="}]');
    for (const garbage of [
      new Uint8Array([0xc1]),
      new Uint8Array([0x92, 1, 2]),
      encodeMsgpackPacket({ type: 'BINARY_EVENT', nsp: '/', data: [] }),
      new Uint8Array(0),
    ]) {
      const result = decodeMsgpackPacket(garbage);
      assert.equal(result.ok, false, `refused: ${Buffer.from(garbage).toString('hex')}`);
    }
    assert.equal(looksLikeMsgpackMap(new TextEncoder().encode('42["x"]')), false);
    assert.equal(displayJson({ b: new Uint8Array([1]) }), '{"b":{"$binary":"AQ=="}}');
  });
});
