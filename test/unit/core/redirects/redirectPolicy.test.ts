/**
 * The hop decision alone (redirects/redirectPolicy.ts, issue 12): where a Location leads for each kind, what is
 * left behind on an origin change (header names, user:password, token subprotocols), how the method changes, and
 * every way a chain is refused. Pure: no server needed.
 */
import assert from 'node:assert/strict';
import type { Header } from '../../../../src/core/events/logEvent';
import {
  MAX_LOCATION_CHARS,
  decideHop,
  isRedirectStatus,
  startChain,
  type FollowedHop,
  type HopRequest,
} from '../../../../src/core/redirects/redirectPolicy';
import { redirectRowMeta } from '../../../../src/core/redirects/redirectRow';

function request(url: string, extra: Partial<HopRequest> = {}): HopRequest {
  return { url: new URL(url), method: 'GET', headers: [['Authorization', 'Bearer abcdef123']], ...extra };
}
function hop(req: HopRequest, location: string, status = 302, scheme: 'http' | 'websocket' = 'http') {
  const headers: Header[] = [['Location', location]];
  return decideHop(startChain(req.url), req, { status, headers, maxRedirects: 5, scheme });
}
function followed(decision: ReturnType<typeof decideHop>): FollowedHop {
  assert.ok(decision.ok, JSON.stringify(!decision.ok && decision.error));
  return decision;
}

describe('redirect policy (issue 12)', () => {
  it('redirects on 301, 302, 303, 307, 308 only', () => {
    assert.deepEqual([300, 301, 302, 303, 304, 305, 307, 308, 200].filter(isRedirectStatus), [301, 302, 303, 307, 308]);
  });

  it('maps http(s) Locations to ws(s) for a WebSocket handshake, and drops a fragment', () => {
    const secure = followed(hop(request('wss://a.test/x'), 'https://a.test/y#frag', 302, 'websocket'));
    assert.equal(secure.next.url.href, 'wss://a.test/y');
    const relative = followed(hop(request('ws://a.test:8080/x'), '/y?q=1', 307, 'websocket'));
    assert.equal(relative.next.url.href, 'ws://a.test:8080/y?q=1');
    assert.equal(hop(request('http://a.test/'), 'ws://a.test/', 302, 'http').ok, false, 'HTTP kinds stay HTTP');
  });

  it('on an origin change leaves behind credential headers, user:password and token subprotocols (names only)', () => {
    const req = request('ws://user:pw@a.test/', {
      headers: [
        ['Authorization', 'Bearer abcdef123'],
        ['Proxy-Authorization', 'Basic eHh4'],
        ['X-Other', '1'],
      ],
      subprotocols: ['chat', 'access_token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x'],
    });
    const cross = followed(hop(req, 'ws://user:pw@b.test/', 302, 'websocket'));
    assert.deepEqual(cross.next.headers, [['X-Other', '1']]);
    assert.equal(cross.next.url.username, '');
    assert.deepEqual(cross.next.subprotocols, ['chat', 'access_token']);
    assert.deepEqual(cross.stripped, [
      'Authorization',
      'Proxy-Authorization',
      'URL user:password',
      '1 token entry of Sec-WebSocket-Protocol',
    ]);
    const port = followed(hop(req, 'ws://a.test:81/', 302, 'websocket'));
    assert.ok(port.stripped.includes('Authorization'), 'another port is another origin');
    const same = followed(hop(req, '/other', 302, 'websocket'));
    assert.deepEqual(same.stripped, []);
    assert.equal(same.next.headers.length, 3);
    const meta = redirectRowMeta(302, req.url, cross, 5);
    assert.ok(!JSON.stringify(meta).includes('abcdef123') && !JSON.stringify(meta).includes(':pw@'));
  });

  it('turns POST into GET on 301/302/303 (without body headers) and keeps it on 307/308', () => {
    const post = request('http://a.test/', {
      method: 'POST',
      body: '{}',
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Length', '2'],
      ],
    });
    for (const status of [301, 302, 303]) {
      const next = followed(hop(post, '/b', status));
      assert.equal(next.next.method, 'GET', String(status));
      assert.equal(next.next.body, undefined);
      assert.deepEqual(next.next.headers, []);
      assert.equal(next.methodChangedTo, 'GET');
    }
    for (const status of [307, 308]) {
      const next = followed(hop(post, '/b', status));
      assert.deepEqual([next.next.method, next.next.body, next.next.headers.length], ['POST', '{}', 2]);
    }
  });

  it('refuses what it cannot follow, each with its own code', () => {
    const req = request('https://a.test/');
    const code = (decision: ReturnType<typeof decideHop>) => (decision.ok ? 'followed' : decision.error.code);
    assert.equal(code(hop(req, '')), 'RI_REDIRECT_INVALID');
    assert.equal(code(hop(req, 'http://[::1')), 'RI_REDIRECT_INVALID');
    assert.equal(code(hop(req, 'data:text/html,x')), 'RI_REDIRECT_INVALID');
    assert.equal(code(hop(req, '/a\r\nSet-Cookie: x=1')), 'RI_REDIRECT_INVALID');
    assert.equal(code(hop(req, `/${'a'.repeat(MAX_LOCATION_CHARS)}`)), 'RI_REDIRECT_INVALID');
    assert.equal(code(hop(req, 'http://a.test/')), 'RI_REDIRECT_DOWNGRADE');
    assert.equal(code(hop(req, '/')), 'RI_REDIRECT_LOOP');
    const five = { hops: 5, visited: ['https://a.test/'] };
    const sixth = decideHop(five, req, { status: 302, headers: [['Location', '/6']], maxRedirects: 5, scheme: 'http' });
    assert.equal(code(sixth), 'RI_TOO_MANY_REDIRECTS');
  });
});
