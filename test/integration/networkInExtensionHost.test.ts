/**
 * Our network holds inside VS Code's extension host (issue 12, follow-up I). The host replaces http.request and
 * https.request (@vscode/proxy-agent): for a remote host it swaps the request's agent for its own, which would
 * skip our proxy route and our `verifyPeer` pin check. Sessions made here with core's createSession and a network
 * built as the host builds one (tlsOptionsFor, chooseProxy, createRoutedNetwork) must still refuse a certificate
 * that is not pinned before one byte is sent, open with the pinned one, and go through the proxy their route
 * names. Servers listen on 127.0.0.2, which the patch treats as remote (remoteTlsServers.ts).
 */
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import { validateConnectionOptions } from '../../src/core/connection/connectionOptions';
import { chooseProxy, type ProxySources } from '../../src/core/network/proxyChoice';
import { tunnelTimeoutFor } from '../../src/core/network/sessionNetwork';
import { tlsOptionsFor } from '../../src/core/network/tlsTrust';
import { createSession } from '../../src/core/session/createSession';
import { createRoutedNetwork } from '../../src/core/session/network';
import type { Session } from '../../src/core/session/session';
import { startSseServer } from '../fixtures/servers/sseServer';
import { startWsServer } from '../fixtures/servers/wsServer';
import { startRecordingTlsServer, type RecordingTlsServer } from '../unit/support/recordingTlsServer';
import { events, ofType, payloadText, waitForEvent } from '../unit/support/sessionEvents';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../unit/support/testCertificates';
import { REMOTE_LOOPBACK, startRemoteSse, startRemoteWssEcho } from './support/remoteTlsServers';
import { pollUntil } from './support/poll';
import { startProxyProcess } from './support/proxyProcess';

describe('Network in the extension host: our agents, whatever VS Code patched', function () {
  this.timeout(30_000);
  let certs: TestCertificates | undefined;
  let pinA = '';
  let pinB = '';
  const cleanups: Array<() => unknown> = [];

  before(function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
    pinA = certs.opensslFingerprint(certs.serverA.cert);
    pinB = certs.opensslFingerprint(certs.serverB.cert);
  });
  after(() => certs?.dispose());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const serverA = (): { cert: string; key: string } => ({ cert: certs!.serverA.certPem, key: certs!.serverA.keyPem });

  /** A session of `options` whose network pins `pins` (none: the options' TLS) and routes by `sources`. */
  function session(options: Record<string, unknown>, pins: string[], sources: ProxySources = {}): Session {
    const validated = validateConnectionOptions(options);
    assert.ok(validated.ok, JSON.stringify(!validated.ok && validated.issues));
    const network = createRoutedNetwork({
      tls: tlsOptionsFor({ connectionTls: validated.value.tls, pinnedCertificates: pins }),
      route: (target) => chooseProxy(sources, target),
      tunnelTimeoutMs: tunnelTimeoutFor(validated.value),
    });
    const created = createSession(options, { network });
    assert.ok(created.ok);
    cleanups.push(async () => {
      await created.value.close();
      created.value.dispose();
      network.dispose();
    });
    return created.value;
  }

  async function recordingServer(): Promise<RecordingTlsServer> {
    const server = await startRecordingTlsServer(serverA(), REMOTE_LOOPBACK);
    cleanups.push(() => server.close());
    return server;
  }

  function firstErrorOf(s: Session): { code: string; message: string } {
    const error = ofType(s, 'error')[0]?.meta?.error;
    assert.ok(error, `an error row; log: ${events(s).map((e) => `${e.type} ${e.meta?.note ?? ''}`)}`);
    return error;
  }

  it('runs where VS Code replaced https.request (else this suite would prove nothing)', () => {
    assert.notEqual(https.request.name, 'request', 'https.request is still Node’s own');
  });

  it('wss: a certificate that is not pinned is refused before one byte reaches the server', async () => {
    const server = await recordingServer();
    const s = session(
      { kind: 'websocket', url: `wss://${REMOTE_LOOPBACK}:${server.port}/`, handshakeTimeoutMs: 5000 },
      [pinB],
    );
    assert.equal(await s.start(), 'closed');
    const error = firstErrorOf(s);
    assert.deepEqual([error.code, /is not pinned for this profile/.test(error.message)], ['RI_TLS_ERROR', true]);
    await server.closedConnections(1);
    assert.equal(Buffer.concat(server.received).length, 0, 'the server received application bytes');
  });

  it('wss: the pinned certificate opens the session (self-signed, reached by IP)', async () => {
    const server = await startRemoteWssEcho(serverA());
    cleanups.push(() => server.close());
    const s = session({ kind: 'websocket', url: server.url }, [pinA]);
    assert.equal(await s.start(), 'open', JSON.stringify(ofType(s, 'error').map((e) => e.meta?.error)));
    assert.ok(s.send({ kind: 'text', text: 'pinned' }).ok);
    const echo = await waitForEvent(s, (e) => e.type === 'message' && e.direction === 'in', 5000);
    assert.equal(payloadText(echo), 'pinned');
  });

  it('SSE over https: refused when not pinned (zero bytes sent), streams when pinned', async () => {
    const recording = await recordingServer();
    const refused = session({ kind: 'sse', url: `https://${REMOTE_LOOPBACK}:${recording.port}/`, reconnect: false }, [
      pinB,
    ]);
    void refused.start();
    const error = await pollUntil('the refusal', () => ofType(refused, 'error')[0]?.meta?.error);
    assert.match(error.message, /is not pinned for this profile/);
    await recording.closedConnections(1);
    assert.equal(Buffer.concat(recording.received).length, 0, 'the server received application bytes');

    const server = await startRemoteSse(serverA());
    cleanups.push(() => server.close());
    const pinned = session({ kind: 'sse', url: server.url, reconnect: false }, [pinA]);
    void pinned.start();
    await pollUntil('two events', () => ofType(pinned, 'sse-event').length === 2);
    assert.equal(server.requests.length, 1);
  });

  it('goes through the proxy its route names (the proxy sees the CONNECT), for ws and SSE', async () => {
    const proxy = await startProxyProcess();
    const ws = await startWsServer({ host: REMOTE_LOOPBACK });
    const sse = await startSseServer(REMOTE_LOOPBACK);
    cleanups.push(
      () => proxy.close(),
      () => ws.close(),
      () => sse.close(),
    );
    const sources: ProxySources = { profile: { url: proxy.url } };
    const wsSession = session({ kind: 'websocket', url: `${ws.url}/echo` }, [], sources);
    assert.equal(await wsSession.start(), 'open', JSON.stringify(ofType(wsSession, 'error').map((e) => e.meta?.error)));
    const sseSession = session({ kind: 'sse', url: `${sse.url}/ticker?count=1&ms=5`, reconnect: false }, [], sources);
    void sseSession.start();
    await pollUntil('the SSE event', () => ofType(sseSession, 'sse-event').length === 1);
    // The proxy runs in a process of its own and reports each CONNECT a moment after it came.
    const seen = await pollUntil('two CONNECTs at the proxy', () => proxy.connects.length >= 2 && proxy.connects);
    assert.deepEqual(seen, [`${REMOTE_LOOPBACK}:${ws.port}`, `${REMOTE_LOOPBACK}:${sse.port}`]);
  });
});
