/**
 * The certificate probe goes the session's way (issue 12): through the proxy its route names (a real CONNECT
 * proxy on 127.0.0.1), so the certificate offered for trust is the one the session met; directly when the route
 * is direct; and never around a proxy setting in error. The probe writes nothing to the server.
 */
import assert from 'node:assert/strict';
import { chooseProxy } from '../../../../src/core/network/proxyChoice';
import { fetchPeerCertificate } from '../../../../src/core/network/peerCertificateProbe';
import { openProbeSocket } from '../../../../src/host/tlsTrust/probeRoute';
import { startProxyServer, type ProxyServer } from '../../../fixtures/servers/proxyServer';
import { startRecordingTlsServer, type RecordingTlsServer } from '../../support/recordingTlsServer';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../../support/testCertificates';

describe('certificate probe route', function () {
  let certs: TestCertificates;
  let server: RecordingTlsServer;
  let proxy: ProxyServer;
  before(async function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
    server = await startRecordingTlsServer({ cert: certs.serverB.certPem, key: certs.serverB.keyPem });
    proxy = await startProxyServer();
  });
  after(async () => {
    await proxy?.close();
    await server?.close();
    certs?.dispose();
  });

  it('tunnels through the session\u2019s proxy and reads the server\u2019s certificate over it', async () => {
    const route = (target: URL) => chooseProxy({ vscodeProxy: proxy.url }, target);
    const socket = await openProbeSocket(route, '127.0.0.1', server.port, 5000);
    assert.ok(socket, 'a tunnel for a proxied route');
    const result = await fetchPeerCertificate({ host: '127.0.0.1', port: server.port, socket });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.certificate.fingerprint256, certs.opensslFingerprint(certs.serverB.cert));
    assert.deepEqual(
      proxy.connects.map((c) => c.target),
      [`127.0.0.1:${server.port}`],
    );
    await server.closedConnections(1);
    assert.equal(Buffer.concat(server.received).length, 0, 'the probe wrote nothing after the handshake');
  });

  it('leaves a direct route to the probe itself', async () => {
    const route = (target: URL) => chooseProxy({ vscodeProxy: proxy.url, vscodeNoProxy: ['127.0.0.1'] }, target);
    assert.equal(await openProbeSocket(route, '127.0.0.1', server.port, 5000), undefined);
  });

  it('refuses to go around a proxy setting in error', async () => {
    const route = (target: URL) => chooseProxy({ vscodeProxy: 'ftp://nowhere' }, target);
    assert.equal(route(new URL('https://127.0.0.1:1')).kind, 'invalid');
    await assert.rejects(openProbeSocket(route, '127.0.0.1', server.port, 5000));
  });
});
