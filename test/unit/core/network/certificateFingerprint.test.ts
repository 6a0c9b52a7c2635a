/**
 * Fingerprints and pins (issue 12): our SHA-256 fingerprint is byte for byte what openssl prints and what Node
 * reports, and a pin is read with or without colons, in any case; other forms are refused in plain words.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOfDer, normalisePins, parsePin } from '../../../../src/core/network/certificateFingerprint';
import { hasOpenssl, makeTestCertificates } from '../../support/testCertificates';

const FIXTURE_PIN = '64:4A:BF:F9:58:F7:D3:C1:CB:C5:09:4A:88:DC:DE:C7:6D:A8:63:CC:B4:81:FB:E9:82:8D:7C:2B:4C:CF:5D:FE';

describe('certificate fingerprints', () => {
  it('match `openssl x509 -fingerprint -sha256` and Node’s fingerprint256', function () {
    if (!hasOpenssl()) this.skip();
    const certs = makeTestCertificates();
    try {
      for (const file of [certs.serverA.cert, certs.serverB.cert, certs.client.cert]) {
        const x509 = new X509Certificate(readFileSync(join(certs.dir, file)));
        assert.equal(fingerprintOfDer(x509.raw), certs.opensslFingerprint(file), file);
        assert.equal(fingerprintOfDer(x509.raw), x509.fingerprint256, file);
      }
    } finally {
      certs.dispose();
    }
  });

  it('are uppercase hex pairs joined by colons (the test fixture’s, as openssl printed it)', () => {
    const x509 = new X509Certificate(readFileSync(join(__dirname, '../../../fixtures/tls/cert.pem')));
    assert.equal(fingerprintOfDer(x509.raw), FIXTURE_PIN);
    assert.match(fingerprintOfDer(Buffer.from('x')), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});

describe('parsePin', () => {
  it('reads a fingerprint with or without colons, in any case, trimmed', () => {
    for (const text of [
      FIXTURE_PIN,
      FIXTURE_PIN.toLowerCase(),
      FIXTURE_PIN.replace(/:/g, ''),
      ` ${FIXTURE_PIN.replace(/:/g, '').toLowerCase()}\t`,
    ])
      assert.deepEqual(parsePin(text), { ok: true, pin: FIXTURE_PIN }, text);
  });

  const refused = (text: string): string => {
    const parsed = parsePin(text);
    assert.equal(parsed.ok, false, text);
    return parsed.ok ? '' : parsed.message;
  };

  it('says what is wrong with other forms', () => {
    assert.match(refused(`sha256 Fingerprint=${FIXTURE_PIN}`), /Leave out OpenSSL's "sha256 Fingerprint=" prefix/);
    assert.match(refused('sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='), /hash of a public key/);
    assert.match(refused('AB:CD'), /64 hex digits .*this one has 4/);
    assert.match(refused(FIXTURE_PIN.slice(3)), /this one has 62/);
    assert.match(refused('${secret:pin}'), /^Write the SHA-256 fingerprint as 64 hex digits/);
    assert.match(refused(''), /this one has 0/);
    assert.match(refused('ZZ'.repeat(32)), /^Write the SHA-256 fingerprint/);
    // Colons in the wrong places: not pairs.
    assert.match(refused(`A${FIXTURE_PIN.replace(/:/g, '').slice(1, 3)}:${'0'.repeat(61)}`), /^Write the SHA-256/);
  });

  it('normalises a list: valid pins once each, the rest left out', () => {
    assert.deepEqual(normalisePins([FIXTURE_PIN, FIXTURE_PIN.toLowerCase(), 'AB:CD', 7, null]), [FIXTURE_PIN]);
  });
});
