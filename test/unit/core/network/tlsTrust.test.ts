/**
 * A profile's TLS trust against real TLS servers on 127.0.0.1 (issue 12): a pinned certificate is accepted
 * whoever issued it, any other is refused before one application byte reaches the server, an unpinned
 * self-signed certificate fails with the chain error, and a client certificate (PEM pair or PKCS#12 with its
 * passphrase) is what an mTLS server asks for.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ErrorCode, describeError } from '../../../../src/core/errors';
import { CERT_NOT_PINNED, pinMismatchMessage } from '../../../../src/core/network/certificatePins';
import { loadClientCertificate } from '../../../../src/core/network/clientCertificate';
import { tlsOptionsFor } from '../../../../src/core/network/tlsTrust';
import { startRecordingTlsServer, type RecordingTlsServer } from '../../support/recordingTlsServer';
import {
  CLIENT_PASSPHRASE,
  hasOpenssl,
  makeTestCertificates,
  type TestCertificates,
} from '../../support/testCertificates';
import { connectWithTrust } from './tlsTrustConnect';

describe('TLS trust of a profile', function () {
  let certs: TestCertificates;
  let server: RecordingTlsServer;
  let pinA: string;
  let pinB: string;

  before(function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
    pinA = certs.opensslFingerprint(certs.serverA.cert);
    pinB = certs.opensslFingerprint(certs.serverB.cert);
  });
  after(() => certs?.dispose());
  beforeEach(async function () {
    if (!certs) this.skip();
    server = await startRecordingTlsServer({ cert: certs.serverA.certPem, key: certs.serverA.keyPem });
  });
  afterEach(async () => server?.close());

  const receivedText = (): string => Buffer.concat(server.received).toString('latin1');

  it('accepts the pinned certificate, whoever issued it, and lets the request through', async () => {
    const trust = tlsOptionsFor({ pinnedCertificates: [pinB, pinA.replace(/:/g, '').toLowerCase()] });
    assert.equal(trust.rejectUnauthorized, false);
    const outcome = await connectWithTrust(server.port, trust, 'GET / HTTP/1.1\r\n\r\n');
    await server.receivedBytes(18);
    assert.deepEqual([outcome.refused, outcome.wrote], [undefined, true]);
    assert.equal(receivedText(), 'GET / HTTP/1.1\r\n\r\n');
  });

  it('does not check the host name against a pinned certificate (the pin names the exact key)', async () => {
    const trust = tlsOptionsFor({ connectionTls: { servername: 'not-this-host.example' }, pinnedCertificates: [pinA] });
    const outcome = await connectWithTrust(server.port, trust, 'hello');
    await server.receivedBytes(5);
    assert.equal(outcome.refused, undefined);
  });

  it('refuses any other certificate before one application byte reaches the server', async () => {
    const trust = tlsOptionsFor({ pinnedCertificates: [pinB] });
    const outcome = await connectWithTrust(
      server.port,
      trust,
      'GET /secret HTTP/1.1\r\nAuthorization: Bearer x\r\n\r\n',
    );
    await server.closedConnections(1);
    assert.equal(outcome.wrote, false);
    assert.equal(outcome.refused, pinMismatchMessage(pinA, [pinB]));
    assert.match(outcome.refused ?? '', new RegExp(`SHA-256 ${pinA}\\).*pinned: ${pinB}`));
    assert.equal(Buffer.concat(server.received).length, 0, 'the server received application bytes');
    const described = describeError(outcome.error);
    assert.deepEqual([outcome.error?.code, described.code], [CERT_NOT_PINNED, ErrorCode.TlsError]);
  });

  it('refuses every server when no pin in the list is valid (fails closed)', async () => {
    const outcome = await connectWithTrust(server.port, tlsOptionsFor({ pinnedCertificates: ['AB:CD'] }), 'x');
    await server.closedConnections(1);
    assert.match(outcome.refused ?? '', /pinned: no valid pin/);
    assert.equal(Buffer.concat(server.received).length, 0);
  });

  it('refuses an unpinned self-signed certificate with the chain error', async () => {
    const trust = tlsOptionsFor({ connectionTls: {} });
    assert.deepEqual([trust.rejectUnauthorized, trust.verifyPeer], [true, undefined]);
    const outcome = await connectWithTrust(server.port, trust, 'hello');
    await server.closedConnections(1);
    assert.equal(outcome.error?.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(describeError(outcome.error).code, ErrorCode.TlsError);
    assert.equal(Buffer.concat(server.received).length, 0);
  });

  it('keeps the connection options without pins, and drops the extra CA with them', () => {
    const plain = tlsOptionsFor({ connectionTls: { rejectUnauthorized: false, ca: certs.serverA.certPem } });
    assert.equal(plain.rejectUnauthorized, false);
    assert.ok(plain.ca?.includes(certs.serverA.certPem));
    const pinned = tlsOptionsFor({ connectionTls: { ca: certs.serverA.certPem }, pinnedCertificates: [pinA] });
    assert.deepEqual([pinned.ca, typeof pinned.verifyPeer], [undefined, 'function']);
  });

  it('accepts an unpinned certificate its CA option trusts (no pins: chain verification as before)', async () => {
    const trust = tlsOptionsFor({ connectionTls: { ca: certs.serverA.certPem, servername: 'localhost' } });
    const outcome = await connectWithTrust(server.port, trust, 'ok');
    await server.receivedBytes(2);
    assert.deepEqual([outcome.error, outcome.wrote], [undefined, true]);
  });

  describe('client certificates (mTLS)', () => {
    let mtls: RecordingTlsServer;
    beforeEach(async () => {
      mtls = await startRecordingTlsServer({
        cert: certs.serverA.certPem,
        key: certs.serverA.keyPem,
        ca: certs.clientCaPem,
        requestCert: true,
        rejectUnauthorized: true,
      });
    });
    afterEach(async () => mtls?.close());

    const connectWith = async (spec: Parameters<typeof loadClientCertificate>[0]) => {
      const loaded = await loadClientCertificate(spec, { baseDir: certs.dir });
      assert.ok(loaded.ok, loaded.ok ? '' : loaded.message);
      const trust = tlsOptionsFor({ pinnedCertificates: [pinA], clientCertificate: loaded.material });
      return connectWithTrust(mtls.port, trust, 'hello');
    };

    it('presents a PEM certificate and key', async () => {
      await connectWith({ cert: certs.client.cert, key: certs.client.key });
      await mtls.receivedBytes(5);
      assert.deepEqual(mtls.authorizedClients, ['test client']);
    });

    it('presents an encrypted PEM key with its passphrase, given by an absolute path', async () => {
      await connectWith({
        cert: join(certs.dir, certs.client.cert),
        key: certs.client.encryptedKey,
        passphrase: CLIENT_PASSPHRASE,
      });
      await mtls.receivedBytes(5);
      assert.deepEqual(mtls.authorizedClients, ['test client']);
    });

    it('presents a PKCS#12 file with its passphrase', async () => {
      await connectWith({ pfx: certs.client.pfx, passphrase: CLIENT_PASSPHRASE });
      await mtls.receivedBytes(5);
      assert.deepEqual(mtls.authorizedClients, ['test client']);
    });

    it('is refused by the server without one', async () => {
      const outcome = await connectWithTrust(mtls.port, tlsOptionsFor({ pinnedCertificates: [pinA] }), 'hello');
      await mtls.closedConnections(1);
      assert.deepEqual(mtls.authorizedClients, []);
      assert.equal(Buffer.concat(mtls.received).length, 0);
      assert.ok(mtls.clientErrors.length > 0 || outcome.error, 'the handshake was refused');
    });

    it('says a wrong passphrase plainly, without the passphrase', async () => {
      for (const spec of [
        { pfx: certs.client.pfx, passphrase: 'wrong horse' },
        { cert: certs.client.cert, key: certs.client.encryptedKey, passphrase: 'wrong horse' },
      ]) {
        const loaded = await loadClientCertificate(spec, { baseDir: certs.dir });
        assert.equal(loaded.ok, false);
        if (loaded.ok) return;
        assert.equal(loaded.code, 'RI_CLIENT_CERT_BAD_PASSPHRASE');
        assert.match(loaded.message, /^Wrong passphrase for the client certificate's (PKCS#12 file|private key)\.$/);
      }
    });
  });
});
