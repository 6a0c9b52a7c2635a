/**
 * Findings of the issue 12 network review. Against a real "proxy" on 127.0.0.1 that records what it was sent: a
 * proxy URL whose userinfo is not valid percent-encoding (decodeURIComponent threw inside the socket's connect
 * listener: an uncaught exception in the extension host), CR/LF in the CONNECT request, the tunnel socket closed
 * by us after a refusal. Pure: NO_PROXY edge cases (trailing dots, IPv6 spellings) and the proxy as shown.
 */
import assert from 'node:assert/strict';
import { bypassesProxy, parseNoProxy } from '../../../../src/core/network/noProxy';
import { chooseProxy } from '../../../../src/core/network/proxyChoice';
import { connectRequestHead, openTunnel } from '../../../../src/core/network/proxyTunnel';
import { NetworkFailure } from '../../../../src/core/network/proxyErrors';
import { shownProxy } from '../../../../src/core/network/routeFacts';
import { startRawTcpServer, type RawTcpServer } from '../../../fixtures/servers/rawTcpServer';

function routeFor(proxy: string) {
  const decision = chooseProxy({ vscodeProxy: proxy }, new URL('wss://example.com/'));
  return decision.kind === 'proxy' ? decision.route : assert.fail(`no route: ${JSON.stringify(decision)}`);
}

describe('CONNECT requests a hostile configuration or target cannot break (review of issue 12)', function () {
  this.timeout(10_000);
  let proxy: RawTcpServer;
  beforeEach(async () => {
    proxy = await startRawTcpServer((socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
  });
  afterEach(() => proxy.close());

  it('sends userinfo that is not valid percent-encoding as it stands, instead of throwing', async () => {
    const route = routeFor(`http://a%zz:p%E0%A4%A@127.0.0.1:${proxy.port}`);
    const head = connectRequestHead(route, 'example.com', 443);
    const basic = /Proxy-Authorization: Basic (\S+)/.exec(head)?.[1] ?? '';
    assert.equal(Buffer.from(basic, 'base64').toString('utf8'), 'a%zz:p%E0%A4%A');
    const failure = await openTunnel({ route, host: 'example.com', port: 443, timeoutMs: 5000 }).then(
      () => assert.fail('the proxy answered 407'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof NetworkFailure);
    assert.equal(failure.code, 'RI_PROXY_AUTH_REQUIRED');
    assert.equal(proxy.requests.length, 1);
  });

  it('a password with an encoded CR LF stays inside the base64 of Proxy-Authorization', () => {
    const head = connectRequestHead(routeFor('http://u:p%0D%0AX-Injected:%201@proxy:3128'), 'example.com', 443);
    assert.equal(head.split('\r\n').filter((line) => /^x-injected/i.test(line)).length, 0);
    assert.equal(head.split('\r\n').length, 5, head);
  });

  it('a raw CR LF in the proxy URL does not reach the wire (the URL parser drops it, or it is invalid)', () => {
    const decision = chooseProxy({ vscodeProxy: 'http://proxy:3128\r\nX-Injected: 1' }, new URL('wss://a.test/'));
    if (decision.kind === 'proxy')
      assert.doesNotMatch(connectRequestHead(decision.route, 'a.test', 443), /\r\nX-Injected/i);
    else assert.equal(decision.kind, 'invalid');
  });

  it('refuses a target host with CR LF or spaces before anything is sent to the proxy', async () => {
    const route = routeFor(`http://127.0.0.1:${proxy.port}`);
    for (const host of ['example.com\r\nX-Injected: 1', 'example.com HTTP/1.1', 'exa\u0000mple.com', '']) {
      const failure = await openTunnel({ route, host, port: 443, timeoutMs: 5000 }).then(
        () => assert.fail('a tunnel was opened'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof NetworkFailure, String(failure));
      assert.equal(failure.code, 'RI_INVALID_OPTIONS', JSON.stringify(host));
    }
    assert.equal(proxy.requests.length, 0);
  });
});

describe('the tunnel socket after a refusal (review of issue 12)', function () {
  this.timeout(10_000);
  const answers = [
    'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n',
    'HTTP/1.1 403 Forbidden\r\n\r\n',
    `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(20_000)}`,
  ];
  for (const answer of answers)
    it(`is closed by us when the proxy answers ${JSON.stringify(answer.slice(0, 12))}… and keeps it open`, async () => {
      let closed!: () => void;
      const closedByClient = new Promise<void>((resolve) => (closed = resolve));
      const proxy = await startRawTcpServer((socket) => {
        socket.on('end', () => closed());
        socket.write(answer);
      });
      try {
        const route = routeFor(`http://127.0.0.1:${proxy.port}`);
        const failure = await openTunnel({ route, host: 'example.com', port: 443, timeoutMs: 5000 }).catch((e) => e);
        assert.ok(failure instanceof NetworkFailure);
        await closedByClient;
      } finally {
        await proxy.close();
      }
    });
});

describe('NO_PROXY edge cases (review of issue 12)', () => {
  const table: Array<[noProxy: string, target: string, bypass: boolean]> = [
    // A fully qualified name (trailing dot) is the same host: curl ignores the dot on either side.
    ['example.com', 'wss://api.example.com./', true],
    ['example.com', 'wss://example.com./', true],
    ['example.com.', 'wss://example.com/', true],
    ['.example.com.', 'wss://api.example.com/', true],
    ['example.com:8443', 'wss://example.com.:8443/', true],
    ['example.com.', 'wss://example.com.evil.test/', false],
    // An entry of dots names no host, even for targets that end in one.
    ['.', 'wss://example.com./', false],
    ['..', 'wss://example.com./', false],
    // IPv6: any spelling of the address, bracketed or not, with or without a port; case does not matter.
    ['0:0:0:0:0:0:0:1', 'ws://[::1]:9000/', true],
    ['[0:0::1]:9000', 'ws://[::1]:9000/', true],
    ['FE80::1', 'ws://[fe80::1]/', true],
    ['::ffff:127.0.0.1', 'ws://[::ffff:7f00:1]/', true],
    ['::1', 'ws://[::2]/', false],
    ['[::1]:9000', 'ws://[0::1]:9001/', false],
  ];
  for (const [noProxy, target, bypass] of table)
    it(`${JSON.stringify(noProxy)} ${bypass ? 'bypasses' : 'does not bypass'} ${target}`, () => {
      assert.equal(bypassesProxy(parseNoProxy(noProxy), new URL(target)), bypass);
    });
});

describe('the proxy as shown (review of issue 12)', () => {
  it('masks the password, and a user name that is the only credential (a token as the user name)', () => {
    assert.equal(shownProxy(new URL('http://scott:tiger@proxy:3128')), 'http://scott:••••@proxy:3128');
    assert.equal(shownProxy(new URL('http://ghp_abcdef0123456789@proxy:3128')), 'http://••••@proxy:3128');
    assert.equal(shownProxy(new URL('https://proxy/path?token=x')), 'https://proxy');
  });

  it('cuts a very long user name', () => {
    const shown = shownProxy(new URL(`http://${'u'.repeat(5000)}:p@proxy:3128`));
    assert.ok(shown.length < 100, shown);
    assert.match(shown, /^http:\/\/u+…:••••@proxy:3128$/);
  });
});
