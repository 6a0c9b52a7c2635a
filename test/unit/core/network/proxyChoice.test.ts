/**
 * Which proxy a connection takes (issue 12): NO_PROXY read as curl reads it, and the order of the sources — the
 * profile, VS Code's http.proxy / http.proxySupport / http.noProxy, then the environment.
 */
import assert from 'node:assert/strict';
import { bypassesProxy, parseNoProxy } from '../../../../src/core/network/noProxy';
import { chooseProxy, type ProxySources } from '../../../../src/core/network/proxyChoice';

describe('NO_PROXY matching (curl semantics)', () => {
  const table: Array<[noProxy: string, target: string, bypass: boolean]> = [
    ['*', 'wss://anything.example:443/', true],
    ['example.com', 'ws://example.com/', true],
    ['example.com', 'wss://api.example.com/', true],
    ['.example.com', 'wss://api.example.com/', true],
    ['.example.com', 'wss://example.com/', true],
    ['*.example.com', 'wss://deep.api.example.com/', true],
    ['example.com', 'wss://notexample.com/', false],
    ['example.com', 'wss://example.com.evil.test/', false],
    ['example.com:8443', 'wss://example.com:8443/', true],
    ['example.com:8443', 'wss://example.com/', false],
    ['example.com:443', 'wss://example.com/', true],
    ['example.com:80', 'ws://example.com/', true],
    ['internal, other.test', 'http://svc.internal/', true],
    ['internal other.test', 'http://a.other.test/', true],
    ['127.0.0.1', 'ws://127.0.0.1:8080/', true],
    ['127.0.0.1', 'ws://127.0.0.2:8080/', false],
    ['127.0.0.1:8080', 'ws://127.0.0.1:8081/', false],
    ['10.0.0.0/8', 'http://10.20.30.40/', true],
    ['10.0.0.0/8', 'http://11.0.0.1/', false],
    ['::1', 'ws://[::1]:9000/', true],
    ['[::1]:9000', 'ws://[::1]:9000/', true],
    ['[::1]:9000', 'ws://[::1]:9001/', false],
    ['localhost', 'ws://localhost:3000/', true],
    ['localhost', 'ws://127.0.0.1:3000/', false],
    ['', 'ws://localhost:3000/', false],
    ['EXAMPLE.com', 'wss://Api.Example.COM/', true],
  ];
  for (const [noProxy, target, bypass] of table)
    it(`${JSON.stringify(noProxy)} ${bypass ? 'bypasses' : 'does not bypass'} ${target}`, () => {
      assert.equal(bypassesProxy(parseNoProxy(noProxy), new URL(target)), bypass);
    });
});

describe('chooseProxy', () => {
  const target = new URL('wss://api.example.com/socket');
  const plain = new URL('ws://api.example.com/socket');
  const via = (sources: ProxySources, url = target): string => {
    const decision = chooseProxy(sources, url);
    if (decision.kind === 'proxy') return `${decision.route.proxy.host} from ${decision.route.source}`;
    return decision.kind;
  };

  it('uses http.proxy for every target, before the environment', () => {
    const env = { HTTPS_PROXY: 'http://env:1' };
    assert.equal(via({ vscodeProxy: 'http://vs:3128', env }), 'vs:3128 from http.proxy');
    assert.equal(via({ vscodeProxy: 'http://vs:3128', env }, plain), 'vs:3128 from http.proxy');
  });

  it('reads HTTPS_PROXY for wss/https and HTTP_PROXY for ws/http, upper case first, as VS Code does', () => {
    const env = { HTTPS_PROXY: 'http://secure:1', https_proxy: 'http://lower:1', HTTP_PROXY: 'http://plain:2' };
    assert.equal(via({ env }), 'secure:1 from HTTPS_PROXY');
    assert.equal(via({ env }, plain), 'plain:2 from HTTP_PROXY');
    assert.equal(via({ env: { https_proxy: 'http://lower:1' } }), 'lower:1 from https_proxy');
    assert.equal(via({ env: { http_proxy: 'http://only-http:3' } }), 'only-http:3 from http_proxy');
    assert.equal(via({ env: { HTTPS_PROXY: 'http://secure:1' } }, plain), 'direct');
  });

  it('takes "proxy:3128" without a scheme as http://', () => {
    assert.equal(via({ vscodeProxy: 'corp-proxy:3128' }), 'corp-proxy:3128 from http.proxy');
  });

  it('goes direct for hosts in http.noProxy or NO_PROXY', () => {
    assert.equal(via({ vscodeProxy: 'http://vs:3128', vscodeNoProxy: ['example.com'] }), 'direct');
    assert.equal(via({ env: { HTTPS_PROXY: 'http://e:1', NO_PROXY: '.example.com' } }), 'direct');
    assert.equal(via({ env: { HTTPS_PROXY: 'http://e:1', no_proxy: 'other.test' } }), 'e:1 from HTTPS_PROXY');
  });

  it('ignores VS Code and the environment when http.proxySupport is "off"', () => {
    assert.equal(
      via({ vscodeProxy: 'http://vs:3128', proxySupport: 'off', env: { HTTPS_PROXY: 'http://e:1' } }),
      'direct',
    );
    for (const support of ['on', 'fallback', 'override'] as const)
      assert.equal(via({ vscodeProxy: 'http://vs:3128', proxySupport: support }), 'vs:3128 from http.proxy');
  });

  it('lets the profile\'s proxy win, with its own noProxy, and its mode "direct" turn every proxy off', () => {
    const base: ProxySources = { vscodeProxy: 'http://vs:3128', proxySupport: 'off' };
    assert.equal(via({ ...base, profile: { url: 'http://mine:8080' } }), 'mine:8080 from profile');
    assert.equal(via({ ...base, profile: { url: 'http://mine:8080', noProxy: ['example.com'] } }), 'direct');
    assert.equal(via({ vscodeProxy: 'http://vs:3128', profile: { mode: 'direct' } }), 'direct');
    assert.equal(via({ vscodeProxy: 'http://vs:3128', profile: { mode: 'system' } }), 'vs:3128 from http.proxy');
  });

  it('names an unusable proxy setting instead of connecting directly', () => {
    const socks = chooseProxy({ vscodeProxy: 'socks5://127.0.0.1:1080' }, target);
    assert.equal(socks.kind, 'invalid');
    assert.match(socks.kind === 'invalid' ? socks.message : '', /http\.proxy uses socks5:\/\/, which is not supported/);
    assert.equal(chooseProxy({ env: { HTTPS_PROXY: 'http://' } }, target).kind, 'invalid');
  });

  it('keeps the credentials of the proxy URL for the CONNECT, and http.proxyStrictSSL for an https proxy', () => {
    const decision = chooseProxy({ vscodeProxy: 'https://u%40x:p%3Aw@vs:3128', proxyStrictSSL: false }, target);
    assert.equal(decision.kind, 'proxy');
    if (decision.kind !== 'proxy') return;
    assert.equal(decision.route.proxy.username, 'u%40x');
    assert.equal(decision.route.proxy.password, 'p%3Aw');
    assert.equal(decision.route.strictSSL, false);
  });
});
