/**
 * Redirects of Server-Sent Events and of long/short polling requests (issue 12), against real servers on
 * 127.0.0.1: each hop a row, the request sent on to the Location — credentials dropped on an origin change and
 * kept on the same origin, checked on the server that received them; 303 turns a POST into a GET without its
 * body, 307/308 keep both; a chain past the limit stops polling with a clear error; TLS is never left.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from '../../../../src/core/session/session';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { events, newSession, ofType, waitForEvent } from '../../support/sessions';

const TOKEN = 'secret-token-123';
const CREDENTIALS = [
  ['Authorization', `Bearer ${TOKEN}`],
  ['Cookie', 'sid=cookie-value-456'],
  ['X-Api-Key', 'api-key-value-789'],
];

describe('SSE and polling redirects (issue 12)', function () {
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
    const made = newSession({ headers: CREDENTIALS, followRedirects: true, ...options });
    sessions.push(made);
    return made;
  }

  it('SSE: follows a 301 to another origin without the credentials, and the stream opens there', async () => {
    const [a, b] = [await server(), await server()];
    a.route('/events', { redirect: 301, location: `${b.origin}/stream` });
    b.route('/stream', { stream: 'data: hello\n\n' });
    const s = session({ kind: 'sse', url: `${a.origin}/events`, reconnect: false });
    await s.start();
    const event = await waitForEvent(s, (e) => e.type === 'sse-event');
    assert.equal(event.payload?.kind === 'text' && event.payload.text, 'hello');
    assert.equal(a.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    const far = b.requests[0].headers;
    assert.equal(far.authorization, undefined);
    assert.equal(far.cookie, undefined);
    assert.equal(far['x-api-key'], undefined);
    assert.equal(far.accept, 'text/event-stream', 'the request itself goes on');
    const hop = ofType(s, 'redirect')[0];
    assert.match(hop.meta!.warning!, /Authorization, Cookie, X-Api-Key/);
    assert.ok(!JSON.stringify(hop).includes(TOKEN));
    const types = events(s).map((e) => e.type);
    assert.deepEqual(
      types.filter((t) => t.startsWith('handshake') || t === 'redirect'),
      ['handshake-request', 'handshake-response', 'redirect', 'handshake-request', 'handshake-response'],
    );
  });

  it('SSE: 303 turns a POST into a GET without its body; 307 keeps both (same origin: credentials kept)', async () => {
    const a = await server();
    a.route('/see-other', { redirect: 303, location: '/stream' });
    a.route('/temporary', { redirect: 307, location: '/stream' });
    a.route('/stream', { stream: 'data: ok\n\n' });
    const post = { kind: 'sse', method: 'POST', body: '{"prompt":"hi"}', reconnect: false };
    const seeOther = session({ ...post, url: `${a.origin}/see-other` });
    await seeOther.start();
    await waitForEvent(seeOther, (e) => e.type === 'sse-event');
    const temporary = session({ ...post, url: `${a.origin}/temporary` });
    await temporary.start();
    await waitForEvent(temporary, (e) => e.type === 'sse-event');
    const [, afterSeeOther, , afterTemporary] = a.requests;
    assert.deepEqual([afterSeeOther.method, afterSeeOther.body], ['GET', '']);
    assert.equal(afterSeeOther.headers['content-type'], undefined, 'no body, no Content-Type');
    assert.deepEqual([afterTemporary.method, afterTemporary.body], ['POST', '{"prompt":"hi"}']);
    assert.equal(afterTemporary.headers.authorization, `Bearer ${TOKEN}`, 'same origin: credentials kept');
    assert.match(ofType(seeOther, 'redirect')[0].meta!.note!, /now GET without the body/);
  });

  it('SSE: refuses a redirect from https to plain http', async () => {
    const tlsDir = join(__dirname, '../../../fixtures/tls');
    const cert = readFileSync(join(tlsDir, 'cert.pem'), 'utf8');
    const key = readFileSync(join(tlsDir, 'key.pem'), 'utf8');
    const [secure, plain] = [await server({ cert, key }), await server()];
    secure.route('/events', { redirect: 302, location: `${plain.origin}/stream` });
    const s = session({ kind: 'sse', url: `${secure.origin}/events`, tls: { ca: cert } });
    await s.start();
    await waitForEvent(s, (e) => e.type === 'closed');
    assert.equal(ofType(s, 'error')[0].meta!.error!.code, 'RI_REDIRECT_DOWNGRADE');
    assert.equal(plain.requests.length, 0);
  });

  it('long-poll: a 308 to another origin keeps the POST and drops the credentials, for every poll', async () => {
    const [a, b] = [await server(), await server()];
    a.route('/poll', { redirect: 308, location: `${b.origin}/moved` });
    b.route('/moved', { json: { items: [1] } });
    const s = session({ kind: 'longpoll', url: `${a.origin}/poll`, method: 'POST', body: '{"since":0}' });
    await s.start();
    await waitForEvent(s, (e) => e.type === 'poll-response' && e.meta?.response?.status === 200);
    const far = b.requests[0];
    assert.deepEqual([far.method, far.body], ['POST', '{"since":0}']);
    assert.equal(far.headers.authorization, undefined);
    assert.equal(far.headers.cookie, undefined);
    assert.equal(far.headers['content-type'], 'application/json');
    const hop = ofType(s, 'redirect')[0];
    assert.match(hop.meta!.note!, /308/);
    assert.equal(hop.parent, ofType(s, 'poll-request')[0].seq, 'the hop belongs to the request it redirected');
  });

  it('short poll: a chain of six refused after five hops, and polling stops', async () => {
    const a = await server();
    for (let i = 0; i < 6; i++) a.route(`/p${i}`, { redirect: 302, location: `/p${i + 1}` });
    a.route('/p6', { json: [] });
    const s = session({ kind: 'shortpoll', url: `${a.origin}/p0` });
    await s.start();
    await waitForEvent(s, (e) => e.type === 'closed');
    assert.equal(ofType(s, 'redirect').length, 5);
    assert.equal(ofType(s, 'error')[0].meta!.error!.code, 'RI_TOO_MANY_REDIRECTS');
    assert.equal(a.requests.length, 6);
  });

  it('polling without followRedirects stops at the 3xx, as before', async () => {
    const a = await server();
    a.route('/poll', { redirect: 302, location: '/elsewhere' });
    const s = session({ kind: 'longpoll', url: `${a.origin}/poll`, followRedirects: false });
    await s.start();
    await waitForEvent(s, (e) => e.type === 'closed');
    assert.equal(ofType(s, 'error')[0].meta!.error!.code, 'RI_POLL_REFUSED');
    assert.equal(a.requests.length, 1);
  });
});
