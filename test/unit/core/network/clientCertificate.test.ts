/**
 * Reading a client certificate from files (issue 12): each way it can be wrong is said in our words, names the
 * file the user wrote, and never holds the passphrase or the file's contents.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadClientCertificate,
  MAX_CLIENT_CERTIFICATE_BYTES,
  type ClientCertificateSpec,
} from '../../../../src/core/network/clientCertificate';
import {
  CLIENT_PASSPHRASE,
  hasOpenssl,
  makeTestCertificates,
  type TestCertificates,
} from '../../support/testCertificates';

describe('loadClientCertificate', function () {
  let certs: TestCertificates;
  before(function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
    writeFileSync(join(certs.dir, 'big.crt'), Buffer.alloc(MAX_CLIENT_CERTIFICATE_BYTES + 1, 0x41));
    writeFileSync(join(certs.dir, 'notes.txt'), 'hello, not a certificate');
  });
  after(() => certs?.dispose());

  const failure = async (spec: ClientCertificateSpec, io: { baseDir?: string } = { baseDir: certs.dir }) => {
    const result = await loadClientCertificate(spec, io);
    assert.equal(result.ok, false, JSON.stringify(spec));
    if (result.ok) throw new Error('unreachable');
    for (const secret of [CLIENT_PASSPHRASE, 'wrong horse', 'BEGIN EC PRIVATE', 'hello, not'])
      assert.ok(!result.message.includes(secret), result.message);
    return result;
  };

  it('loads a PEM pair and a PKCS#12 file', async () => {
    const pem = await loadClientCertificate({ cert: 'client.crt', key: 'client.key' }, { baseDir: certs.dir });
    assert.ok(pem.ok && pem.material.cert && pem.material.key && pem.material.passphrase === undefined);
    const pfx = await loadClientCertificate(
      { pfx: 'client.p12', passphrase: CLIENT_PASSPHRASE },
      { baseDir: certs.dir },
    );
    assert.ok(pfx.ok && pfx.material.pfx && pfx.material.passphrase === CLIENT_PASSPHRASE);
  });

  it('names a missing file, a folder, a file too large', async () => {
    const missing = await failure({ pfx: 'nope.p12' });
    assert.deepEqual(
      [missing.code, missing.message],
      ['RI_CLIENT_CERT_UNREADABLE', `The pfx file ${join(certs.dir, 'nope.p12')} does not exist.`],
    );
    assert.match((await failure({ cert: '.', key: 'client.key' })).message, /is a folder, not a file/);
    assert.match((await failure({ cert: 'big.crt', key: 'client.key' })).message, /larger than 1024 KiB/);
  });

  it('says when a file is not what its field says', async () => {
    const notPem = await failure({ cert: 'notes.txt', key: 'client.key' });
    assert.equal(notPem.code, 'RI_CLIENT_CERT_BAD_FORMAT');
    assert.match(notPem.message, /notes\.txt is not a PEM certificate/);
    assert.match((await failure({ cert: 'client.crt', key: 'client.crt' })).message, /is not a PEM private key/);
    assert.match((await failure({ pfx: 'client.crt' })).message, /is not a PKCS#12.*use "cert" and "key"/);
  });

  it('says a passphrase is missing or wrong', async () => {
    const none = await failure({ pfx: 'client.p12' });
    assert.deepEqual(
      [none.code, none.message],
      [
        'RI_CLIENT_CERT_BAD_PASSPHRASE',
        "No passphrase was given and one is needed for the client certificate's PKCS#12 file.",
      ],
    );
    const wrong = await failure({ cert: 'client.crt', key: 'client.enc.key', passphrase: 'wrong horse' });
    assert.equal(wrong.message, "Wrong passphrase for the client certificate's private key.");
  });

  it('says when the key belongs to another certificate', async () => {
    const mismatch = await failure({ cert: 'serverA.crt', key: 'client.key' });
    assert.deepEqual(
      [mismatch.code, mismatch.message],
      ['RI_CLIENT_CERT_KEY_MISMATCH', 'The client private key does not belong to the client certificate.'],
    );
  });

  it('needs pfx or cert and key, and a folder for relative paths', async () => {
    assert.equal((await failure({ cert: 'client.crt' })).code, 'RI_CLIENT_CERT_INVALID');
    assert.match((await failure({ pfx: 'client.p12' }, {})).message, /relative, and there is no workspace folder/);
  });
});
