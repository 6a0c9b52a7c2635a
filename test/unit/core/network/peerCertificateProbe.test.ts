/**
 * Probing the certificate a server presents (issue 12): the right fingerprint and facts, nothing written after
 * the handshake (the server records zero application bytes), through an already connected socket too, and a
 * server that never completes the handshake is given up on at the deadline of the injected clock.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fetchPeerCertificate, MAX_NAME_CHARS } from '../../../../src/core/network/peerCertificateProbe';
import { ManualClock } from '../../support/manualClock';
import { startRecordingTlsServer, type RecordingTlsServer } from '../../support/recordingTlsServer';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../../support/testCertificates';

describe('fetchPeerCertificate', function () {
  let certs: TestCertificates;
  let server: RecordingTlsServer;
  before(function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
  });
  after(() => certs?.dispose());
  beforeEach(async function () {
    if (!certs) this.skip();
    server = await startRecordingTlsServer({ cert: certs.serverA.certPem, key: certs.serverA.keyPem });
  });
  afterEach(async () => server?.close());

  it('returns the leaf fingerprint and its facts, and writes nothing', async () => {
    const result = await fetchPeerCertificate({ host: '127.0.0.1', port: server.port });
    await server.closedConnections(1);
    assert.ok(result.ok, JSON.stringify(result));
    const certificate = result.certificate;
    assert.equal(certificate.fingerprint256, certs.opensslFingerprint(certs.serverA.cert));
    assert.deepEqual(
      [certificate.subjectName, certificate.issuerName, certificate.selfSigned, certificate.authorizationError],
      ['localhost', 'localhost', true, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    );
    assert.match(certificate.validTo ?? '', /GMT$/);
    assert.equal(Buffer.concat(server.received).length, 0, 'the probe wrote application bytes');
  });

  it('handshakes over a socket it is given (a proxy tunnel), and closes it', async () => {
    const raw = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => raw.once('connect', resolve));
    const result = await fetchPeerCertificate({ host: 'localhost', port: server.port, socket: raw });
    await server.closedConnections(1);
    assert.ok(result.ok && result.certificate.fingerprint256 === certs.opensslFingerprint(certs.serverA.cert));
    assert.equal(raw.destroyed, true);
    assert.equal(Buffer.concat(server.received).length, 0);
  });

  it('reports a non-self-signed certificate as such', async () => {
    const mtls = await startRecordingTlsServer({
      cert: readClientFile(certs, certs.client.cert),
      key: readClientFile(certs, certs.client.key),
    });
    try {
      const result = await fetchPeerCertificate({ host: '127.0.0.1', port: mtls.port });
      assert.ok(result.ok);
      assert.deepEqual([result.certificate.selfSigned, result.certificate.issuerName], [false, 'Test Client CA']);
      assert.ok((result.certificate.subjectName ?? '').length <= MAX_NAME_CHARS);
    } finally {
      await mtls.close();
    }
  });

  describe('a server that never answers the handshake', () => {
    let silent: Server;
    const sockets: Socket[] = [];
    before(async () => {
      silent = createServer((socket) => sockets.push(socket.on('error', () => undefined)));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    });

    it('is given up on at the deadline', async () => {
      const clock = new ManualClock();
      const port = (silent.address() as AddressInfo).port;
      const pending = fetchPeerCertificate({ host: '127.0.0.1', port, timeoutMs: 2000, clock });
      assert.deepEqual(clock.pendingDelays, [2000]);
      clock.advance(1999);
      clock.advance(1);
      const result = await pending;
      assert.deepEqual(result, {
        ok: false,
        code: 'timeout',
        message: 'The server did not complete a TLS handshake in 2000 ms.',
      });
    });

    it('says when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const result = await fetchPeerCertificate({ host: '127.0.0.1', port });
      assert.deepEqual(result.ok ? '' : [result.code, result.message], [
        'failed',
        'The TLS handshake failed (ECONNREFUSED).',
      ]);
    });
  });
});

function readClientFile(certs: TestCertificates, name: string): string {
  return readFileSync(join(certs.dir, name), 'utf8');
}
