/**
 * Issue #7, a hostile review of the WebSocket engine: messages beyond the limit (plain and as a
 * permessage-deflate bomb), a 101 that does not switch to WebSocket, a malformed close frame that
 * arrives with the 101 in one TCP chunk. Real servers on 127.0.0.1 port 0, hand-made bytes where a
 * well-behaved server would never send them.
 */
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { WebSocketServer } from 'ws';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import type { Session } from '../../../../src/core/session/session';
import {
  serverFrame,
  serverFrameHeader,
  startRawTcpServer,
  switchingProtocols,
  switchingProtocolsWithDeflate,
  acceptFor,
  type RawHandler,
  type RawTcpServer,
} from '../../../fixtures/servers/rawTcpServer';
import { events, newSession, ofType, waitForEvent } from '../../support/sessions';

const MiB = 1024 * 1024;

describe('WebSocketSession wire faults (issue #7)', function () {
  this.timeout(10000);
  const sessions: Session[] = [];
  const servers: Array<{ close(): Promise<void> }> = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const s of servers.splice(0)) await s.close();
  });

  async function raw(handler: RawHandler): Promise<RawTcpServer> {
    const s = await startRawTcpServer(handler);
    servers.push(s);
    return s;
  }

  async function runToClose(options: Record<string, unknown>): Promise<{ session: Session; closed: LogEvent }> {
    const session = newSession(options);
    sessions.push(session);
    await session.start();
    const closed = await waitForEvent(session, (e) => e.type === 'closed', 8000);
    return { session, closed };
  }

  describe('messages beyond maxPayloadBytes', () => {
    it(
      'refuses a message over the limit with 1009 shown as sent, ' + 'naming the limit in bytes and the setting',
      async () => {
        const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
        await new Promise<void>((resolve) => wss.once('listening', resolve));
        servers.push({
          close: () =>
            new Promise((resolve) => {
              for (const c of wss.clients) c.terminate();
              wss.close(() => resolve());
            }),
        });
        wss.on('connection', (socket) => socket.send(Buffer.alloc(2048)));
        const { session } = await runToClose({
          url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`,
          maxPayloadBytes: 1024,
        });
        const error = ofType(session, 'error')[0].meta!.error!;
        assert.equal(error.code, 'RI_MESSAGE_TOO_BIG');
        assert.match(error.message, /\b1024 bytes\b/, 'the message names the limit in bytes');
        assert.match(error.hint ?? '', /realtimeInspector\.maxMessageBytes/, 'the hint names the setting');
        const out = ofType(session, 'close-frame', 'out');
        assert.equal(out.length, 1);
        assert.equal(out[0].meta!.close!.sentCode, 1009);
        assert.equal(ofType(session, 'message', 'in').length, 0, 'the message is not delivered');
      },
    );

    describe('a permessage-deflate bomb', () => {
      // Count what zlib really inflates (a pass-through observer, restored after the test).
      const proto = zlib.InflateRaw.prototype as unknown as { push(chunk: unknown, encoding?: unknown): boolean };
      const originalPush = proto.push;
      let inflatedBytes = 0;
      beforeEach(() => {
        inflatedBytes = 0;
        proto.push = function (this: unknown, chunk: unknown, encoding?: unknown): boolean {
          if (chunk instanceof Uint8Array) inflatedBytes += chunk.length;
          return originalPush.call(this, chunk, encoding);
        };
      });
      afterEach(() => {
        proto.push = originalPush;
      });

      it('stops 64 MiB inflating from ~64 KB at a 1 MiB limit: 1009, error row, nothing delivered', async () => {
        // RFC 7692 §7.2.1: the sender removes the 00 00 ff ff tail of a sync flush; a final block needs none.
        const compressed = deflateRawSync(Buffer.alloc(64 * MiB), { level: 9 });
        const srv = await raw((socket, head) => {
          // One write: the 101 and the whole compressed message (RSV1 + FIN + binary).
          socket.write(
            Buffer.concat([
              Buffer.from(switchingProtocolsWithDeflate(head), 'latin1'),
              serverFrameHeader(0xc2, compressed.length),
              compressed,
            ]),
          );
        });
        const { session } = await runToClose({ url: srv.url, maxPayloadBytes: MiB });
        const error = ofType(session, 'error')[0].meta!.error!;
        assert.equal(error.code, 'RI_MESSAGE_TOO_BIG');
        assert.match(error.message, /\b1048576 bytes\b/);
        assert.equal(ofType(session, 'close-frame', 'out')[0]?.meta!.close!.sentCode, 1009);
        assert.equal(ofType(session, 'message', 'in').length, 0);
        assert.equal(session.info.bytesIn, 0, 'no message bytes were counted as received');
        assert.ok(
          inflatedBytes <= MiB + 64 * 1024,
          `inflation stopped at the limit (${inflatedBytes} bytes inflated, not ${64 * MiB})`,
        );
      });
    });
  });

  describe('a 101 that does not switch to WebSocket', () => {
    const answer = (head: string, lines: string[]): string =>
      ['HTTP/1.1 101 Switching Protocols', ...lines, `Sec-WebSocket-Accept: ${acceptFor(head)}`, '', ''].join('\r\n');

    async function errorFor(lines: string[]): Promise<{ message: string; hint?: string; code: string }> {
      const srv = await raw((socket, head) => socket.write(answer(head, lines)));
      const { session } = await runToClose({ url: srv.url, handshakeTimeoutMs: 3000 });
      assert.equal(ofType(session, 'open').length, 0);
      assert.equal(
        ofType(session, 'handshake-response')[0]?.meta!.response!.status,
        101,
        'the 101 is shown as it came',
      );
      const errors = ofType(session, 'error');
      assert.equal(errors.length, 1, `one error row: ${errors.map((e) => e.meta!.error!.message).join(' | ')}`);
      const error = errors[0].meta!.error!;
      assert.doesNotMatch(error.message, /instead of 101/);
      assert.equal(session.info.closeSummary, error.message);
      return error;
    }

    it('says the Upgrade header is missing', async () => {
      const error = await errorFor(['Connection: Upgrade']);
      assert.equal(error.code, 'RI_UNEXPECTED_RESPONSE');
      assert.match(error.message, /no Upgrade header/i);
    });

    it('says which protocol the Upgrade header named instead of websocket', async () => {
      const error = await errorFor(['Upgrade: h2c', 'Connection: Upgrade']);
      assert.equal(error.code, 'RI_UNEXPECTED_RESPONSE');
      assert.match(error.message, /Upgrade: h2c/);
      assert.match(error.message, /websocket/);
    });

    it('says Connection: Upgrade is missing', async () => {
      const error = await errorFor(['Upgrade: websocket']);
      assert.equal(error.code, 'RI_UNEXPECTED_RESPONSE');
      assert.match(error.message, /no Connection: Upgrade/i);
    });
  });

  describe('a close frame with a 1-byte payload, in the same TCP chunk as the 101', () => {
    it('names the real fault, keeps wire order, and shows the 1002 we sent', async () => {
      const srv = await raw((socket, head) => {
        socket.write(
          Buffer.concat([Buffer.from(switchingProtocols(head), 'latin1'), serverFrame(0x8, Buffer.from([0x03]))]),
        );
      });
      const { session } = await runToClose({ url: srv.url });
      const error = ofType(session, 'error')[0].meta!.error!;
      assert.equal(error.code, 'RI_PROTOCOL_ERROR');
      assert.doesNotMatch(error.message, /longer than 125/);
      assert.match(error.message, /close frame/i);
      assert.match(error.message, /1-byte/);
      const types = events(session).map((e) => `${e.direction}:${e.type}`);
      const response = types.indexOf('in:handshake-response');
      const frameIn = types.indexOf('in:close-frame');
      assert.ok(
        response >= 0 && frameIn > response,
        `the 101 row comes before the frame that followed it: ${types.join(', ')}`,
      );
      const out = ofType(session, 'close-frame', 'out');
      assert.equal(out.length, 1, `one close frame sent: ${types.join(', ')}`);
      assert.equal(out[0].meta!.close!.sentCode, 1002);
      assert.match(
        out[0].meta!.note ?? '',
        /protocol error/,
        'not "in reply to the server\'s close frame": ws refused that frame',
      );
    });
  });
});
