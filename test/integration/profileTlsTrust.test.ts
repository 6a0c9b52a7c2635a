/**
 * A workspace profile's TLS trust in a real extension host (issue 12), against wss servers on 127.0.0.1 with
 * certificates made by openssl: a profile that pins the server's self-signed certificate opens; a wrong pin is
 * refused before the upgrade with the refused-pin error, and once the right pin is in the profile, Retry (which
 * resolves the profile again) opens; a client certificate (PKCS#12 in the workspace, its passphrase in
 * SecretStorage) opens to a server that demands one, and the passphrase is in no log.
 */
import * as assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../../src/core/profiles/profileModel';
import type { TestingApi } from '../../src/host/testingApi';
import {
  CLIENT_PASSPHRASE,
  hasOpenssl,
  makeTestCertificates,
  type TestCertificates,
} from '../unit/support/testCertificates';
import { startWssEchoServer, type WssEchoServer } from '../unit/support/wssEchoServer';
import { leakIn, logText } from './support/canaries';
import { activateInspector, COMMANDS, type InspectorApi } from './support/inspectorApi';
import { pollUntil } from './support/poll';

const PASSPHRASE_SECRET = 'it-tls.client-p12';

describe('profile TLS trust in the extension host', function () {
  let certs: TestCertificates;
  let pinnedServer: WssEchoServer;
  let mutualServer: WssEchoServer;
  let api: InspectorApi;
  let testing: TestingApi;

  before(async function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
    pinnedServer = await startWssEchoServer({ cert: certs.serverA.certPem, key: certs.serverA.keyPem });
    mutualServer = await startWssEchoServer({
      cert: certs.serverA.certPem,
      key: certs.serverA.keyPem,
      clientCa: certs.clientCaPem,
    });
    api = await activateInspector();
    assert.ok(api.testing, 'the extension runs in test mode');
    testing = api.testing;
  });
  after(async () => {
    await pinnedServer?.close();
    await mutualServer?.close();
    certs?.dispose();
  });

  async function saveWorkspaceProfile(profile: Omit<Profile, 'id'> | Profile): Promise<Profile> {
    const saved = await testing.profiles.save('workspace', profile, false);
    assert.ok(saved, 'the profile is saved');
    return saved;
  }

  async function connect(profile: Profile): Promise<string> {
    const id = await vscode.commands.executeCommand<string>(COMMANDS.profileConnect, {
      scope: 'workspace',
      profileId: profile.id,
    });
    assert.equal(typeof id, 'string', 'connecting returns the session id');
    return id;
  }

  const stateOf = (id: string): string | undefined => api.getSession(id)?.info.state;
  const firstErrorOf = (id: string) =>
    api
      .getSession(id)
      ?.log.page(1, 1000)
      .find((e) => e.type === 'error')?.meta?.error;

  it('opens to a self-signed server whose certificate the workspace profile pins', async () => {
    const pin = certs.opensslFingerprint(certs.serverA.cert);
    const profile = await saveWorkspaceProfile({
      name: 'Pinned wss',
      connection: { kind: 'websocket', url: `${pinnedServer.url}/echo` },
      tls: { pinnedCertificates: [pin] },
    });
    const id = await connect(profile);
    await pollUntil('state open', () => stateOf(id) === 'open' || stateOf(id) === 'closed');
    assert.equal(stateOf(id), 'open', JSON.stringify(firstErrorOf(id)));
    await vscode.commands.executeCommand(COMMANDS.disconnect, id);
    api.panelFor(id)?.dispose();
  });

  it('refuses a wrong pin before the upgrade; with the right pin in the profile, Retry opens', async () => {
    const upgrades = pinnedServer.upgrades;
    const profile = await saveWorkspaceProfile({
      name: 'Wrongly pinned wss',
      connection: { kind: 'websocket', url: `${pinnedServer.url}/echo` },
      tls: { pinnedCertificates: [certs.opensslFingerprint(certs.serverB.cert)] },
    });
    const failed = await connect(profile);
    await pollUntil('state closed', () => stateOf(failed) === 'closed');
    const error = firstErrorOf(failed);
    assert.equal(error?.code, 'RI_TLS_ERROR');
    assert.match(error?.detail ?? '', /^ERR_TLS_CERT_NOT_PINNED: /);
    assert.match(error?.message ?? '', /is not pinned for this profile/);
    assert.equal(pinnedServer.upgrades, upgrades, 'no upgrade reached the server');

    const right = certs.opensslFingerprint(certs.serverA.cert);
    await saveWorkspaceProfile({ ...profile, tls: { pinnedCertificates: [right] } });
    await pollUntil('the profile holds the new pin', () =>
      testing.profiles
        .snapshot('workspace')
        ?.profiles.find((p) => p.id === profile.id)
        ?.tls?.pinnedCertificates?.includes(right),
    );
    testing.profiles.retry(failed);
    const retried = await pollUntil('a new session of the profile', () =>
      api
        .sessions()
        .find((s) => s.id !== failed && s.options.url === profile.connection.url && s.info.state === 'open'),
    );
    assert.equal(pinnedServer.upgrades, upgrades + 1);
    await pollUntil('the failed panel is replaced', () => api.panelFor(failed) === undefined);
    await vscode.commands.executeCommand(COMMANDS.disconnect, retried.id);
    api.panelFor(retried.id)?.dispose();
  });

  it('presents the profile\u2019s PKCS#12 client certificate, its passphrase kept out of every log', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the tests run in a workspace folder');
    await mkdir(join(folder, 'certs'), { recursive: true });
    await copyFile(join(certs.dir, certs.client.pfx), join(folder, 'certs', 'client.p12'));
    await testing.profiles.storeSecret(PASSPHRASE_SECRET, CLIENT_PASSPHRASE);
    const profile = await saveWorkspaceProfile({
      name: 'Mutual TLS',
      connection: { kind: 'websocket', url: `${mutualServer.url}/echo` },
      tls: {
        pinnedCertificates: [certs.opensslFingerprint(certs.serverA.cert)],
        // Relative to the workspace folder.
        clientCertificate: { pfx: 'certs/client.p12', passphrase: `\${secret:${PASSPHRASE_SECRET}}` },
      },
    });
    const id = await connect(profile);
    await pollUntil('state open', () => stateOf(id) === 'open' || stateOf(id) === 'closed');
    assert.equal(stateOf(id), 'open', JSON.stringify(firstErrorOf(id)));
    assert.deepEqual(mutualServer.clientNames, ['test client']);
    await vscode.commands.executeCommand(COMMANDS.disconnect, id);
    await pollUntil('state closed', () => stateOf(id) === 'closed');
    const logs = await logText(join(api.logUri.fsPath, '..'));
    assert.equal(leakIn(logs, { passphrase: CLIENT_PASSPHRASE }), undefined, 'no log holds the passphrase');
    const fileUri = testing.profiles.fileUri('workspace');
    const file = fileUri ? (await vscode.workspace.fs.readFile(fileUri)).toString() : '';
    assert.equal(leakIn(file, { passphrase: CLIENT_PASSPHRASE }), undefined, 'the profile file holds the reference');
    api.panelFor(id)?.dispose();
  });
});
