/**
 * Issue #7: TLS trust settings had no scope, so a repository's `.vscode/settings.json` could turn
 * verification off or add its own CA; and a configured CA replaced Node's root store.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { caWithDefaultRoots } from '../../../src/core/connection/commonOptions';
import { userValue, workspaceTried } from '../../../src/host/trustedSettings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

describe('TLS trust settings', () => {
  it('are machine-scoped in package.json: a workspace cannot set them', () => {
    for (const key of ['realtimeInspector.tls.rejectUnauthorized', 'realtimeInspector.tls.caFile']) {
      assert.equal(manifest.contributes.configuration.properties[key]?.scope, 'machine', key);
    }
  });

  it('are read from the user value only, never the workspace or folder value', () => {
    assert.equal(userValue({ defaultValue: true, workspaceValue: false }, true), true);
    assert.equal(userValue({ defaultValue: true, workspaceFolderValue: false }, true), true);
    assert.equal(userValue({ defaultValue: true, globalValue: false, workspaceValue: true }, true), false);
    assert.equal(userValue<string>({ defaultValue: '', workspaceValue: '/repo/evil-ca.pem' }, ''), '');
    assert.equal(userValue<boolean>(undefined, true), true);
    assert.equal(workspaceTried({ workspaceValue: false }), true);
    assert.equal(workspaceTried({ globalValue: false }), false);
  });

  it("add a configured CA to Node's root store instead of replacing it", () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const ca = caWithDefaultRoots(pem);
    assert.ok(ca);
    assert.equal(ca.length, rootCertificates.length + 1);
    assert.equal(ca[ca.length - 1], pem);
    assert.ok(ca.includes(rootCertificates[0]));
    assert.equal(caWithDefaultRoots(undefined), undefined);
    assert.equal(caWithDefaultRoots(''), undefined);
  });
});
