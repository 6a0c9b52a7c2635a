/**
 * The HTTP/1.1 head splitter the socket tap runs on both directions before frames start: the exact
 * upgrade request and 101 response, any chunking, bounded at MAX_HEAD_BYTES.
 */
import assert from 'node:assert/strict';
import {
  createHeadSplitter,
  MAX_HEAD_BYTES,
  parseHead,
  parseRequestLine,
  parseStatusLine,
  type ParsedHead,
} from '../../../../src/core/websocket/httpHead';

const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
/** What feed() returned, as hex ('' = the head ended exactly at the chunk end), or undefined. */
const hexOf = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString('hex');

// RFC 6455 §1.3 handshake.
const REQUEST = [
  'GET /chat HTTP/1.1',
  'Host: server.example.com',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Origin: http://example.com',
  'Sec-WebSocket-Protocol: chat, superchat',
  'Sec-WebSocket-Version: 13',
  '',
  '',
].join('\r\n');
const RESPONSE = [
  'HTTP/1.1 101 Switching Protocols',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
  'Sec-WebSocket-Protocol: chat',
  '',
  '',
].join('\r\n');

describe('httpHead', () => {
  describe('createHeadSplitter', () => {
    it('parses the RFC 6455 §1.3 request in one chunk, with nothing after it', () => {
      const splitter = createHeadSplitter();
      const rest = splitter.feed(ascii(REQUEST));
      assert.equal(hexOf(rest), '');
      const head = splitter.head;
      assert.ok(head);
      assert.equal(head.startLine, 'GET /chat HTTP/1.1');
      assert.equal(head.byteLength, REQUEST.length);
      assert.deepEqual(head.headers, [
        ['Host', 'server.example.com'],
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ['Origin', 'http://example.com'],
        ['Sec-WebSocket-Protocol', 'chat, superchat'],
        ['Sec-WebSocket-Version', '13'],
      ]);
      assert.equal(splitter.overflowed, false);
    });

    it('returns undefined while inside the head, then the head once complete', () => {
      const splitter = createHeadSplitter();
      const bytes = ascii(RESPONSE);
      // Read through a function: assert.equal(x, undefined) would narrow `splitter.head` for the compiler.
      const head = (): ParsedHead | undefined => splitter.head;
      assert.equal(splitter.feed(bytes.subarray(0, 20)), undefined);
      assert.equal(head(), undefined);
      assert.equal(
        splitter.feed(bytes.subarray(20, bytes.length - 1)),
        undefined,
        'one byte of the blank line missing',
      );
      assert.equal(head(), undefined);
      assert.equal(hexOf(splitter.feed(bytes.subarray(bytes.length - 1))), '');
      assert.equal(head()?.startLine, 'HTTP/1.1 101 Switching Protocols');
      assert.equal(head()?.byteLength, bytes.length);
    });

    it('finds a CRLF CRLF split across every possible chunk boundary', () => {
      const bytes = ascii(RESPONSE);
      for (let cut = 1; cut < bytes.length; cut++) {
        const splitter = createHeadSplitter();
        const first = splitter.feed(bytes.subarray(0, cut));
        const second = splitter.feed(bytes.subarray(cut));
        assert.equal(first, undefined, `cut at ${cut}`);
        assert.equal(hexOf(second), '', `cut at ${cut}`);
        assert.equal(splitter.head?.headers.length, 4, `cut at ${cut}`);
      }
    });

    it('parses the head fed byte by byte', () => {
      const splitter = createHeadSplitter();
      const bytes = ascii(REQUEST);
      let rest: Uint8Array | undefined;
      for (let i = 0; i < bytes.length; i++) {
        rest = splitter.feed(bytes.subarray(i, i + 1));
        if (i < bytes.length - 1) assert.equal(rest, undefined);
      }
      assert.equal(hexOf(rest), '');
      assert.equal(splitter.head?.headers.length, 7);
    });

    it('returns the bytes after the head: a 101 followed by a frame (81 05 48 65 6c 6c 6f) in the same chunk', () => {
      const splitter = createHeadSplitter();
      const frame = hex('81 05 48 65 6c 6c 6f');
      const rest = splitter.feed(new Uint8Array(Buffer.concat([ascii(RESPONSE), frame])));
      assert.equal(hexOf(rest), '810548656c6c6f');
      assert.equal(splitter.head?.byteLength, RESPONSE.length, 'byteLength excludes the bytes after the head');
    });

    it('returns the bytes after the head when the head ends in a later chunk', () => {
      const splitter = createHeadSplitter();
      const bytes = ascii(RESPONSE);
      assert.equal(splitter.feed(bytes.subarray(0, bytes.length - 2)), undefined);
      const rest = splitter.feed(new Uint8Array(Buffer.concat([bytes.subarray(bytes.length - 2), hex('89 00 8a 00')])));
      assert.equal(hexOf(rest), '89008a00');
    });

    it('ignores everything fed after the head is complete', () => {
      const splitter = createHeadSplitter();
      splitter.feed(ascii(RESPONSE));
      const head = splitter.head;
      assert.equal(splitter.feed(ascii('HTTP/1.1 200 OK\r\n\r\n')), undefined);
      assert.equal(splitter.head, head);
    });

    it('keeps duplicate headers, in order', () => {
      const splitter = createHeadSplitter();
      splitter.feed(
        ascii(
          'HTTP/1.1 101 Switching Protocols\r\nSet-Cookie: a=1\r\nUpgrade: websocket\r\n' +
            'Set-Cookie: b=2\r\nset-cookie: c=3\r\n\r\n',
        ),
      );
      assert.deepEqual(splitter.head?.headers, [
        ['Set-Cookie', 'a=1'],
        ['Upgrade', 'websocket'],
        ['Set-Cookie', 'b=2'],
        ['set-cookie', 'c=3'],
      ]);
    });

    it('decodes header bytes as latin1, one byte per character', () => {
      const splitter = createHeadSplitter();
      splitter.feed(
        new Uint8Array(Buffer.concat([ascii('HTTP/1.1 101 OK\r\nX-Name: caf'), hex('e9'), ascii('\r\n\r\n')])),
      );
      assert.deepEqual(splitter.head?.headers, [['X-Name', 'café']]);
    });

    it('overflows once more than MAX_HEAD_BYTES (64 KiB) arrive without a blank line', () => {
      assert.equal(MAX_HEAD_BYTES, 64 * 1024);
      const splitter = createHeadSplitter();
      const line = ascii(`X-Filler: ${'a'.repeat(1000)}\r\n`);
      let fed = 0;
      assert.equal(splitter.feed(ascii('HTTP/1.1 101 Switching Protocols\r\n')), undefined);
      fed += 34;
      while (fed + line.length <= MAX_HEAD_BYTES) {
        assert.equal(splitter.feed(line), undefined);
        fed += line.length;
      }
      assert.equal(splitter.overflowed, false, `${fed} bytes is still within the limit`);
      splitter.feed(line);
      assert.equal(splitter.overflowed, true);
      assert.equal(splitter.feed(ascii('\r\n\r\n')), undefined, 'the end of the head no longer helps');
      assert.equal(splitter.head, undefined);
    });

    it('exactly MAX_HEAD_BYTES without a blank line is not yet an overflow; one more byte is', () => {
      const splitter = createHeadSplitter();
      splitter.feed(new Uint8Array(MAX_HEAD_BYTES).fill(0x61));
      assert.equal(splitter.overflowed, false);
      splitter.feed(ascii('a'));
      assert.equal(splitter.overflowed, true);
    });

    it('a head longer than MAX_HEAD_BYTES overflows whatever the chunking (one chunk here)', () => {
      const splitter = createHeadSplitter();
      const big = `HTTP/1.1 101 Switching Protocols\r\nX-Filler: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`;
      splitter.feed(ascii(big));
      assert.equal(splitter.overflowed, true);
      assert.equal(splitter.head, undefined);
    });
  });

  describe('parseHead', () => {
    it('trims names and values, skips lines without a name before the colon', () => {
      const head = parseHead(
        'HTTP/1.1 101 Switching Protocols\r\n  Upgrade :  websocket  \r\nno colon here\r\n: no name\r\nX-Empty:',
        99,
      );
      assert.equal(head.startLine, 'HTTP/1.1 101 Switching Protocols');
      assert.deepEqual(head.headers, [
        ['Upgrade', 'websocket'],
        ['X-Empty', ''],
      ]);
      assert.equal(head.byteLength, 99);
    });

    it('splits only on the first colon: values may contain colons', () => {
      const head = parseHead('GET / HTTP/1.1\r\nHost: example.com:8080\r\nOrigin: http://a:1', 0);
      assert.deepEqual(head.headers, [
        ['Host', 'example.com:8080'],
        ['Origin', 'http://a:1'],
      ]);
    });

    it('an empty text gives an empty start line and no headers', () => {
      assert.deepEqual(parseHead('', 4), { startLine: '', headers: [], byteLength: 4 });
    });
  });

  describe('parseStatusLine', () => {
    it('reads HTTP/1.1 101 Switching Protocols', () => {
      assert.deepEqual(parseStatusLine('HTTP/1.1 101 Switching Protocols'), {
        httpVersion: '1.1',
        status: 101,
        statusText: 'Switching Protocols',
      });
    });

    it('reads a status without reason text', () => {
      assert.deepEqual(parseStatusLine('HTTP/1.0 404'), { httpVersion: '1.0', status: 404, statusText: '' });
    });

    it('keeps a multi-word reason', () => {
      assert.deepEqual(parseStatusLine('HTTP/1.1 426 Upgrade Required Now'), {
        httpVersion: '1.1',
        status: 426,
        statusText: 'Upgrade Required Now',
      });
    });

    it('returns {} for anything that is not a status line', () => {
      assert.deepEqual(parseStatusLine('GET / HTTP/1.1'), {});
      assert.deepEqual(parseStatusLine('HTTP/1.1 20 OK'), {});
      assert.deepEqual(parseStatusLine('SSH-2.0-OpenSSH_9.6'), {});
      assert.deepEqual(parseStatusLine(''), {});
    });
  });

  it('parseStatusLine refuses a 4-digit status code (HTTP/1.1 2000 OK)', () => {
    assert.deepEqual(parseStatusLine('HTTP/1.1 2000 OK'), {});
    assert.deepEqual(parseStatusLine('HTTP/1.1 1010 x'), {});
  });

  describe('parseRequestLine', () => {
    it('reads GET /chat HTTP/1.1', () => {
      assert.deepEqual(parseRequestLine('GET /chat HTTP/1.1'), { method: 'GET', target: '/chat', httpVersion: '1.1' });
    });

    it('keeps the query in the target', () => {
      assert.deepEqual(parseRequestLine('GET /socket.io/?EIO=4&transport=websocket HTTP/1.1'), {
        method: 'GET',
        target: '/socket.io/?EIO=4&transport=websocket',
        httpVersion: '1.1',
      });
    });

    it('returns {} for malformed request lines', () => {
      assert.deepEqual(parseRequestLine('get /chat HTTP/1.1'), {}, 'methods are upper case');
      assert.deepEqual(parseRequestLine('GET /chat'), {});
      assert.deepEqual(parseRequestLine('GET /a b HTTP/1.1'), {});
      assert.deepEqual(parseRequestLine('HTTP/1.1 101 Switching Protocols'), {});
      assert.deepEqual(parseRequestLine(''), {});
    });
  });
});
