/**
 * The WebSocket engine against raw TCP servers that write hand-made bytes: every way a handshake or
 * a frame stream can go wrong ends in a clear error row and a cleanly closed session.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { Session } from '../../../../src/core/session/session';
import {
  serverFrame,
  startRawTcpServer,
  switchingProtocols,
  type RawHandler,
  type RawTcpServer,
} from '../../../fixtures/servers/rawTcpServer';
import { newSession, ofType, payloadText, waitForEvent } from '../../support/sessions';

describe('WebSocketSession against hand-made server bytes', function () {
  this.timeout(8000);
  const sessions: Session[] = [];
  const servers: RawTcpServer[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const s of servers.splice(0)) await s.close();
  });

  async function raw(handler: RawHandler): Promise<RawTcpServer> {
    const s = await startRawTcpServer(handler);
    servers.push(s);
    return s;
  }

  async function run(options: Record<string, unknown>): Promise<Session> {
    const session = newSession(options);
    sessions.push(session);
    assert.equal(await session.start(), 'closed');
    assert.equal(session.info.state, 'closed');
    assert.equal(ofType(session, 'closed').length, 1, 'exactly one closed row');
    return session;
  }

  it('shows a non-101 answer with status, headers and body, and a hint', async () => {
    const body = '{"error":"no websocket here"}';
    const srv = await raw((socket) =>
      socket.end(
        'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nX-Why: nope\r\n' +
          `Content-Length: ${body.length}\r\n\r\n${body}`,
      ),
    );
    const session = await run({ url: srv.url });
    const response = ofType(session, 'handshake-response')[0];
    assert.equal(response.meta!.response!.status, 404);
    assert.equal(response.meta!.response!.statusText, 'Not Found');
    assert.deepEqual(
      response.meta!.response!.headers!.find(([n]) => n === 'X-Why'),
      ['X-Why', 'nope'],
    );
    assert.equal(payloadText(response), body);
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_UNEXPECTED_RESPONSE');
    assert.match(error.meta!.error!.message, /404 Not Found instead of 101/);
    assert.match(error.meta!.error!.hint!, /path/);
    assert.equal(ofType(session, 'error').length, 1, 'one error row, not a second generic one from ws');
    assert.equal(session.info.closeSummary, error.meta!.error!.message);
  });

  it('keeps only the first 64 KiB of a large non-101 body', async () => {
    const body = 'x'.repeat(200 * 1024);
    const srv = await raw((socket) =>
      socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
    );
    const session = await run({ url: srv.url });
    const response = ofType(session, 'handshake-response')[0];
    assert.equal(response.size, 64 * 1024);
    assert.equal(payloadText(response)!.length, 64 * 1024);
    assert.match(ofType(session, 'error')[0].meta!.error!.hint!, /not a WebSocket endpoint/);
  });

  it('does not follow a redirect, and says where it pointed', async () => {
    const srv = await raw((socket) =>
      socket.end('HTTP/1.1 302 Found\r\nLocation: ws://elsewhere.test/\r\nContent-Length: 0\r\n\r\n'),
    );
    const session = await run({ url: srv.url, headers: [['Authorization', 'Bearer secret']] });
    assert.equal(srv.requests.length, 1, 'one request, no redirect followed');
    assert.match(ofType(session, 'error')[0].meta!.error!.hint!, /ws:\/\/elsewhere\.test\//);
  });

  it('gives up on a silent server at our own deadline', async () => {
    const srv = await raw(() => undefined);
    const started = Date.now();
    const session = await run({ url: srv.url, handshakeTimeoutMs: 300 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 280 && elapsed < 3000, `deadline honoured (${elapsed} ms)`);
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_HANDSHAKE_TIMEOUT');
    assert.match(error.meta!.error!.message, /sent nothing/);
    assert.equal(ofType(session, 'error').length, 1);
  });

  it('gives up on a server that drips bytes, which an inactivity timer would not', async () => {
    const answer = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n';
    const srv = await raw((socket) => {
      let i = 0;
      const drip = setInterval(() => {
        if (socket.destroyed || i >= answer.length) return clearInterval(drip);
        socket.write(answer[i++]);
      }, 40);
      socket.on('close', () => clearInterval(drip));
    });
    const session = await run({ url: srv.url, handshakeTimeoutMs: 500 });
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_HANDSHAKE_TIMEOUT');
    assert.match(error.meta!.error!.message, /the server sent \d+ bytes/);
    assert.match(
      Buffer.from((error.payload as { bytes: Uint8Array }).bytes).toString(),
      /^HTTP\/1\.1 1/,
      'the bytes received are kept',
    );
  });

  it('rejects a wrong Sec-WebSocket-Accept', async () => {
    const srv = await raw((socket) =>
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Accept: d3JvbmcgYWNjZXB0IHZhbHVlIQ==\r\n\r\n',
      ),
    );
    const session = await run({ url: srv.url });
    assert.equal(ofType(session, 'handshake-response')[0].meta!.response!.status, 101, 'the 101 is shown as it came');
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_INVALID_ACCEPT');
    assert.equal(ofType(session, 'open').length, 0);
  });

  it('reports an invalid frame, shows its bytes, and the 1002 that went on the wire', async () => {
    const srv = await raw((socket, head) => {
      socket.write(switchingProtocols(head));
      setTimeout(() => socket.write(serverFrame(0x3, 'reserved opcode')), 20);
    });
    const session = newSession({ url: srv.url });
    sessions.push(session);
    assert.equal(await session.start(), 'open');
    const closed = await waitForEvent(session, (e) => e.type === 'closed');
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_PROTOCOL_ERROR');
    assert.match(error.meta!.error!.detail!, /WS_ERR_INVALID_OPCODE/);
    const rawBytes = Buffer.from((error.payload as { bytes: Uint8Array }).bytes);
    assert.ok(rawBytes.includes(Buffer.from('reserved opcode')), 'raw bytes of the bad frame are attached');
    assert.equal(ofType(session, 'close-frame', 'out')[0].meta!.close!.sentCode, 1002);
    assert.equal(closed.meta!.close!.localCode, 1006);
  });

  it('reports invalid UTF-8 in a text frame (1007 on the wire)', async () => {
    const srv = await raw((socket, head) => {
      socket.write(switchingProtocols(head));
      socket.write(serverFrame(0x1, Buffer.from([0xc3, 0x28])));
    });
    const session = newSession({ url: srv.url });
    sessions.push(session);
    await session.start();
    await waitForEvent(session, (e) => e.type === 'closed');
    assert.match(ofType(session, 'error')[0].meta!.error!.detail!, /WS_ERR_INVALID_UTF8/);
    assert.equal(ofType(session, 'close-frame', 'out')[0].meta!.close!.sentCode, 1007);
  });

  it('survives HTTP text on an upgraded socket (an EIO=3 client at a v4-only server)', async () => {
    const srv = await raw((socket, head) => {
      socket.write(switchingProtocols(head));
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    });
    const session = newSession({ url: srv.url });
    sessions.push(session);
    await session.start();
    await waitForEvent(session, (e) => e.type === 'closed');
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_PROTOCOL_ERROR');
    assert.match(error.meta!.error!.detail!, /WS_ERR_UNEXPECTED_RSV_1/);
  });

  it('logs a close frame without a code as such (1005 locally)', async () => {
    const srv = await raw((socket, head) => {
      socket.write(switchingProtocols(head));
      socket.write(serverFrame(0x8, Buffer.alloc(0)));
      setTimeout(() => socket.end(), 50);
    });
    const session = newSession({ url: srv.url });
    sessions.push(session);
    await session.start();
    const closed = await waitForEvent(session, (e) => e.type === 'closed');
    const frame = ofType(session, 'close-frame', 'in')[0];
    assert.equal(frame.meta!.close!.wireCode, undefined);
    assert.match(frame.meta!.note!, /without a status code/);
    assert.equal(closed.meta!.close!.localCode, 1005);
    assert.equal(closed.meta!.close!.initiator, 'server');
  });

  it('reports a refused connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const session = await run({ url: `ws://127.0.0.1:${port}/` });
    const error = ofType(session, 'error')[0];
    assert.equal(error.meta!.error!.code, 'RI_CONNECTION_REFUSED');
    assert.match(error.meta!.error!.detail!, /ECONNREFUSED/);
    assert.equal(ofType(session, 'handshake-request').length, 0, 'no request left the machine');
  });

  it('reports an unknown host', async () => {
    const session = await run({ url: 'ws://no-such-host.invalid/' });
    assert.equal(ofType(session, 'error')[0].meta!.error!.code, 'RI_HOST_NOT_FOUND');
  });

  it('cancels a pending handshake on close()', async () => {
    const srv = await raw(() => undefined);
    const session = newSession({ url: srv.url });
    sessions.push(session);
    const started = session.start();
    await new Promise((r) => setTimeout(r, 50));
    await session.close();
    assert.equal(await started, 'closed');
    assert.equal(ofType(session, 'error')[0].meta!.error!.code, 'RI_CANCELLED');
  });
});
