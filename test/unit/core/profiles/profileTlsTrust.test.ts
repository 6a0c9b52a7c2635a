/**
 * A profile's TLS trust resolved at connect time (issue 12): the passphrase from secret storage, paths from the
 * workspace folder, problems pointing at the profile's field without the secret, and the options it yields
 * accepted by a real mTLS server whose certificate the profile pins.
 */
import assert from 'node:assert/strict';
import type { Profile } from '../../../../src/core/profiles/profileModel';
import { resolveProfileTls } from '../../../../src/core/profiles/profileTlsTrust';
import type { VariableContext } from '../../../../src/core/profiles/stringResolution';
import { connectWithTrust } from '../network/tlsTrustConnect';
import { startRecordingTlsServer } from '../../support/recordingTlsServer';
import {
  CLIENT_PASSPHRASE,
  hasOpenssl,
  makeTestCertificates,
  type TestCertificates,
} from '../../support/testCertificates';

describe('resolveProfileTls', function () {
  let certs: TestCertificates;
  before(function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
  });
  after(() => certs?.dispose());

  const profile = (tls: Profile['tls']): Profile => ({
    id: 'p',
    name: 'P',
    connection: { kind: 'websocket', url: 'wss://127.0.0.1/' },
    tls,
  });
  const context = (secrets: Record<string, string> = {}): VariableContext => ({
    env: {},
    getSecret: async (name) => secrets[name],
    variables: {},
    workspaceFolder: certs.dir,
  });

  it('without a profile tls, keeps the connection options', async () => {
    const resolved = await resolveProfileTls(profile(undefined), { rejectUnauthorized: false }, context());
    assert.ok(resolved.ok);
    assert.deepEqual(
      [resolved.options.rejectUnauthorized, resolved.options.verifyPeer, resolved.secretValues],
      [false, undefined, []],
    );
  });

  it('connects to an mTLS server with the pin and the PKCS#12 file, its passphrase a secret', async () => {
    const server = await startRecordingTlsServer({
      cert: certs.serverA.certPem,
      key: certs.serverA.keyPem,
      ca: certs.clientCaPem,
      requestCert: true,
      rejectUnauthorized: true,
    });
    try {
      const pin = certs.opensslFingerprint(certs.serverA.cert);
      const tls = { pinnedCertificates: [pin], clientCertificate: { pfx: 'client.p12', passphrase: '${secret:p12}' } };
      const resolved = await resolveProfileTls(profile(tls), undefined, context({ p12: CLIENT_PASSPHRASE }));
      assert.ok(resolved.ok, JSON.stringify(resolved));
      assert.deepEqual(resolved.secretValues, [CLIENT_PASSPHRASE]);
      await connectWithTrust(server.port, resolved.options, 'hello');
      await server.receivedBytes(5);
      assert.deepEqual(server.authorizedClients, ['test client']);
    } finally {
      await server.close();
    }
  });

  it('resolves ${workspaceFolder} and relative paths alike', async () => {
    const tls = { clientCertificate: { cert: '${workspaceFolder}/client.crt', key: 'client.key' } };
    const resolved = await resolveProfileTls(profile(tls), undefined, context());
    assert.ok(resolved.ok && resolved.options.cert && resolved.options.key);
  });

  it('points at the field, naming the secret and never its value', async () => {
    const tls = { clientCertificate: { pfx: 'client.p12', passphrase: '${secret:p12}' } };
    const missing = await resolveProfileTls(profile(tls), undefined, context());
    assert.deepEqual(missing.ok ? [] : missing.issues.map((i) => [i.path, i.message]), [
      [
        'tls.clientCertificate.passphrase',
        '${secret:p12}: no secret named "p12" is stored. Store it first, then connect again.',
      ],
    ]);
    const wrong = await resolveProfileTls(profile(tls), undefined, context({ p12: 'wrong horse battery' }));
    assert.deepEqual(wrong.ok ? [] : wrong.issues.map((i) => [i.path, i.message]), [
      ['tls.clientCertificate.passphrase', "Wrong passphrase for the client certificate's PKCS#12 file."],
    ]);
  });

  it('names a path built from a secret by its placeholder', async () => {
    const tls = { clientCertificate: { pfx: '${secret:dir}/nope.p12' } };
    const resolved = await resolveProfileTls(profile(tls), undefined, context({ dir: '/very/secret/place' }));
    assert.equal(resolved.ok, false);
    const message = resolved.ok ? '' : resolved.issues[0].message;
    assert.equal(message, 'The pfx file ${secret:dir}/nope.p12 does not exist.');
  });
});
