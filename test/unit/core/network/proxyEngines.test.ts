/**
 * Every other kind of session through the real proxy (issue 12): Socket.IO over long-polling with the upgrade to
 * WebSocket, Engine.IO, Server-Sent Events and generic long-polling all go through CONNECT tunnels, and a proxy
 * that wants credentials fails each of them with the same plain error.
 */
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { startEngineIoServer, startSocketIoServer, type TestServer } from '../../../fixtures/servers/socketIoServers';
import { startPollServer } from '../../../fixtures/servers/pollServer';
import { startSseServer } from '../../../fixtures/servers/sseServer';
import { eventually, ofType, waitForEvent } from '../../support/sessions';
import { firstError, useProxied } from './proxyFixture';

const STEP_MS = 8000;

describe('Engine.IO, Socket.IO, SSE and long-polling sessions through an HTTP proxy', function () {
  this.timeout(30000);
  const fixture = useProxied();

  async function served<T extends TestServer | { close(): Promise<void> }>(start: Promise<T>): Promise<T> {
    const server = await start;
    fixture.onCleanup(() => server.close());
    return server;
  }

  it('runs Socket.IO 4 over polling, then upgrades to WebSocket, every connection in a tunnel', async () => {
    const [server, proxy] = [await served(startSocketIoServer('socket.io@4.8.4')), await fixture.proxy()];
    const session = fixture.session(
      { kind: 'socketio', url: server.url, transports: 'polling-then-websocket' },
      { vscodeProxy: proxy.url },
    );
    assert.equal(await session.start(), 'open', JSON.stringify(ofType(session, 'error').map((e) => e.meta?.error)));
    await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', STEP_MS);
    const sent = session.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args: '["via proxy"]', ack: true });
    assert.ok(sent.ok);
    await waitForEvent(session, (e) => e.meta?.sio?.ackOf === sent.seq, STEP_MS);
    assert.equal(session.info.transport, 'websocket');
    assert.equal(session.info.via, proxy.url);
    const target = new URL(server.url).host;
    assert.ok(proxy.connects.length >= 2, 'polling and the WebSocket each opened a tunnel');
    assert.ok(proxy.connects.every((c) => c.target === target));
  });

  it('runs Engine.IO 6 over polling through the proxy', async () => {
    const [server, proxy] = [await served(startEngineIoServer('engine.io@6.6.12')), await fixture.proxy()];
    const session = fixture.session(
      { kind: 'engineio', url: server.url, transports: 'polling-only' },
      { env: { HTTP_PROXY: proxy.url } },
    );
    assert.equal(await session.start(), 'open');
    assert.ok(session.send({ kind: 'text', text: 'hello through polling' }).ok);
    await eventually(() => server.seen.messages.includes('hello through polling'), 'the server got the message');
    assert.ok(proxy.connects.length >= 1);
  });

  it('fails Engine.IO polling with RI_PROXY_AUTH_REQUIRED when the proxy wants credentials', async () => {
    const [server, proxy] = [await served(startEngineIoServer('engine.io@6.6.12')), await fixture.proxy('u:p')];
    const session = fixture.session(
      { kind: 'engineio', url: server.url, transports: 'polling-only' },
      { vscodeProxy: proxy.url },
    );
    assert.equal(await session.start(), 'closed');
    assert.equal(firstError(session).code, 'RI_PROXY_AUTH_REQUIRED');
    assert.match(firstError(session).message, /^The polling GET failed: The proxy .* answered 407/);
  });

  it('streams Server-Sent Events through the proxy; the server never sees the proxy credentials', async () => {
    const [server, proxy] = [await served(startSseServer()), await fixture.proxy('sse:pw-81c0')];
    const proxyUrl = `http://sse:pw-81c0@127.0.0.1:${proxy.port}`;
    const session = fixture.session(
      {
        kind: 'sse',
        url: `${server.url}/ticker?count=3&ms=5`,
        reconnect: false,
        headers: [['Authorization', 'Bearer sse-target']],
      },
      { vscodeProxy: proxyUrl },
    );
    void session.start();
    await eventually(() => ofType(session, 'sse-event').length === 3, 'three events');
    const seen: IncomingHttpHeaders = server.requestsTo('/ticker')[0]!.headers;
    assert.equal(seen['proxy-authorization'], undefined);
    assert.equal(seen.authorization, 'Bearer sse-target');
    assert.equal(JSON.stringify(proxy.connects).includes('sse-target'), false);
    assert.equal(session.info.via, `http://sse:••••@127.0.0.1:${proxy.port}`);
  });

  it('fails SSE with RI_PROXY_REFUSED when the proxy is down', async () => {
    const server = await served(startSseServer());
    const session = fixture.session(
      { kind: 'sse', url: `${server.url}/ticker`, reconnect: false },
      { vscodeProxy: 'http://127.0.0.1:9' },
    );
    await session.start();
    await eventually(() => ofType(session, 'error').length > 0, 'an error row');
    assert.equal(firstError(session).code, 'RI_PROXY_REFUSED');
    assert.equal(server.requests.length, 0);
  });

  it('long-polls through the proxy, reusing the tunnel for the next poll', async () => {
    const [server, proxy] = [await served(startPollServer({ holdMs: 5000 })), await fixture.proxy()];
    const session = fixture.session(
      { kind: 'longpoll', url: `${server.origin}/chat/poll`, cursor: { from: '$.cursor', to: 'cursor' } },
      { vscodeProxy: proxy.url },
    );
    void session.start();
    await eventually(() => server.heldPolls() === 1, 'the first poll is held');
    server.post('through the proxy');
    await eventually(() => server.requestsTo('/chat/poll').length === 2 && server.heldPolls() === 1, 'second poll');
    assert.deepEqual(
      server.requestsTo('/chat/poll').map((r) => r.url.searchParams.get('cursor')),
      [null, '1'],
    );
    assert.equal(proxy.connects.length, 1, 'the kept-alive tunnel carried both polls');
    assert.equal(session.info.via, proxy.url);
  });
});
