/**
 * Issue #7, in a real extension host: a session whose URL carries a password and a query token, and whose
 * headers carry Authorization and Cookie, leaves none of them (in clear, base64, URL-encoded or hex) in
 * the output channel's file, in globalState (the recent-URL list), or in the status bar tooltip.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startWsServer, type WsServer } from '../fixtures/servers/wsServer';
import { formsOf, logFiles } from './support/canaries';
import { activateInspector, COMMANDS, type InspectorApi } from './support/inspectorApi';
import { pollUntil } from './support/poll';

const CANARIES = {
  password: 'PwCanary-1c9e4b7a',
  query: 'QtCanary-6d2f8a3c',
  authorization: 'AuCanary-8b5e1d9f',
  cookie: 'CkCanary-4f7a2c6e',
};

describe('credential redaction in the extension host', () => {
  let server: WsServer;
  let api: InspectorApi;

  before(async () => {
    server = await startWsServer();
    api = await activateInspector();
  });
  after(async () => server?.close());

  it('keeps secrets out of the output channel, globalState and the status bar', async () => {
    const port = new URL(server.url).port;
    const url = `ws://alice:${CANARIES.password}@127.0.0.1:${port}/echo?room=7&access_token=${CANARIES.query}`;
    const id = await vscode.commands.executeCommand<string>(COMMANDS.connect, {
      url,
      headers: [
        ['Authorization', `Bearer ${CANARIES.authorization}`],
        ['Cookie', `session=${CANARIES.cookie}`],
      ],
    });
    assert.equal(typeof id, 'string');
    const session = api.getSession(id);
    assert.ok(session);
    await pollUntil('state open', () => session.info.state === 'open');
    // A second session that fails, so the error path writes to the output channel too.
    await vscode.commands.executeCommand<string>(COMMANDS.connect, {
      url: `ws://bob:${CANARIES.password}@127.0.0.1:1/x?token=${CANARIES.query}`,
      handshakeTimeoutMs: 2000,
    });
    await vscode.commands.executeCommand(COMMANDS.disconnect, id);
    await pollUntil('state closed', () => session.info.state === 'closed');

    // The log is flushed to its file shortly after writing.
    const text = await pollUntil('the output channel file mentions the session', async () => {
      const files = await logFiles(join(api.logUri.fsPath, '..'));
      const contents = (await Promise.all(files.map((f) => readFile(f, 'utf8').catch(() => '')))).join('\n');
      return contents.includes(`[${id}]`) && contents.includes('closed') ? contents : undefined;
    });
    assert.ok(text.includes('access_token='), 'the URL is logged (masked)');

    const stored = JSON.stringify(api.storedState());
    assert.ok(stored.includes('room=7'), `the recent URL is remembered: ${stored}`);
    for (const [slot, secret] of Object.entries(CANARIES)) {
      for (const form of formsOf(secret)) {
        assert.ok(!text.includes(form), `${slot} secret in the output channel as ${form}`);
        assert.ok(!stored.includes(form), `${slot} secret in globalState as ${form}`);
      }
    }
  });
});
