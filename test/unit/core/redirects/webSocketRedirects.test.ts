/**
 * A WebSocket handshake that is redirected (issue 12), against real servers on 127.0.0.1: two servers on two
 * ports are two origins, and what the far one received is checked there — credentials dropped on an origin
 * change, kept on the same origin; http:// Locations mapped to ws://; chains past 5 hops, loops, garbage and huge
 * Locations and a TLS-to-plain-text downgrade refused; off by default, as before. Each hop is a row.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from '../../../../src/core/session/session';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { events, newSession, ofType } from '../../support/sessions';

const TOKEN = 'secret-token-123';
const COOKIE = 'sid=cookie-value-456';
const CREDENTIALS = [
  ['Authorization', `Bearer ${TOKEN}`],
  ['Cookie', COOKIE],
  ['X-Trace', 'kept-everywhere'],
];

describe('WebSocket handshake redirects (issue 12)', function () {
  this.timeout(10_000);
  const servers: HopServer[] = [];
  const sessions: Session[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const s of servers.splice(0)) await s.close();
  });

  async function server(tls?: { cert: string; key: string }): Promise<HopServer> {
    const started = await startHopServer(tls);
    servers.push(started);
    return started;
  }
  function session(options: Record<string, unknown>): Session {
    const made = newSession({ headers: CREDENTIALS, ...options });
    sessions.push(made);
    return made;
  }

  it('follows a 302 to another origin (http:// mapped to ws://) without Authorization and Cookie', async () => {
    const [a, b] = [await server(), await server()];
    a.route('/start', { redirect: 302, location: `${b.origin}/socket` });
    b.route('/socket', { websocket: true });
    const s = session({ url: `${a.wsOrigin}/start`, followRedirects: true });
    assert.equal(await s.start(), 'open');
    assert.equal(a.requests[0].headers.authorization, `Bearer ${TOKEN}`, 'the first server got what was configured');
    const far = b.requests[0];
    assert.ok(far.upgrade, 'the far server got a WebSocket upgrade');
    assert.equal(far.headers.authorization, undefined, 'no Authorization to another origin');
    assert.equal(far.headers.cookie, undefined, 'no Cookie to another origin');
    assert.equal(far.headers['x-trace'], 'kept-everywhere', 'other headers go on');
    const types = events(s).map((e) => e.type);
    const first = types.indexOf('handshake-response');
    assert.deepEqual(types.slice(first, first + 3), ['handshake-response', 'redirect', 'tcp-connected']);
    const hop = ofType(s, 'redirect')[0];
    assert.match(hop.meta!.note!, /^Redirect 1 of at most 5: 302, ws:\/\/127\.0\.0\.1:\d+\/start → ws:\/\/127/);
    assert.match(hop.meta!.warning!, /not sent again: Authorization, Cookie/);
    const shown = JSON.stringify(hop);
    assert.ok(!shown.includes(TOKEN) && !shown.includes('cookie-value'), 'names only, never values');
    const requests = ofType(s, 'handshake-request');
    assert.equal(requests.length, 2);
    assert.equal(requests[1].meta!.request!.url, `${b.wsOrigin}/socket`);
  });

  it('keeps the credentials on a same-origin 307', async () => {
    const a = await server();
    a.route('/old', { redirect: 307, location: '/new' });
    a.route('/new', { websocket: true });
    const s = session({ url: `${a.wsOrigin}/old`, followRedirects: true });
    assert.equal(await s.start(), 'open');
    assert.equal(a.requests[1].path, '/new');
    assert.equal(a.requests[1].headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(a.requests[1].headers.cookie, COOKIE);
    assert.equal(ofType(s, 'redirect')[0].meta!.warning, undefined, 'nothing left behind');
  });

  it('is off by default: the 302 is shown, not followed', async () => {
    const [a, b] = [await server(), await server()];
    a.route('/start', { redirect: 302, location: `${b.wsOrigin}/socket` });
    const s = session({ url: `${a.wsOrigin}/start` });
    assert.equal(await s.start(), 'closed');
    assert.equal(ofType(s, 'error')[0].meta!.error!.code, 'RI_UNEXPECTED_RESPONSE');
    assert.match(ofType(s, 'error')[0].meta!.error!.hint!, /followRedirects/);
    assert.equal(b.requests.length, 0);
  });

  it('refuses a sixth hop (301, 302, 307, 308 chain): five redirect rows, then a clear error', async () => {
    const a = await server();
    const statuses = [301, 302, 307, 308, 302, 301];
    statuses.forEach((status, i) => a.route(`/r${i}`, { redirect: status, location: `/r${i + 1}` }));
    a.route('/r6', { websocket: true });
    const s = session({ url: `${a.wsOrigin}/r0`, followRedirects: true });
    assert.equal(await s.start(), 'closed');
    assert.equal(ofType(s, 'redirect').length, 5);
    const error = ofType(s, 'error')[0].meta!.error!;
    assert.equal(error.code, 'RI_TOO_MANY_REDIRECTS');
    assert.match(error.message, /More than 5 redirects/);
    assert.equal(a.requests.length, 6, 'the sixth Location was never asked for');
    assert.equal(s.info.closeErrorCode, 'RI_TOO_MANY_REDIRECTS');
  });

  it('honours a lower maxRedirects', async () => {
    const a = await server();
    a.route('/r0', { redirect: 302, location: '/r1' });
    a.route('/r1', { redirect: 302, location: '/r2' });
    a.route('/r2', { websocket: true });
    const s = session({ url: `${a.wsOrigin}/r0`, followRedirects: true, maxRedirects: 1 });
    assert.equal(await s.start(), 'closed');
    assert.equal(ofType(s, 'error')[0].meta!.error!.code, 'RI_TOO_MANY_REDIRECTS');
  });

  it('catches a loop', async () => {
    const a = await server();
    a.route('/a', { redirect: 302, location: '/b' });
    a.route('/b', { redirect: 302, location: '/a' });
    const s = session({ url: `${a.wsOrigin}/a`, followRedirects: true });
    assert.equal(await s.start(), 'closed');
    assert.equal(ofType(s, 'error')[0].meta!.error!.code, 'RI_REDIRECT_LOOP');
    assert.equal(a.requests.length, 2);
  });

  it('refuses garbage and huge Locations without sending anything more', async () => {
    const a = await server();
    a.route('/script', { redirect: 302, location: 'javascript:alert(1)' });
    // Over our 8 KiB limit on a Location, under the 16 KiB Node allows for a whole response head.
    a.route('/huge', { redirect: 302, location: `/x${'a'.repeat(10_000)}` });
    a.route('/ftp', { redirect: 301, location: 'ftp://127.0.0.1/file' });
    for (const path of ['/script', '/huge', '/ftp']) {
      const s = session({ url: `${a.wsOrigin}${path}`, followRedirects: true });
      assert.equal(await s.start(), 'closed', path);
      const error = ofType(s, 'error')[0].meta!.error!;
      assert.equal(error.code, 'RI_REDIRECT_INVALID', path);
      assert.ok(error.message.length < 400, 'a huge Location is not quoted whole');
    }
    assert.equal(a.requests.length, 3, 'one request per session: no hop followed');
  });

  it('refuses a downgrade from wss:// to plain ws:// (https Location mapping kept for TLS)', async () => {
    const tlsDir = join(__dirname, '../../../fixtures/tls');
    const cert = readFileSync(join(tlsDir, 'cert.pem'), 'utf8');
    const key = readFileSync(join(tlsDir, 'key.pem'), 'utf8');
    const [secure, plain] = [await server({ cert, key }), await server()];
    secure.route('/start', { redirect: 302, location: `${plain.origin}/socket` });
    secure.route('/tls-hop', { redirect: 308, location: '/tls-socket' });
    secure.route('/tls-socket', { websocket: true });
    plain.route('/socket', { websocket: true });
    const tls = { ca: cert };
    const down = session({ url: `${secure.wsOrigin}/start`, followRedirects: true, tls });
    assert.equal(await down.start(), 'closed');
    assert.equal(ofType(down, 'error')[0].meta!.error!.code, 'RI_REDIRECT_DOWNGRADE');
    assert.equal(plain.requests.length, 0, 'nothing went out in plain text');
    const kept = session({ url: `${secure.wsOrigin}/tls-hop`, followRedirects: true, tls });
    assert.equal(await kept.start(), 'open', 'a hop that stays on TLS is followed');
  });
});
