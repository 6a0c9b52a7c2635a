/**
 * Profiles in a real extension host (issue 10), with VS Code's own SecretStorage and file system: a profile
 * saved with an Authorization header in clear gets `${secret:…}` in the workspace file and its value in
 * SecretStorage; connecting from it sends the real header to a real ws server while the output channel, the
 * panel's rows and details, the file and globalState never hold the value in clear, base64, URL-encoded or hex.
 * A bad profile in the file sits beside good ones: they load and connect, it is a diagnostic at its range.
 */
import * as assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/host/testingApi';
import { startWsServer, type WsServer } from '../fixtures/servers/wsServer';
import { leakIn, logText } from './support/canaries';
import { activateInspector, COMMANDS, type InspectorApi } from './support/inspectorApi';
import { pollUntil } from './support/poll';

const CANARIES = { authorization: 'PrAuCanary-7e31c0d9a4', tenant: 'PrTnCanary-52b8f6e1c7' };
const PROFILE_NAME = 'Integration echo';
const MOVED_SECRET = 'integration-echo.authorization';

describe('profiles in the extension host', () => {
  let server: WsServer;
  let api: InspectorApi;
  let testing: TestingApi;
  const upgrades: IncomingHttpHeaders[] = [];

  before(async () => {
    server = await startWsServer({ onUpgrade: (request) => upgrades.push(request.headers) });
    api = await activateInspector();
    assert.ok(api.testing, 'the extension runs in test mode and offers its testing API');
    testing = api.testing;
  });
  after(async () => server?.close());

  it('serves the schema that new profile files name in $schema', async () => {
    const uri = vscode.Uri.parse('realtime-inspector:/schemas/realtime-inspector.schema.json');
    const schema = JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as { title?: string };
    assert.equal(schema.title, 'Realtime Inspector profiles');
  });

  it('moves a clear Authorization header into SecretStorage and connects with the real header', async () => {
    await testing.profiles.storeSecret('it.tenant', CANARIES.tenant);
    const saved = await testing.profiles.save(
      'workspace',
      {
        name: PROFILE_NAME,
        connection: {
          kind: 'websocket',
          // A secret in a query parameter whose name says nothing: only the profile's secret values mask it.
          url: `${server.url}/echo?room=\${secret:it.tenant}`,
          headers: [
            ['Authorization', `Bearer ${CANARIES.authorization}`],
            ['X-Tenant', '${secret:it.tenant}'],
          ],
        },
      },
      true,
    );
    assert.ok(saved, 'the profile is saved');
    const fileUri = testing.profiles.fileUri('workspace');
    assert.ok(fileUri);
    const fileText = await readFile(fileUri.fsPath, 'utf8');
    assert.ok(fileText.includes(`Bearer \${secret:${MOVED_SECRET}}`), fileText);
    assert.ok(fileText.includes('"$schema": "realtime-inspector:/schemas/realtime-inspector.schema.json"'));
    assert.equal(leakIn(fileText, CANARIES), undefined, 'the file holds no secret');
    assert.equal(await testing.profiles.readSecret(MOVED_SECRET), CANARIES.authorization);

    const id = await vscode.commands.executeCommand<string>(COMMANDS.profileConnect, {
      scope: 'workspace',
      profileId: saved.id,
    });
    assert.equal(typeof id, 'string', 'connecting from the profile returns the session id');
    const session = api.getSession(id);
    assert.ok(session);
    await pollUntil('state open', () => session.info.state === 'open');
    const sent = upgrades.at(-1);
    assert.equal(sent?.authorization, `Bearer ${CANARIES.authorization}`, 'the real header reached the server');
    assert.equal(sent?.['x-tenant'], CANARIES.tenant);
    const panel = await pollUntil('the session panel', () => api.panelFor(id));
    assert.equal(leakIn(panel.title, CANARIES), undefined, `the panel title holds no secret: ${panel.title}`);

    const pathProfile = await testing.profiles.save(
      'user',
      { name: 'Secret path', connection: { kind: 'websocket', url: `${server.url}/\${secret:it.tenant}` } },
      true,
    );
    assert.ok(pathProfile);
    const refusedId = await vscode.commands.executeCommand<string>(COMMANDS.profileConnect, {
      scope: 'user',
      id: pathProfile.id,
    });
    const refusedPanel = await pollUntil('the second panel', () => api.panelFor(refusedId));
    assert.ok(upgrades.some((h) => h.host) && refusedPanel.title.includes('••••'), refusedPanel.title);
    assert.equal(leakIn(refusedPanel.title, CANARIES), undefined, 'a secret in the path is masked in the title');
    await pollUntil('the refused session closes', () => api.getSession(refusedId)?.info.state === 'closed');
    refusedPanel.dispose();

    const tree = testing.profiles.tree();
    const workspace = tree.find((group) => group.label === 'Workspace');
    const node = workspace?.children.find((child) => child.label === PROFILE_NAME);
    assert.deepEqual(
      node?.children.map((c) => c.label),
      ['open'],
      `the session shows under its profile: ${JSON.stringify(tree)}`,
    );
  });

  it('masks the profile\u2019s secrets everywhere the session is shown, logged or stored', async () => {
    const session = api.sessions().at(-1);
    assert.ok(session);
    const text = `echo ${CANARIES.authorization} ${CANARIES.tenant} ${Buffer.from(CANARIES.tenant).toString('base64')}`;
    await vscode.commands.executeCommand(COMMANDS.sendMessage, session.id, { kind: 'text', text });
    await pollUntil('the echo', () =>
      session.log
        .page(1, 1000)
        .some((e) => e.direction === 'in' && e.payload?.kind === 'text' && e.payload.text === text),
    );
    const shown = testing.shownText(session.id);
    assert.ok(shown && shown.includes('handshake-request'), 'the panel shows the handshake');
    assert.equal(leakIn(shown, CANARIES), undefined, 'the panel rows, details and header hold no secret');
    await vscode.commands.executeCommand(COMMANDS.disconnect, session.id);
    await pollUntil('state closed', () => session.info.state === 'closed');
    const logs = await pollUntil('the output channel file mentions the session', async () => {
      const contents = await logText(join(api.logUri.fsPath, '..'));
      return contents.includes(`[${session.id}]`) && contents.includes('closed') ? contents : undefined;
    });
    assert.equal(leakIn(logs, CANARIES), undefined, 'the output channel holds no secret');
    assert.equal(leakIn(JSON.stringify(api.storedState()), CANARIES), undefined, 'globalState holds no secret');
    const fileUri = testing.profiles.fileUri('workspace');
    assert.equal(leakIn(await readFile(fileUri?.fsPath ?? '', 'utf8'), CANARIES), undefined);
    const tree = JSON.stringify(testing.profiles.tree());
    assert.ok(tree.includes('"closed"'), `the closed session still shows while its panel is open: ${tree}`);
  });

  it('keeps user profiles in global storage; Duplicate copies one, Copy URL masks what is in clear', async () => {
    const password = 'PrPwCanary-3f9a1c';
    const saved = await testing.profiles.save(
      'user',
      { name: 'Mine', connection: { kind: 'websocket', url: `ws://me:${password}@127.0.0.1:1/x?room=2` } },
      false,
    );
    assert.ok(saved);
    const fileUri = testing.profiles.fileUri('user');
    assert.ok(fileUri && fileUri.fsPath.endsWith('profiles.json'));
    const fileText = await readFile(fileUri.fsPath, 'utf8');
    assert.ok(fileText.includes(password), 'kept in clear, as decided');
    assert.ok(fileText.includes('realtime-inspector:/schemas/realtime-inspector.schema.json'));
    const url = await vscode.commands.executeCommand<string>(COMMANDS.profileCopyUrl, { scope: 'user', id: saved.id });
    assert.equal(url, 'ws://me:••••@127.0.0.1:1/x?room=2');
    assert.equal(await vscode.env.clipboard.readText(), url);
    await vscode.commands.executeCommand(COMMANDS.profileDuplicate, { scope: 'user', profileId: saved.id });
    const names = testing.profiles.snapshot('user')?.profiles.map((p) => p.name);
    assert.deepEqual(names?.slice(-2), ['Mine', 'Mine (copy)']);
    const user = testing.profiles.tree().find((group) => group.label === 'User');
    assert.ok(
      user?.children.every((c) => !JSON.stringify(c).includes(password)),
      'the view masks it',
    );
  });

  it('loads the good profiles beside a bad one and marks the bad one at its range', async () => {
    const fileUri = testing.profiles.fileUri('workspace');
    assert.ok(fileUri);
    const good = (id: string, name: string) => ({
      id,
      name,
      connection: { kind: 'websocket', url: `${server.url}/echo` },
    });
    const text = JSON.stringify(
      {
        version: 1,
        profiles: [
          good('g1', 'Good one'),
          { id: 'b1', name: 'Bad kind', connection: { kind: 'telnet', url: 'telnet://x' } },
          {
            id: 'b2',
            name: 'Bad header',
            connection: { kind: 'websocket', url: 'ws://h/', headers: [['X', 'a\r\nB: c']] },
          },
          good('g2', 'Good two'),
          {
            id: 'e1',
            name: 'Needs env',
            connection: { kind: 'websocket', url: `${server.url}/echo?t=\${env:RI_UNSET_9F}` },
          },
        ],
      },
      undefined,
      2,
    );
    await vscode.workspace.fs.writeFile(fileUri, Buffer.from(text));
    const snapshot = await pollUntil('the file is read again', () => {
      const s = testing.profiles.snapshot('workspace');
      return s?.profiles.some((p) => p.id === 'g2') ? s : undefined;
    });
    assert.deepEqual(
      snapshot.profiles.map((p) => p.name),
      ['Good one', 'Good two', 'Needs env'],
    );
    const diagnostics = await pollUntil('diagnostics on the file', () => {
      const found = vscode.languages.getDiagnostics(fileUri).filter((d) => d.source === 'Realtime Inspector');
      return found.length >= 2 ? found : undefined;
    });
    const lines = text.split('\n');
    const kindLine = lines.findIndex((l) => l.includes('"telnet"'));
    assert.ok(
      diagnostics.some((d) => d.range.start.line === kindLine && d.severity === vscode.DiagnosticSeverity.Error),
      `a diagnostic on line ${kindLine}: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message]))}`,
    );
    assert.ok(diagnostics.some((d) => String(d.code).startsWith('profiles[2].connection.headers')));
    assert.equal(testing.profiles.tree().find((g) => g.label === 'Workspace')?.children[0]?.label, 'Open file');

    const id = await vscode.commands.executeCommand<string>(COMMANDS.profileConnect, { scope: 'workspace', id: 'g2' });
    const session = api.getSession(id);
    assert.ok(session, 'a good profile beside a bad one connects');
    await pollUntil('state open', () => session.info.state === 'open');
    const count = api.sessions().length;
    const refused = await vscode.commands.executeCommand<unknown>(COMMANDS.profileConnect, {
      scope: 'workspace',
      id: 'e1',
    });
    assert.equal(refused, undefined, 'a profile whose variable is not set does not connect');
    assert.equal(api.sessions().length, count);
    await vscode.commands.executeCommand(COMMANDS.disconnect, session.id);
  });
});
