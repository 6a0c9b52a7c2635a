/**
 * The proxy's answer to CONNECT read from raw bytes (issue 12), and the CONNECT we send: any chunking, bounded,
 * garbage named, bytes after the head kept for the target; the proxy's credentials only in Proxy-Authorization.
 */
import assert from 'node:assert/strict';
import { MAX_CONNECT_HEAD_BYTES, readConnectHead } from '../../../../src/core/network/connectResponse';
import { chooseProxy } from '../../../../src/core/network/proxyChoice';
import { connectRequestHead } from '../../../../src/core/network/proxyTunnel';

/** Feeds `bytes` one at a time, as a proxy that drips its answer would. */
function dripped(bytes: Buffer): ReturnType<typeof readConnectHead> {
  let received = Buffer.alloc(0);
  for (const byte of bytes) {
    const searchedTo = received.length;
    received = Buffer.concat([received, Buffer.from([byte])]);
    const head = readConnectHead(received, searchedTo);
    if (head.kind !== 'partial') return head;
  }
  return { kind: 'partial' };
}

describe('the CONNECT answer', () => {
  it('reads a 200 dripped byte by byte, and keeps the bytes after the head for the target', () => {
    const answer = Buffer.from('HTTP/1.1 200 Connection established\r\nVia: test\r\n\r\n');
    const head = readConnectHead(Buffer.concat([answer, Buffer.from('\x16\x03')]));
    assert.deepEqual(head.kind === 'head' && [head.status, head.reason, [...head.rest]], [
      200,
      'Connection established',
      [0x16, 0x03],
    ]);
    const slow = dripped(answer);
    assert.equal(slow.kind === 'head' && slow.status, 200);
  });

  it('accepts a bare LF head end and a status line without a reason', () => {
    const head = readConnectHead(Buffer.from('HTTP/1.0 407\n\n'));
    assert.equal(head.kind === 'head' && head.status, 407);
  });

  it('names garbage and an endless head instead of waiting or growing', () => {
    assert.equal(readConnectHead(Buffer.from('<html>')).kind, 'bad');
    assert.equal(readConnectHead(Buffer.from('HTTP/2 200\r\n\r\n')).kind, 'bad');
    assert.equal(readConnectHead(Buffer.from('HTTP/1.1 2OO OK\r\n\r\n')).kind, 'bad');
    const endless = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nX: '), Buffer.alloc(MAX_CONNECT_HEAD_BYTES, 'a')]);
    const head = readConnectHead(endless);
    assert.equal(head.kind, 'bad');
    assert.match(head.kind === 'bad' ? head.why : '', /16 KiB/);
    assert.equal(readConnectHead(Buffer.from('HTTP/1.1 200 O')).kind, 'partial');
  });
});

describe('the CONNECT request', () => {
  const route = (proxy: string) => {
    const decision = chooseProxy({ vscodeProxy: proxy }, new URL('wss://example.com/'));
    assert.equal(decision.kind, 'proxy');
    return decision.kind === 'proxy' ? decision.route : assert.fail();
  };

  it('names only the target authority, with the proxy credentials decoded into Proxy-Authorization', () => {
    const head = connectRequestHead(route('http://us%40er:p%3Ass@proxy:3128'), 'example.com', 443);
    const basic = Buffer.from('us@er:p:ss').toString('base64');
    assert.equal(
      head,
      `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nProxy-Authorization: Basic ${basic}\r\n\r\n`,
    );
  });

  it('brackets an IPv6 target and sends no Proxy-Authorization without credentials', () => {
    assert.equal(
      connectRequestHead(route('http://proxy:3128'), '::1', 8443),
      'CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n',
    );
  });
});
