/**
 * Bytes on the wire of a row: WebSocket frame headers per RFC 6455 §5.2, HTTP heads as received, and the
 * reconstructed head of a polling request — checked against the bytes a raw TCP server receives from the very
 * function the Engine.IO engine sends its polls with.
 */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { systemClock } from '../../../../src/core/clock';
import { TrafficMeter } from '../../../../src/core/compare/trafficMeter';
import {
  requestHeadBytes,
  responseHeadBytes,
  rowTraffic,
  webSocketFrameBytes,
} from '../../../../src/core/compare/wireBytes';
import { sendPoll } from '../../../../src/core/engineio/pollingRequest';
import type { Header, LogEvent } from '../../../../src/core/events/logEvent';
import { createDirectNetwork } from '../../../../src/core/session/network';

let nextSeq = 1;
function row(fields: Partial<LogEvent>): LogEvent {
  return { seq: nextSeq++, time: 0, mono: 0, direction: 'in', layer: 'http', type: 'x', size: 0, ...fields };
}

/** A server that records every request (head and body) and answers each with a tiny 200. */
async function recordingServer(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      received.push(buffered.slice(0, end + 4 + length));
      buffered = buffered.slice(end + 4 + length);
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { port, received, close };
}

describe('wire bytes of a row', () => {
  it('WebSocket frames: 2-byte header, +2 or +8 for the extended length, +4 for the client mask', () => {
    const cases: Array<[payload: number, masked: boolean, wire: number]> = [
      [0, false, 2],
      [125, false, 127],
      [125, true, 131],
      [126, false, 130],
      [65_535, false, 65_539],
      [65_536, false, 65_546],
      [65_536, true, 65_550],
    ];
    for (const [payload, masked, wire] of cases) assert.equal(webSocketFrameBytes(payload, masked), wire);
  });

  it('takes the tap-measured bytes of a frame when the row has them, else computes them', () => {
    const frame = { opcode: 1, wireBytes: 105 };
    assert.deepEqual(rowTraffic(row({ layer: 'ws', type: 'message', size: 103, meta: { frame } })), {
      up: 0,
      down: 105,
      httpRequest: false,
    });
    // Our own frames are logged before they leave: payload + 2 + mask.
    const out = row({ layer: 'ws', type: 'message', direction: 'out', size: 19, meta: { frame: { opcode: 1 } } });
    assert.deepEqual(rowTraffic(out), { up: 25, down: 0, httpRequest: false });
    assert.equal(rowTraffic(row({ layer: 'eio', type: 'eio-message', size: 18 })), undefined);
    assert.equal(rowTraffic(row({ layer: 'sio', type: 'sio-event', size: 16 })), undefined);
  });

  it('a response head is its status line, headers and blank line, as received', () => {
    const headers: Header[] = [
      ['Content-Type', 'text/html'],
      ['Content-Length', '2'],
    ];
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\n';
    assert.equal(responseHeadBytes({ status: 200, statusText: 'OK', httpVersion: '1.1', headers }), head.length);
    const response = { status: 200, statusText: 'OK', httpVersion: '1.1', headers };
    const event = row({ type: 'poll-response', size: 2, meta: { response } });
    assert.deepEqual(rowTraffic(event), { up: 0, down: head.length + 2, httpRequest: false });
  });

  it('a compressed polling body counts its bytes on the wire; chunked coding adds its framing', () => {
    const headers: Header[] = [
      ['Content-Encoding', 'gzip'],
      ['Transfer-Encoding', 'chunked'],
    ];
    const response = { status: 200, statusText: 'OK', httpVersion: '1.1', headers };
    const event = row({
      type: 'poll-response',
      size: 4096,
      meta: { response, eio: { transport: 'polling', answers: 'GET', wireBytes: 300 } },
    });
    // 300 bytes in one chunk: "12c\r\n" + body + "\r\n", then "0\r\n\r\n".
    assert.equal(rowTraffic(event)!.down, responseHeadBytes(response) + 300 + 5 + 2 + 5);
  });

  it('the reconstructed head of a polling GET and POST is exactly what leaves the socket', async () => {
    const server = await recordingServer();
    const network = createDirectNetwork({});
    try {
      const url = new URL(`http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling&sid=abc&t=x1`);
      const headers: Header[] = [
        ['Authorization', 'Bearer t'],
        ['X-Trace', '1'],
      ];
      const meter = new TrafficMeter();
      for (const body of [undefined, '420["echo","~0~abc"]']) {
        const method = body === undefined ? 'GET' : 'POST';
        const poll = sendPoll(
          { method, url, headers, body, maxBodyBytes: 1024, timeoutMs: 5000 },
          network.pollingAgent(url),
          systemClock,
        );
        assert.equal((await poll.done).ok, true);
        const size = body === undefined ? 0 : Buffer.byteLength(body);
        const request = { method, url: url.href, headers };
        meter.observe(row({ type: 'poll-request', direction: 'out', size, meta: { request } }));
        assert.equal(requestHeadBytes(request, size) + size, server.received.at(-1)!.length, server.received.at(-1));
      }
      assert.equal(meter.session.up, server.received.join('').length);
      assert.equal(meter.session.httpRequests, 2);
    } finally {
      network.dispose();
      await server.close();
    }
  });

  it('counts only the exchange between startExchange and endExchange, and tracks the POSTs in flight', () => {
    const meter = new TrafficMeter();
    const request = { method: 'POST', url: 'http://h/socket.io/?EIO=4', headers: [] };
    meter.observe(row({ type: 'poll-request', direction: 'out', size: 2, meta: { request } }));
    meter.startExchange();
    const post = row({ type: 'poll-request', direction: 'out', size: 5, meta: { request } });
    meter.observe(post);
    assert.equal(meter.postsInFlight, 2);
    meter.observe(row({ type: 'poll-response', size: 2, meta: { requestSeq: post.seq, response: { status: 200 } } }));
    meter.endExchange();
    assert.equal(meter.postsInFlight, 1);
    assert.equal(meter.exchange.httpRequests, 1);
    assert.equal(meter.session.httpRequests, 2);
    assert.ok(meter.exchange.up > 0 && meter.exchange.down > 0 && meter.session.up > meter.exchange.up);
  });
});
