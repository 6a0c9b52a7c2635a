/**
 * The WebSocket engine against hostile servers (issue 12): raw `net` servers writing hand-made bytes. For each
 * case: the error row the user sees (our code, our words), how the session ends, that what is kept stays
 * bounded (row counts, stored payload sizes), and that nothing escaped (useCrashWatch).
 *
 * Index of hostile WebSocket cases tested elsewhere (not repeated here):
 * - 101 without Upgrade / wrong Upgrade / no Connection: core/websocket/webSocketWireFaults.test.ts
 * - wrong Sec-WebSocket-Accept, reserved opcode 0x3, invalid UTF-8 in a text frame, slowloris handshake against
 *   the absolute deadline, a silent server, a non-101 answer with a 200 KB body, HTTP bytes on an upgraded
 *   socket (RSV1): core/websocket/webSocketHandshakeFailures.test.ts
 * - close frame with a 1-byte payload (in the same chunk as the 101), a permessage-deflate bomb:
 *   core/websocket/webSocketWireFaults.test.ts
 * - a message over maxPayloadBytes from a real ws server: core/websocket/webSocketSession.test.ts
 * - head past MAX_HEAD_BYTES in any chunking, lengths ≥ 2^53 in the parser, random bytes: core/websocket/
 *   httpHead.test.ts, frameParser.test.ts, websocketFuzz.test.ts
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import type { Session } from '../../../src/core/session/session';
import { startRawTcpServer, switchingProtocols, serverFrame } from '../../fixtures/servers/rawTcpServer';
import { drip, writeForever } from '../../fixtures/servers/hostile/rawHttp';
import {
  OP,
  closeFrame,
  frameWithFirstByte,
  lengthWithMsbSet,
  maskedServerFrame,
} from '../../fixtures/servers/hostile/wsFrames';
import { newSession } from '../support/sessions';
import {
  allErrorsInOurWords,
  closedWithin,
  errorCodes,
  ofType,
  ourError,
  payloadsBounded,
  rowCounts,
  useCleanup,
  useCrashWatch,
} from './hostileSupport';

const LIMIT = 4096;

/** A 101 with extra header lines before its blank line. */
function switchingWith(head: string, extra: string): string {
  return switchingProtocols(head).replace(/\r\n\r\n$/, `\r\n${extra}\r\n\r\n`);
}

describe('hostile WebSocket servers (issue 12)', function () {
  this.timeout(10000);
  useCrashWatch();
  const cleanup = useCleanup();

  /** A session against a raw server running `handler`; resolves once the session has closed. */
  async function against(
    handler: (socket: Socket, head: string) => void,
    options: Record<string, unknown> = {},
  ): Promise<Session> {
    const server = cleanup.server(await startRawTcpServer(handler));
    const session = cleanup.session(
      newSession({ url: server.url, maxPayloadBytes: LIMIT, handshakeTimeoutMs: 3000, ...options }),
    );
    await session.start();
    await closedWithin(session);
    assert.equal(ofType(session, 'closed').length, 1, 'one closed row');
    allErrorsInOurWords(session);
    return session;
  }

  /** After the 101, `bytes`; the session must close with RI_PROTOCOL_ERROR and `sentCode` on the wire. */
  async function afterOpen(bytes: Buffer, sentCode: number): Promise<{ session: Session; message: string }> {
    const session = await against((socket, head) => {
      socket.write(switchingProtocols(head));
      socket.write(bytes);
    });
    assert.equal(ofType(session, 'open').length, 1, 'the handshake succeeded first');
    const error = ourError(session, 'RI_PROTOCOL_ERROR');
    assert.ok(error.payload, 'the raw bytes of the bad frame are on the error row');
    assert.equal(ofType(session, 'close-frame', 'out')[0]?.meta!.close!.sentCode, sentCode);
    return { session, message: error.meta!.error!.message };
  }

  describe('the opening handshake', () => {
    it('an invalid HTTP status line: RI_INVALID_HTTP_RESPONSE, no open', async () => {
      const session = await against((socket) => socket.end('HTTP/1.1 abc Nope\r\nContent-Length: 0\r\n\r\n'));
      const error = ourError(session, 'RI_INVALID_HTTP_RESPONSE');
      assert.match(error.meta!.error!.message, /not valid HTTP/);
      assert.match(error.meta!.error!.detail!, /HPE_INVALID_STATUS/, 'Node’s words stay in the detail');
      assert.equal(ofType(session, 'open').length, 0);
    });

    it('an answer that is not HTTP at all (an HTML page with a script): the same, with a hint', async () => {
      const session = await against((socket) => socket.end('<html><script>alert(1)</script></html>\r\n\r\n'));
      const error = ourError(session, 'RI_INVALID_HTTP_RESPONSE');
      assert.match(error.meta!.error!.hint!, /port/);
      assert.doesNotMatch(error.meta!.error!.message, /<script>/, 'the page is not in the message');
    });

    it('a subprotocol that was not offered: RI_SUBPROTOCOL_MISMATCH', async () => {
      const session = await against((socket, head) =>
        socket.write(switchingWith(head, 'Sec-WebSocket-Protocol: evil')),
      );
      ourError(session, 'RI_SUBPROTOCOL_MISMATCH');
      assert.equal(ofType(session, 'open').length, 0);
    });

    it('a subprotocol other than the ones offered: RI_SUBPROTOCOL_MISMATCH', async () => {
      const session = await against(
        (socket, head) => socket.write(switchingWith(head, 'Sec-WebSocket-Protocol: chat.v9')),
        { subprotocols: ['chat.v1', 'chat.v2'] },
      );
      ourError(session, 'RI_SUBPROTOCOL_MISMATCH');
    });

    it('an extension that was not offered: RI_EXTENSION_MISMATCH', async () => {
      const session = await against((socket, head) =>
        socket.write(switchingWith(head, 'Sec-WebSocket-Extensions: x-evil; mode=all')),
      );
      ourError(session, 'RI_EXTENSION_MISMATCH');
      assert.equal(ofType(session, 'open').length, 0);
    });

    it('permessage-deflate accepted though we did not offer it: RI_EXTENSION_MISMATCH', async () => {
      const session = await against(
        (socket, head) => socket.write(switchingWith(head, 'Sec-WebSocket-Extensions: permessage-deflate')),
        { perMessageDeflate: false },
      );
      ourError(session, 'RI_EXTENSION_MISMATCH');
    });

    it('a header block that never ends (lines as fast as we read): refused before the deadline', async () => {
      let sent = 0;
      const session = await against((socket) => {
        void writeForever(
          socket,
          'X-Junk: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n',
          'HTTP/1.1 101 Switching Protocols\r\n',
        ).then((n) => (sent = n));
      });
      const error = ourError(session, 'RI_INVALID_HTTP_RESPONSE');
      assert.match(error.meta!.error!.message, /16 KiB/);
      assert.notEqual(errorCodes(session)[0], 'RI_HANDSHAKE_TIMEOUT', 'not left to the deadline');
      assert.equal(ofType(session, 'handshake-response').length, 0, 'no response row for a head that never ended');
      payloadsBounded(session, 64 * 1024);
      await closedWithin(session);
      assert.ok(sent < 64 * 1024 * 1024, 'the client stopped reading: the server did not reach its own cap');
    });

    it('10,000 headers in a 101: refused as too large', async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => `X-H${i}: v`).join('\r\n');
      const session = await against((socket, head) => socket.write(switchingWith(head, many)));
      ourError(session, 'RI_INVALID_HTTP_RESPONSE');
      assert.equal(ofType(session, 'open').length, 0);
    });

    it('a 1 MB header line in a 101: refused as too large', async () => {
      const session = await against((socket, head) =>
        socket.write(switchingWith(head, `X-Big: ${'a'.repeat(1024 * 1024)}`)),
      );
      ourError(session, 'RI_INVALID_HTTP_RESPONSE');
      payloadsBounded(session, 64 * 1024);
    });

    it('a 101 dripped one byte per 100 ms: the absolute deadline ends it, with the bytes received', async () => {
      const session = await against((socket, head) => drip(socket, switchingProtocols(head), 100), {
        handshakeTimeoutMs: 600,
      });
      const error = ourError(session, 'RI_HANDSHAKE_TIMEOUT');
      assert.match(error.meta!.error!.message, /sent \d+ bytes/);
      assert.equal(ofType(session, 'open').length, 0);
    });
  });

  describe('frames that break RFC 6455', () => {
    it('a masked server frame (§5.1): 1002, named as such', async () => {
      const { message } = await afterOpen(maskedServerFrame(OP.text, 'hello'), 1002);
      assert.match(message, /masked a text frame/);
    });

    it('RSV2 set without an extension (§5.2): 1002', async () => {
      const { message } = await afterOpen(frameWithFirstByte(0x80 | 0x20 | OP.text, 'x'), 1002);
      assert.match(message, /RSV2\/RSV3/);
    });

    it('RSV1 set without permessage-deflate: 1002', async () => {
      const { message } = await afterOpen(frameWithFirstByte(0x80 | 0x40 | OP.binary, 'x'), 1002);
      assert.match(message, /RSV1/);
    });

    it('a reserved control opcode 0xB: 1002', async () => {
      const { message } = await afterOpen(frameWithFirstByte(0x80 | 0xb, ''), 1002);
      assert.match(message, /opcode/);
    });

    it('a ping of 126 bytes (control frames carry ≤ 125, §5.5): 1002', async () => {
      const { message } = await afterOpen(frameWithFirstByte(0x80 | OP.ping, 'p'.repeat(126)), 1002);
      assert.match(message, /126-byte payload/);
    });

    it('a fragmented ping (FIN clear, §5.5): 1002', async () => {
      const { message } = await afterOpen(frameWithFirstByte(OP.ping, 'p'), 1002);
      assert.match(message, /fragmented a ping/);
    });

    it('a continuation frame with no message to continue: 1002, named as such (not "invalid opcode")', async () => {
      const { message } = await afterOpen(frameWithFirstByte(0x80 | OP.continuation, 'c'), 1002);
      assert.match(message, /continuation frame with no message to continue/);
      assert.doesNotMatch(message, /invalid opcode/);
    });

    it('a new text message while a fragmented one is open (§5.4): 1002, named as such', async () => {
      const { message } = await afterOpen(
        Buffer.concat([frameWithFirstByte(OP.binary, 'first'), frameWithFirstByte(0x80 | OP.text, 'second')]),
        1002,
      );
      assert.match(message, /new text message before finishing the fragmented one/);
    });

    it('a close frame with status code 999 (§7.4): 1002, the code shown as received', async () => {
      const { session, message } = await afterOpen(closeFrame(999, 'bad'), 1002);
      assert.match(message, /status code 999/);
      assert.equal(ofType(session, 'close-frame', 'in')[0].meta!.close!.wireCode, 999);
    });

    it('a close frame whose reason is not UTF-8: 1007, and the row says it was the close reason', async () => {
      const { message } = await afterOpen(closeFrame(1000, Buffer.from([0xc3, 0x28])), 1007);
      assert.match(message, /close frame whose reason is not valid UTF-8/);
    });

    it('a 64-bit length with its most significant bit set: 1009, one protocol-error row, no allocation', async () => {
      const { session } = await afterOpen(lengthWithMsbSet(), 1009);
      assert.match(ourError(session, 'RI_PROTOCOL_ERROR').meta!.error!.message, /2\^53/);
      // The server's fault, once: not also an RI_INTERNAL row from our frame tap, which cannot frame it either.
      assert.deepEqual(errorCodes(session), ['RI_PROTOCOL_ERROR']);
      assert.equal(ofType(session, 'close-frame', 'out').length, 1, 'the 1009 close frame logged once');
      payloadsBounded(session, 1024);
    });
  });

  describe('sizes and floods', () => {
    it('a message of exactly the limit is delivered; one byte over is refused with 1009', async () => {
      const session = await against((socket, head) => {
        socket.write(switchingProtocols(head));
        socket.write(frameWithFirstByte(0x80 | OP.binary, Buffer.alloc(LIMIT, 1)));
        socket.write(frameWithFirstByte(0x80 | OP.binary, Buffer.alloc(LIMIT + 1, 2)));
      });
      const messages = ofType(session, 'message', 'in');
      assert.deepEqual(
        messages.map((m) => m.size),
        [LIMIT],
        'only the message at the limit',
      );
      const error = ourError(session, 'RI_MESSAGE_TOO_BIG');
      assert.match(error.meta!.error!.message, new RegExp(`${LIMIT} bytes`));
      assert.equal(ofType(session, 'close-frame', 'out')[0].meta!.close!.sentCode, 1009);
    });

    it('endless 1-byte fragments: refused at the message limit (1009), one row, not one per fragment', async () => {
      const session = await against((socket, head) => {
        socket.write(switchingProtocols(head));
        socket.write(frameWithFirstByte(OP.text, 'a'));
        const fragments = Buffer.concat(Array.from({ length: 256 }, () => frameWithFirstByte(OP.continuation, 'a')));
        void writeForever(socket, fragments);
      });
      ourError(session, 'RI_MESSAGE_TOO_BIG');
      assert.equal(ofType(session, 'close-frame', 'out')[0].meta!.close!.sentCode, 1009);
      assert.ok(
        session.log.count < 50,
        `a handful of rows, not one per fragment: ${JSON.stringify(rowCounts(session))}`,
      );
    });

    it('a ping flood: ws drops the connection after 60 pending pongs, and a row says so in our words', async () => {
      const session = await against((socket, head) => {
        socket.write(switchingProtocols(head));
        const pings = Buffer.concat(Array.from({ length: 64 }, () => frameWithFirstByte(0x80 | OP.ping, 'pp')));
        void writeForever(socket, pings);
      });
      const counts = rowCounts(session);
      assert.ok((counts['out:pong'] ?? 0) <= 60, `at most 60 pongs queued: ${counts['out:pong']}`);
      assert.ok((counts['in:ping'] ?? 0) < 200_000, `ping rows bounded: ${counts['in:ping']}`);
      const closed = ofType(session, 'closed')[0];
      assert.equal(closed.meta!.close!.localCode, 1006);
      // ws 8.23 terminates in its ping handler and reports no error: the row and the summary say why.
      const error = ourError(session, 'RI_PING_FLOOD');
      // 61 when the first read held the burst (60 pongs waiting, then one more ping); more if pongs got out first.
      const inARow = Number(/sent (\d+) pings in a row/.exec(error.meta!.error!.message)?.[1]);
      assert.ok(inARow >= 61, `the pings in a row are counted: ${error.meta!.error!.message}`);
      assert.match(error.meta!.error!.message, /60 of its pongs are still waiting/);
      assert.deepEqual(errorCodes(session), ['RI_PING_FLOOD'], 'one row');
      assert.match(closed.meta!.note!, /pings in a row/, 'the close summary names it');
    });

    it('pings answered one at a time (the server waits for each pong): no flood row, however many', async () => {
      const session = await against((socket, head) => {
        socket.write(switchingProtocols(head));
        let left = 100;
        const next = (): void =>
          void (left-- > 0 ? socket.write(frameWithFirstByte(0x80 | OP.ping, 'p')) : socket.end(closeFrame(1000)));
        socket.on('data', next);
        next();
      });
      assert.equal(rowCounts(session)['in:ping'], 100);
      assert.deepEqual(errorCodes(session), []);
    });

    it('data frames after the server’s close frame are ignored: no message rows after it', async () => {
      const session = await against((socket, head) => {
        socket.write(switchingProtocols(head));
        socket.write(
          Buffer.concat([serverFrame(OP.text, 'before'), closeFrame(1000, 'bye'), serverFrame(OP.text, 'after')]),
        );
      });
      const messages = ofType(session, 'message', 'in');
      assert.deepEqual(
        messages.map((m) => (m.payload?.kind === 'text' ? m.payload.text : '?')),
        ['before'],
      );
      const closed = ofType(session, 'closed')[0];
      assert.equal(closed.meta!.close!.wireCode, 1000);
      assert.deepEqual(errorCodes(session), []);
    });
  });
});
