/**
 * A profile's `tls` (issue 12): pins and a client certificate checked where they are written, and the schema
 * lists exactly the fields the validator knows (the example files of profileExamples.ts check the rest).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_CERTIFICATE_FIELDS } from '../../../../src/core/network/clientCertificate';
import { formatJsonPath } from '../../../../src/core/profiles/jsonPath';
import { checkProfile } from '../../../../src/core/profiles/profileShape';
import { checkProfileTls, PROFILE_TLS_FIELDS } from '../../../../src/core/profiles/profileTlsShape';

const PIN = '64:4A:BF:F9:58:F7:D3:C1:CB:C5:09:4A:88:DC:DE:C7:6D:A8:63:CC:B4:81:FB:E9:82:8D:7C:2B:4C:CF:5D:FE';

/** [path, severity] of each issue of a `tls` object. */
const issuesOf = (tls: Record<string, unknown>, variables?: string[]) =>
  checkProfileTls(tls, variables && new Set(variables)).map((i) => [formatJsonPath(i.segments), i.severity]);

describe('profile tls', () => {
  it('accepts pins in any accepted form and a client certificate of either kind', () => {
    assert.deepEqual(issuesOf({ pinnedCertificates: [PIN, PIN.replace(/:/g, '').toLowerCase()] }), []);
    assert.deepEqual(issuesOf({ clientCertificate: { pfx: 'a.p12', passphrase: '${secret:p12}' } }), []);
    assert.deepEqual(
      issuesOf({ clientCertificate: { cert: '${workspaceFolder}/c.crt', key: '${var:keyFile}' } }, ['keyFile']),
      [],
    );
  });

  it('points at each bad pin', () => {
    assert.deepEqual(issuesOf({ pinnedCertificates: [PIN, 'AB:CD', 3] }), [
      ['pinnedCertificates[1]', 'error'],
      ['pinnedCertificates[2]', 'error'],
    ]);
    assert.deepEqual(issuesOf({ pinnedCertificates: PIN }), [['pinnedCertificates', 'error']]);
  });

  it('needs pfx, or cert and key, never both; paths that are text', () => {
    assert.deepEqual(issuesOf({ clientCertificate: { cert: 'c.crt' } }), [['clientCertificate', 'error']]);
    assert.deepEqual(issuesOf({ clientCertificate: { pfx: 'a.p12', key: 'k' } }), [['clientCertificate', 'error']]);
    assert.deepEqual(issuesOf({ clientCertificate: { pfx: '', cert: 'c', key: 'k' } }), [
      ['clientCertificate.pfx', 'error'],
    ]);
    assert.deepEqual(issuesOf({ clientCertificate: 'a.p12' }), [['clientCertificate', 'error']]);
    assert.deepEqual(issuesOf({ clientCertificate: { pfx: 7 } }), [
      ['clientCertificate.pfx', 'error'],
      ['clientCertificate', 'error'],
    ]);
  });

  it('warns about a passphrase in clear, unknown fields and unknown variables; refuses bad placeholders', () => {
    assert.deepEqual(issuesOf({ clientCertificate: { pfx: 'a.p12', passphrase: 'hunter2' } }), [
      ['clientCertificate.passphrase', 'warning'],
    ]);
    assert.deepEqual(issuesOf({ pinned: [PIN], clientCertificate: { pfx: 'a', file: 'b' } }), [
      ['pinned', 'warning'],
      ['clientCertificate.file', 'warning'],
    ]);
    assert.deepEqual(issuesOf({ clientCertificate: { pfx: '${var:nope}' } }, []), [
      ['clientCertificate.pfx', 'warning'],
    ]);
    assert.deepEqual(issuesOf({ clientCertificate: { pfx: '${secret:}' } }), [['clientCertificate.pfx', 'error']]);
  });

  it('makes a profile with a bad pin unusable, with the issue under tls', () => {
    const check = checkProfile({
      id: 'a',
      name: 'A',
      connection: { kind: 'websocket', url: 'wss://a/' },
      tls: { pinnedCertificates: ['nope'] },
    });
    assert.equal(check.profile, undefined);
    assert.deepEqual(
      check.issues.map((i) => formatJsonPath(i.segments)),
      ['tls.pinnedCertificates[0]'],
    );
  });

  it('has the same fields in the schema as in the validator', () => {
    const schemaPath = join(__dirname, '../../../../schemas/realtime-inspector.schema.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    const tls = schema.definitions.profile.properties.tls;
    assert.deepEqual(Object.keys(tls.properties).sort(), [...PROFILE_TLS_FIELDS].sort());
    assert.deepEqual(
      Object.keys(tls.properties.clientCertificate.properties).sort(),
      [...CLIENT_CERTIFICATE_FIELDS].sort(),
    );
    assert.equal(tls.additionalProperties, false);
    const pattern = new RegExp(tls.properties.pinnedCertificates.items.pattern);
    for (const text of [PIN, PIN.toLowerCase(), PIN.replace(/:/g, ''), 'AB:CD', `sha256 Fingerprint=${PIN}`])
      assert.equal(pattern.test(text), text.length >= 64 && !text.startsWith('sha'), text);
  });
});
