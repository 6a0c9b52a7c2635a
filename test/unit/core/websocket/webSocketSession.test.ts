/**
 * The WebSocket engine against a real `ws` server on 127.0.0.1 port 0: handshake recording,
 * messages both ways, subprotocols, compression, pings, close codes, heartbeat, TLS.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket as ServerSocket, type ServerOptions } from 'ws';
import type { Session } from '../../../../src/core/session/session';
import { events, header, newSession, ofType, payloadText, waitForEvent, waitForState } from '../../support/sessions';

interface TestServer {
  url: string;
  connections: Array<{ socket: ServerSocket; request: IncomingMessage }>;
  close(): Promise<void>;
}

/** A real ws server; `onConnection` scripts what it does. */
async function startServer(
  options: ServerOptions,
  onConnection: (socket: ServerSocket, request: IncomingMessage) => void,
  https?: HttpsServer,
): Promise<TestServer> {
  const connections: TestServer['connections'] = [];
  let wss: WebSocketServer;
  if (https) {
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    wss = new WebSocketServer({ ...options, server: https });
  } else {
    wss = new WebSocketServer({ ...options, port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
  }
  wss.on('connection', (socket, request) => {
    connections.push({ socket, request });
    onConnection(socket, request);
  });
  const port = ((https ?? wss).address() as { port: number }).port;
  return {
    url: `${https ? 'wss' : 'ws'}://127.0.0.1:${port}/`,
    connections,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => (https ? https.close(() => resolve()) : resolve()));
      }),
  };
}

const echo = (socket: ServerSocket): void => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
};

describe('WebSocketSession against a real ws server', function () {
  this.timeout(8000);
  const sessions: Session[] = [];
  const servers: TestServer[] = [];
  const track = (s: Session): Session => {
    sessions.push(s);
    return s;
  };

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const s of servers.splice(0)) await s.close();
  });

  async function server(
    options: ServerOptions,
    onConnection: (socket: ServerSocket, request: IncomingMessage) => void = echo,
  ): Promise<TestServer> {
    const s = await startServer(options, onConnection);
    servers.push(s);
    return s;
  }

  it('records the exact handshake request and the 101 response, then opens', async () => {
    const srv = await server({});
    const session = track(
      newSession({
        url: srv.url,
        headers: [
          ['X-Trace', 'a'],
          ['X-Trace', 'b'],
          ['Authorization', 'Bearer t'],
        ],
        origin: 'http://example.test',
      }),
    );
    assert.equal(await session.start(), 'open');

    const request = ofType(session, 'handshake-request', 'out')[0];
    assert.ok(request, 'handshake-request logged');
    const sent = request.meta!.request!.headers!;
    const key = header(sent, 'Sec-WebSocket-Key');
    assert.match(key ?? '', /^[A-Za-z0-9+/]{22}==$/, 'a base64 16-byte Sec-WebSocket-Key went out');
    assert.equal(
      key,
      srv.connections[0].request.headers['sec-websocket-key'],
      'the logged key is the one the server received',
    );
    assert.equal(header(sent, 'Sec-WebSocket-Version'), '13');
    assert.equal(header(sent, 'Origin'), 'http://example.test');
    assert.deepEqual(
      sent.filter(([n]) => n === 'X-Trace').map(([, v]) => v),
      ['a', 'b'],
      'duplicate headers go out as separate lines, in order',
    );
    assert.equal(request.meta!.request!.method, 'GET');
    assert.ok(request.size > 100, 'the request head byte count is recorded');

    const response = ofType(session, 'handshake-response', 'in')[0];
    assert.equal(response.meta!.response!.status, 101);
    assert.ok(header(response.meta!.response!.headers, 'Sec-WebSocket-Accept'));
    assert.ok((response.meta!.durationMs ?? -1) >= 0, 'time to 101 is measured');
    assert.ok(session.info.handshakeMs !== undefined);

    const types = events(session).map((e) => e.type);
    assert.deepEqual(types.slice(0, 5), [
      'connecting',
      'tcp-connected',
      'handshake-request',
      'handshake-response',
      'open',
    ]);
    const seqs = events(session).map((e) => e.seq);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 1),
      'seq is 1, 2, 3… without gaps',
    );
  });

  it('sends text, JSON and binary and logs the echoes', async () => {
    const srv = await server({});
    const session = track(newSession({ url: srv.url }));
    await session.start();

    const text = session.send({ kind: 'text', text: 'hello' });
    assert.ok(text.ok);
    const echoed = await waitForEvent(session, (e) => e.type === 'message' && e.direction === 'in');
    assert.equal(payloadText(echoed), 'hello');
    assert.equal(echoed.size, 5);
    const out = session.log.get((text as { seq: number }).seq)!;
    assert.equal(out.direction, 'out');
    assert.deepEqual(
      out.meta!.send,
      { kind: 'text', text: 'hello' },
      'the outgoing event keeps its request for replay',
    );

    assert.ok(session.send({ kind: 'json', text: '{"a":[1,2]}' }).ok);
    const json = await waitForEvent(session, (e) => e.direction === 'in' && payloadText(e) === '{"a":[1,2]}');
    assert.equal(json.type, 'message');

    assert.ok(session.send({ kind: 'binary', encoding: 'hex', data: '00 01 fe ff' }).ok);
    const bin = await waitForEvent(session, (e) => e.direction === 'in' && e.payload?.kind === 'binary');
    assert.deepEqual([...(bin.payload as { bytes: Uint8Array }).bytes], [0, 1, 0xfe, 0xff]);
    assert.equal(bin.meta!.frame!.opcode, 2);

    assert.ok(session.send({ kind: 'binary', encoding: 'base64', data: 'AQID' }).ok);
    const b64 = await waitForEvent(
      session,
      (e) => e.direction === 'in' && e.payload?.kind === 'binary' && e.size === 3,
    );
    assert.deepEqual([...(b64.payload as { bytes: Uint8Array }).bytes], [1, 2, 3]);

    assert.equal(session.info.messagesOut, 4);
    assert.equal(session.info.messagesIn, 4);
  });

  it('rejects bad input with a clear error and sends nothing', async () => {
    const srv = await server({});
    const session = track(newSession({ url: srv.url }));
    await session.start();
    const before = session.log.count;
    const bad = [
      session.send({ kind: 'json', text: '{oops' }),
      session.send({ kind: 'binary', encoding: 'hex', data: 'abc' }),
      session.send({ kind: 'binary', encoding: 'base64', data: '!!!' }),
      session.send({ kind: 'close', code: 1005 }),
      session.send({ kind: 'ping', text: 'x'.repeat(126) }),
    ];
    for (const outcome of bad) {
      assert.equal(outcome.ok, false);
      assert.equal((outcome as { error: { code: string } }).error.code, 'RI_INVALID_MESSAGE');
    }
    assert.match((bad[0] as { error: { message: string } }).error.message, /Not valid JSON/);
    assert.equal(session.log.count, before, 'nothing was logged or sent');
    assert.equal(session.info.state, 'open');
  });

  it('negotiates a subprotocol', async () => {
    const srv = await server({ handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false) });
    const session = track(newSession({ url: srv.url, subprotocols: ['superchat', 'chat'] }));
    await session.start();
    assert.equal(session.info.subprotocol, 'chat');
    assert.equal(ofType(session, 'open')[0].meta!.subprotocol, 'chat');
    assert.equal(
      header(ofType(session, 'handshake-request')[0].meta!.request!.headers, 'Sec-WebSocket-Protocol'),
      'superchat,chat',
      'as ws joins them',
    );
  });

  it('negotiates permessage-deflate and marks compressed messages, or not when turned off', async () => {
    const big = 'abc'.repeat(1000);
    const srv = await server({ perMessageDeflate: { threshold: 0 } }, (socket) => socket.send(big));
    const on = track(newSession({ url: srv.url }));
    await on.start();
    assert.match(on.info.extensions ?? '', /permessage-deflate/);
    const msg = await waitForEvent(on, (e) => e.type === 'message' && e.direction === 'in');
    assert.equal(payloadText(msg), big);
    assert.equal(msg.meta!.frame!.compressed, true);
    assert.ok(
      msg.meta!.frame!.wireBytes! < big.length,
      `compressed on the wire (${msg.meta!.frame!.wireBytes} < ${big.length})`,
    );

    const off = track(newSession({ url: srv.url, perMessageDeflate: false }));
    await off.start();
    assert.equal(off.info.extensions, undefined);
    const plain = await waitForEvent(off, (e) => e.type === 'message' && e.direction === 'in');
    assert.equal(plain.meta!.frame!.compressed, false);
    assert.equal(plain.meta!.frame!.wireBytes, big.length + 4);
  });

  it('logs server pings and the automatic pong, and our pings with their round trip', async () => {
    const srv = await server({}, (socket) => socket.ping('are you there'));
    const session = track(newSession({ url: srv.url }));
    await session.start();
    const ping = await waitForEvent(session, (e) => e.type === 'ping' && e.direction === 'in');
    assert.equal(payloadText(ping), 'are you there');
    const pong = await waitForEvent(session, (e) => e.type === 'pong' && e.direction === 'out');
    assert.equal(payloadText(pong), 'are you there', 'the automatic pong carries the ping payload');

    assert.ok(session.send({ kind: 'ping', text: 'p1' }).ok);
    const reply = await waitForEvent(session, (e) => e.type === 'pong' && e.direction === 'in');
    assert.equal(payloadText(reply), 'p1');
    assert.ok(typeof reply.meta!.durationMs === 'number', 'round trip measured');
  });

  it('records a server close with its code on the wire, the echo ws sends, and who closed', async () => {
    const srv = await server({}, (socket) => socket.on('message', () => socket.close(4001, 'bye')));
    const session = track(newSession({ url: srv.url }));
    await session.start();
    session.send({ kind: 'text', text: 'close please' });
    const closed = await waitForEvent(session, (e) => e.type === 'closed');
    const inFrame = ofType(session, 'close-frame', 'in')[0];
    assert.equal(inFrame.meta!.close!.wireCode, 4001);
    assert.equal(inFrame.meta!.close!.wireReason, 'bye');
    const outFrame = ofType(session, 'close-frame', 'out')[0];
    assert.equal(outFrame.meta!.close!.sentCode, 4001, 'ws echoes the code back');
    assert.ok(outFrame.seq > inFrame.seq);
    const c = closed.meta!.close!;
    assert.equal(c.initiator, 'server');
    assert.equal(c.localCode, 4001);
    assert.equal(c.wireCode, 4001);
    assert.equal(c.closeFrameReceived, true);
    assert.equal(c.closeFrameSent, true);
    assert.equal(session.info.state, 'closed');
    assert.match(session.info.closeSummary ?? '', /by the server: 4001 "bye"/);
  });

  it('tells a dropped connection (1006, no close frame) from a clean one', async () => {
    const srv = await server({}, (socket) => setTimeout(() => socket.terminate(), 50));
    const session = track(newSession({ url: srv.url }));
    await session.start();
    const closed = await waitForEvent(session, (e) => e.type === 'closed');
    assert.equal(closed.meta!.close!.localCode, 1006);
    assert.equal(closed.meta!.close!.initiator, 'none');
    assert.equal(closed.meta!.close!.closeFrameReceived, false);
    assert.equal(ofType(session, 'close-frame').length, 0);
  });

  it('closes on request with our code and reason, and close() resolves', async () => {
    let received: { code: number; reason: string } | undefined;
    const srv = await server({}, (socket) =>
      socket.on('close', (code, reason) => {
        received = { code, reason: reason.toString() };
      }),
    );
    const session = track(newSession({ url: srv.url }));
    await session.start();
    assert.ok(session.send({ kind: 'close', code: 4000, reason: 'done' }).ok);
    await waitForState(session, 'closed');
    assert.equal(ofType(session, 'close-frame', 'out').length, 1, 'our close frame is logged once');
    const closed = ofType(session, 'closed')[0].meta!.close!;
    assert.equal(closed.initiator, 'client');
    assert.equal(closed.sentCode, 4000);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(received, { code: 4000, reason: 'done' });
    assert.equal(session.send({ kind: 'text', text: 'late' }).ok, false, 'sending after close is refused');

    const again = track(newSession({ url: srv.url }));
    await again.start();
    await again.close();
    assert.equal(again.info.state, 'closed');
    assert.equal(ofType(again, 'closed')[0].meta!.close!.sentCode, 1000);
  });

  it('keeps a heartbeat: pings with round trips, and gives up when pongs stop', async () => {
    const srv = await server({}, () => undefined);
    const alive = track(newSession({ url: srv.url, heartbeatIntervalMs: 100 }));
    await alive.start();
    await waitForEvent(
      alive,
      (e) => e.type === 'pong' && e.direction === 'in' && typeof e.meta?.durationMs === 'number',
    );
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(alive.info.state, 'open', 'a server that answers keeps the session open');

    const silent = await server({ autoPong: false } as ServerOptions, () => undefined);
    const dead = track(newSession({ url: silent.url, heartbeatIntervalMs: 100 }));
    await dead.start();
    const timeout = await waitForEvent(dead, (e) => e.type === 'heartbeat-timeout');
    assert.equal(timeout.meta!.error!.code, 'RI_HEARTBEAT_TIMEOUT');
    const closed = await waitForEvent(dead, (e) => e.type === 'closed');
    assert.equal(closed.meta!.close!.localCode, 1006);
  });

  it('stores a huge message truncated, with its full length and SHA-256', async () => {
    const big = Buffer.alloc(5000, 7);
    const srv = await server({}, (socket) => socket.send(big));
    const session = track(newSession({ url: srv.url, maxStoredPayloadBytes: 1024 }));
    await session.start();
    const msg = await waitForEvent(session, (e) => e.type === 'message');
    assert.equal(msg.size, 5000);
    assert.equal(msg.payload!.kind, 'binary');
    assert.equal((msg.payload as { bytes: Uint8Array }).bytes.length, 1024);
    assert.equal(msg.payload!.truncated!.sha256, require('node:crypto').createHash('sha256').update(big).digest('hex'));
  });

  it('closes with 1009 on the wire when a message exceeds maxPayloadBytes', async () => {
    const srv = await server({}, (socket) => socket.send(Buffer.alloc(2048)));
    const session = track(newSession({ url: srv.url, maxPayloadBytes: 1024 }));
    await session.start();
    const closed = await waitForEvent(session, (e) => e.type === 'closed');
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_MESSAGE_TOO_BIG');
    assert.equal(ofType(session, 'close-frame', 'out')[0].meta!.close!.sentCode, 1009, 'what went on the wire');
    assert.equal(closed.meta!.close!.localCode, 1006, 'what ws reports locally');
  });

  describe('TLS', () => {
    const tlsDir = join(__dirname, '../../../fixtures/tls');
    const cert = readFileSync(join(tlsDir, 'cert.pem'), 'utf8');
    const key = readFileSync(join(tlsDir, 'key.pem'), 'utf8');

    async function wss(): Promise<TestServer> {
      const s = await startServer({}, echo, createHttpsServer({ cert, key }));
      servers.push(s);
      return s;
    }

    it('refuses a self-signed certificate by default with a TLS error', async () => {
      const srv = await wss();
      const session = track(newSession({ url: srv.url }));
      assert.equal(await session.start(), 'closed');
      const error = ofType(session, 'error')[0];
      assert.equal(error.meta!.error!.code, 'RI_TLS_ERROR');
      assert.match(error.meta!.error!.hint ?? '', /caFile/);
    });

    it('connects when the CA is trusted, and records the TLS facts', async () => {
      const srv = await wss();
      const session = track(newSession({ url: srv.url, tls: { ca: cert } }));
      assert.equal(await session.start(), 'open');
      const tls = ofType(session, 'tls-established')[0];
      assert.match(tls.meta!.note!, /TLSv1\.[23].*CN=localhost.*verified/);
      session.send({ kind: 'text', text: 'over tls' });
      const reply = await waitForEvent(session, (e) => e.type === 'message' && e.direction === 'in');
      assert.equal(payloadText(reply), 'over tls');
      assert.ok(
        header(ofType(session, 'handshake-request')[0].meta!.request!.headers, 'Sec-WebSocket-Key'),
        'the tap sees plaintext through TLS',
      );
    });

    it('connects with verification off and says so', async () => {
      const srv = await wss();
      const session = track(newSession({ url: srv.url, tls: { rejectUnauthorized: false } }));
      assert.equal(await session.start(), 'open');
      assert.match(ofType(session, 'tls-established')[0].meta!.note!, /NOT verified/);
      assert.match(ofType(session, 'connecting')[0].meta!.note!, /TLS verification OFF/);
    });
  });
});
