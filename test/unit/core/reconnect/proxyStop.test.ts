/**
 * A reconnecting session whose proxy refuses it (issue 12): a real proxy on 127.0.0.1 (the `proxy` package) that
 * wants Basic credentials answers 407 to an attempt without them or with wrong ones, and an unusable proxy setting
 * fails every attempt alike — the same credentials or setting would fail again, so the session stops after the
 * first attempt and says why. A proxy that refused the TCP connection is transient: that one is retried.
 */
import assert from 'node:assert/strict';
import { validateConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import type { ProxySources } from '../../../../src/core/network/proxyChoice';
import { createSessionNetwork } from '../../../../src/core/network/sessionNetwork';
import { startFlakyWsServer, type FlakyWsServer } from '../../../fixtures/servers/flakyWsServer';
import { startProxyServer, type ProxyServer } from '../../../fixtures/servers/proxyServer';
import { startRawTcpServer } from '../../../fixtures/servers/rawTcpServer';
import { ofType } from '../../support/sessionEvents';
import { POLICY, reconnecting, rowTypes, waitForPhase, type Reconnecting } from './reconnectSupport';

describe('ReconnectingSession: a proxy that refuses it stops it', function () {
  this.timeout(20_000);
  let server: FlakyWsServer;
  let proxy: ProxyServer;
  const cleanups: Array<() => unknown> = [];

  beforeEach(async () => {
    server = await startFlakyWsServer();
    proxy = await startProxyServer('scott:tiger-5e1b');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await proxy.close();
    await server.close();
  });

  /** A reconnecting WebSocket session to the flaky server, every attempt routed by `sources`. */
  function throughProxy(sources: ProxySources): Reconnecting {
    const options = { kind: 'websocket', url: server.url };
    const validated = validateConnectionOptions(options);
    assert.ok(validated.ok);
    const network = createSessionNetwork(validated.value, sources);
    const fixture = reconnecting(options, POLICY, () => 0.5, { network });
    cleanups.push(() => network.dispose());
    cleanups.push(async () => {
      await fixture.session.close();
      fixture.session.dispose();
    });
    return fixture;
  }

  it('does not reconnect after a 407 for missing credentials, and names the reason', async () => {
    const { session, clock } = throughProxy({ vscodeProxy: proxy.url });
    assert.equal(await session.start(), 'closed');
    assert.equal(ofType(session, 'error')[0]?.meta?.error?.code, 'RI_PROXY_AUTH_REQUIRED');
    assert.equal(session.status.phase, 'stopped');
    assert.match(session.status.stoppedReason ?? '', /^The proxy refused the connection with 407 .*does not reconnect/);
    assert.equal(session.status.canRetryNow, undefined, 'Retry now is not offered: the same 407 would follow');
    assert.equal(session.retryNow(), false);
    assert.deepEqual(clock.pendingDelays, [], 'no wait was scheduled');
    assert.equal(rowTypes(session).at(-1), 'reconnect-stopped');
    assert.equal(proxy.connects.length, 1, 'one CONNECT, no retry');
    assert.equal(server.upgrades, 0);
  });

  it('does not reconnect after a 407 for rejected credentials, and never shows the password', async () => {
    const { session, clock } = throughProxy({ vscodeProxy: `http://scott:lion-77@127.0.0.1:${proxy.port}` });
    assert.equal(await session.start(), 'closed');
    assert.equal(session.status.phase, 'stopped');
    assert.match(session.status.stoppedReason ?? '', /407/);
    assert.deepEqual(clock.pendingDelays, []);
    assert.equal(proxy.connects.length, 1);
    const rows = JSON.stringify(session.log.page(1, session.log.count));
    assert.equal(rows.includes('lion-77'), false, 'no row holds the proxy password');
  });

  it('reconnects through the proxy with the right credentials after the connection is lost', async () => {
    const { session, clock } = throughProxy({ vscodeProxy: `http://scott:tiger-5e1b@127.0.0.1:${proxy.port}` });
    assert.equal(await session.start(), 'open');
    server.dropAll();
    await waitForPhase(session, 'waiting');
    clock.advance(500);
    await waitForPhase(session, 'open');
    assert.equal(proxy.connects.length, 2, 'the second attempt went through the proxy too');
  });

  it('does not reconnect on an unusable proxy setting', async () => {
    const { session, clock } = throughProxy({ vscodeProxy: 'socks5://127.0.0.1:1080' });
    assert.equal(await session.start(), 'closed');
    assert.equal(ofType(session, 'error')[0]?.meta?.error?.code, 'RI_PROXY_INVALID');
    assert.match(session.status.stoppedReason ?? '', /^The proxy setting cannot be used/);
    assert.deepEqual(clock.pendingDelays, []);
    assert.equal(server.upgrades, 0);
  });

  it('keeps retrying a proxy that refused the TCP connection (transient)', async () => {
    const closed = await startRawTcpServer(() => undefined);
    const port = new URL(closed.url).port;
    await closed.close();
    const { session, clock } = throughProxy({ vscodeProxy: `http://127.0.0.1:${port}` });
    void session.start(); // Resolves on open or stop only: this first attempt fails and a wait follows.
    await waitForPhase(session, 'waiting');
    assert.equal(ofType(session, 'error')[0]?.meta?.error?.code, 'RI_PROXY_REFUSED');
    assert.deepEqual(clock.pendingDelays, [500]);
    assert.equal(session.status.stoppedReason, undefined);
  });
});
