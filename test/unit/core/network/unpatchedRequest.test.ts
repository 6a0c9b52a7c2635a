/**
 * Our agents are used whatever replaced `http.request` / `https.request` (issue 12, follow-up I): requests are made
 * with `new ClientRequest` and the session's agent, never without one; with a VS Code-like patch installed (it
 * swaps every request's agent for the global one), SSE, Engine.IO polling and long-polling still go through the
 * proxy our route names, and a WebSocket handshake — ws calls the patched function in this unbundled tier — is
 * refused before anything is sent rather than sent through another agent. The bundled case, where ws gets our
 * request function, runs in the extension host (test/integration/networkInExtensionHost.test.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describeError } from '../../../../src/core/errors';
import { requestThroughAgent, unpatchedHttp, unpatchedHttps } from '../../../../src/core/network/unpatchedRequest';
import { createRoutedNetwork } from '../../../../src/core/session/network';
import { startEngineIoServer } from '../../../fixtures/servers/socketIoServers';
import { startPollServer } from '../../../fixtures/servers/pollServer';
import { startSseServer } from '../../../fixtures/servers/sseServer';
import { startWsServer } from '../../../fixtures/servers/wsServer';
import { installAgentSwappingPatch } from '../../support/agentSwappingPatch';
import { eventually, ofType } from '../../support/sessions';
import { firstError, useProxied } from './proxyFixture';

const tlsDir = join(__dirname, '../../../fixtures/tls');
const cert = readFileSync(join(tlsDir, 'cert.pem'), 'utf8');
const key = readFileSync(join(tlsDir, 'key.pem'), 'utf8');

describe('Requests through our agent only (unpatchedRequest.ts)', function () {
  this.timeout(20000);
  const fixture = useProxied();

  it('refuses a request without an agent: Node or VS Code would pick their own', () => {
    const noAgent = { method: 'GET' } as unknown as Parameters<typeof requestThroughAgent>[1];
    assert.throws(
      () => requestThroughAgent(new URL('http://127.0.0.1:9/'), noAgent),
      (error: unknown) => describeError(error).code === 'RI_NETWORK_ERROR' && /no agent was given/.test(`${error}`),
    );
    assert.throws(() => unpatchedHttp.request({ host: '127.0.0.1', port: 9 }), /no agent was given/);
    assert.throws(() => unpatchedHttps.request({ host: '127.0.0.1', port: 9, agent: undefined }), /no agent/);
  });

  it("makes ws's request (its options, no protocol) through the routed agent, Host as https.request", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createHttpsServer({ cert, key }, (req, res) => {
      seen.push(req.headers);
      res.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const network = createRoutedNetwork({ tls: { rejectUnauthorized: true, ca: [cert] } });
    fixture.onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    fixture.onCleanup(() => network.dispose());
    const port = (server.address() as AddressInfo).port;
    const agent = network.webSocketAgent(new URL(`wss://127.0.0.1:${port}/`));
    // As ws's initAsClient builds them: protocol, socketPath and hostname undefined, defaultPort set.
    const options = { protocol: undefined, socketPath: undefined, hostname: undefined, defaultPort: 443 };
    const req = unpatchedHttps.request({ ...options, host: '127.0.0.1', port, path: '/x', agent, method: 'GET' });
    const answered = new Promise<IncomingMessage>((resolve, reject) => req.on('response', resolve).on('error', reject));
    req.end();
    const res = await answered;
    res.resume();
    assert.equal(res.statusCode, 200);
    assert.equal(seen[0]?.host, `127.0.0.1:${port}`);
  });

  describe('with a patch that swaps every http(s).request agent for the global one', () => {
    let patch: ReturnType<typeof installAgentSwappingPatch>;
    beforeEach(() => {
      patch = installAgentSwappingPatch();
    });
    afterEach(() => patch.restore());

    it('streams SSE through the proxy of its route', async () => {
      const [server, proxy] = [await startSseServer(), await fixture.proxy()];
      fixture.onCleanup(() => server.close());
      const url = `${server.url}/ticker?count=2&ms=5`;
      const session = fixture.session({ kind: 'sse', url, reconnect: false }, { vscodeProxy: proxy.url });
      void session.start();
      await eventually(() => ofType(session, 'sse-event').length === 2, 'two events');
      assert.deepEqual(
        proxy.connects.map((c) => c.target),
        [new URL(server.url).host],
      );
      assert.deepEqual(patch.swaps, [], 'no request went through the patched function');
    });

    it('runs Engine.IO polling and generic long-polling through the proxy of their route', async () => {
      const [eio, poll, proxy] = [
        await startEngineIoServer('engine.io@6.6.12'),
        await startPollServer({ holdMs: 5000 }),
        await fixture.proxy(),
      ];
      fixture.onCleanup(() => eio.close());
      fixture.onCleanup(() => poll.close());
      const sources = { vscodeProxy: proxy.url };
      const eioSession = fixture.session({ kind: 'engineio', url: eio.url, transports: 'polling-only' }, sources);
      assert.equal(await eioSession.start(), 'open');
      const cursor = { from: '$.cursor', to: 'cursor' };
      const pollSession = fixture.session({ kind: 'longpoll', url: `${poll.origin}/chat/poll`, cursor }, sources);
      void pollSession.start();
      await eventually(() => poll.heldPolls() === 1, 'the first poll is held');
      const targets = new Set(proxy.connects.map((c) => c.target));
      assert.deepEqual([...targets].sort(), [new URL(eio.url).host, new URL(poll.origin).host].sort());
      assert.deepEqual(patch.swaps, []);
    });

    it('refuses a WebSocket handshake whose agent was swapped: nothing reaches the server', async () => {
      const upgrades: IncomingHttpHeaders[] = [];
      const server = await startWsServer({ onUpgrade: (req) => upgrades.push(req.headers) });
      fixture.onCleanup(() => server.close());
      const session = fixture.session({ kind: 'websocket', url: `${server.url}/echo` }, {});
      assert.equal(await session.start(), 'closed');
      assert.equal(patch.swaps.length, 1, 'ws called the patched https.request');
      const error = firstError(session);
      assert.equal(error.code, 'RI_NETWORK_ERROR');
      assert.match(error.message, /^The request was not sent: its agent was replaced/);
      assert.deepEqual(upgrades, []);
      assert.equal(ofType(session, 'handshake-request').length, 0, 'no request row: nothing left the client');
    });
  });
});
