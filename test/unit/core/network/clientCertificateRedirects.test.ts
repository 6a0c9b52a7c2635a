/**
 * A client certificate is a credential of the session's own server (review of issue 12): a redirect followed to
 * another origin leaves Authorization and cookies behind, and the far server does not get the certificate either
 * (it would learn who the user is, and a server that trusts the client CA would take the user as authenticated).
 * The pins still hold there: the far server must present a pinned certificate. Real TLS servers on 127.0.0.1
 * with certificates made by openssl; the far one asks for a client certificate and records who presented one.
 */
import assert from 'node:assert/strict';
import { loadClientCertificate } from '../../../../src/core/network/clientCertificate';
import { tlsOptionsFor } from '../../../../src/core/network/tlsTrust';
import { createSession } from '../../../../src/core/session/createSession';
import { createRoutedNetwork, type Network } from '../../../../src/core/session/network';
import type { Session } from '../../../../src/core/session/session';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { startRecordingTlsServer, type RecordingTlsServer } from '../../support/recordingTlsServer';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../../support/testCertificates';

describe('client certificates and redirects (issue 12 review)', function () {
  this.timeout(15_000);
  let certs: TestCertificates;
  let front: HopServer;
  let far: RecordingTlsServer;
  const cleanups: Array<() => unknown> = [];

  before(function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
  });
  after(() => certs?.dispose());
  beforeEach(async function () {
    if (!certs) this.skip();
    const serverA = { cert: certs.serverA.certPem, key: certs.serverA.keyPem };
    front = await startHopServer(serverA);
    // Asks for a client certificate and takes the handshake either way: `authorizedClients` says who presented one.
    far = await startRecordingTlsServer({
      ...serverA,
      ca: certs.clientCaPem,
      requestCert: true,
      rejectUnauthorized: false,
    });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await front?.close();
    await far?.close();
  });

  async function pinnedNetworkWithClientCertificate(sessionUrl: string): Promise<Network> {
    const loaded = await loadClientCertificate(
      { cert: certs.client.cert, key: certs.client.key },
      { baseDir: certs.dir },
    );
    assert.ok(loaded.ok);
    const pin = certs.opensslFingerprint(certs.serverA.cert);
    const tls = tlsOptionsFor({ pinnedCertificates: [pin], clientCertificate: loaded.material });
    const network = createRoutedNetwork({ tls, clientCertificateHost: new URL(sessionUrl) });
    cleanups.push(() => network.dispose());
    return network;
  }

  function sseSession(url: string, network: Network): Session {
    const created = createSession(
      { kind: 'sse', url, followRedirects: true, handshakeTimeoutMs: 3000, headers: [['Authorization', 'Bearer t']] },
      { network },
    );
    assert.ok(created.ok);
    cleanups.push(async () => {
      await created.value.close();
      created.value.dispose();
    });
    return created.value;
  }

  it('is not presented to the origin a redirect leads to; the pin still has to match there', async () => {
    front.route('/stream', { redirect: 307, location: `https://127.0.0.1:${far.port}/stream` });
    const url = `${front.origin}/stream`;
    const session = sseSession(url, await pinnedNetworkWithClientCertificate(url));
    void session.start();
    // The far server got the redirected request (so the pinned TLS handshake succeeded), without credentials.
    await far.receivedBytes(16);
    const request = Buffer.concat(far.received).toString('latin1');
    assert.match(request, /^GET \/stream HTTP\/1\.1\r\n/);
    assert.doesNotMatch(request, /authorization/i);
    assert.deepEqual(far.authorizedClients, [], 'the far server saw no client certificate');
  });

  it('is presented to the session\u2019s own server (host and port of its URL)', async () => {
    const url = `https://127.0.0.1:${far.port}/stream`;
    const session = sseSession(url, await pinnedNetworkWithClientCertificate(url));
    void session.start();
    await far.receivedBytes(16);
    assert.deepEqual(far.authorizedClients, ['test client']);
  });
});
