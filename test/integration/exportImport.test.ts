/**
 * Export and import in a real extension host (issue 10): a WebSocket session recorded against the echo fixture
 * with a canary secret in every credential slot (URL password, query token, Authorization, Cookie, and the token
 * again inside a message), exported through the commands as HAR and JSON Lines (the dialogs answered by the
 * command argument), checked as files — valid JSON, every line valid, no canary in any form unless asked for
 * unsanitized — then the HAR imported back as an offline session with its panel and rows.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HarLog } from '../../src/core/exchange/harTypes';
import type { Session } from '../../src/core/session/session';
import { EXCHANGE_COMMANDS } from '../../src/host/exchange/exchangeCommandIds';
import type { ExportSummary } from '../../src/host/exchange/exportCommand';
import { startWsServer, type WsServer } from '../fixtures/servers/wsServer';
import { leakIn } from './support/canaries';
import { activateInspector, COMMANDS, type InspectorApi } from './support/inspectorApi';
import { pollUntil } from './support/poll';

const CANARIES = {
  password: 'XpPassCanary-2b8e41',
  query: 'XqTokenCanary-7c19d3',
  authorization: 'XaAuthCanary-5e02f7',
  cookie: 'XcCookieCanary-9a64b1',
};
const MESSAGE = 'hello export';

describe('export and import through the commands', function () {
  this.timeout(30_000);
  let server: WsServer;
  let api: InspectorApi;
  let dir: string;
  let live: Session;
  const file = (name: string): string => path.join(dir, name);

  before(async () => {
    server = await startWsServer();
    api = await activateInspector();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ri-exchange-'));
  });

  after(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers the three commands and the panel’s', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(EXCHANGE_COMMANDS)) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('records a session with a canary in every credential slot', async () => {
    const port = new URL(server.url).port;
    const id = await vscode.commands.executeCommand<string>(COMMANDS.connect, {
      url: `ws://eve:${CANARIES.password}@127.0.0.1:${port}/echo?room=9&access_token=${CANARIES.query}`,
      headers: [
        ['Authorization', `Bearer ${CANARIES.authorization}`],
        ['Cookie', `sid=${CANARIES.cookie}`],
      ],
    });
    live = api.getSession(id)!;
    assert.ok(live, 'the session is open');
    await pollUntil('state open', () => live.info.state === 'open');
    await vscode.commands.executeCommand(COMMANDS.sendMessage, id, { kind: 'text', text: MESSAGE });
    await vscode.commands.executeCommand(COMMANDS.sendMessage, id, {
      kind: 'text',
      text: `my token is ${CANARIES.query}`,
    });
    await pollUntil('both echoes', () => live.log.page(1, 1000).filter((e) => e.direction === 'in').length >= 3);
  });

  it('exports HAR: a file Chrome DevTools reads, sanitized, with the messages', async () => {
    const target = file('session.har');
    const summary = await exportAs(EXCHANGE_COMMANDS.exportHar, { sessionId: live.id, target });
    assert.equal(summary?.file, target);
    const text = fs.readFileSync(target, 'utf8');
    assert.equal(leakIn(text, CANARIES), undefined, 'no canary in the HAR');
    const har = (JSON.parse(text) as { log: HarLog }).log;
    assert.equal(har.version, '1.2');
    assert.equal(har.creator.name, 'Realtime Inspector');
    assert.match(har.creator.version, /^\d+\.\d+\.\d+/, 'the extension’s version');
    const socket = har.entries.find((entry) => entry._resourceType === 'websocket');
    assert.ok(socket, 'a websocket entry');
    assert.equal(socket.response.status, 101);
    const data = (socket._webSocketMessages ?? []).map((m) => `${m.type}:${m.data}`);
    assert.ok(data.includes(`send:${MESSAGE}`) && data.includes(`receive:${MESSAGE}`), data.join(' | '));
    assert.equal(fs.readdirSync(dir).filter((name) => name.endsWith('.partial')).length, 0);
  });

  it('exports JSON Lines: every line JSON, every event, sanitized; unsanitized only when asked', async () => {
    const target = file('session.jsonl');
    const summary = await exportAs(EXCHANGE_COMMANDS.exportJsonl, { sessionId: live.id, target, sanitize: true });
    const lines = fs.readFileSync(target, 'utf8').trimEnd().split('\n');
    const values = lines.map((line, i) => {
      assert.doesNotThrow(() => JSON.parse(line), `line ${i + 1} is JSON`);
      return JSON.parse(line) as Record<string, unknown>;
    });
    assert.equal(values[0].format, 'realtime-inspector-jsonl');
    assert.equal(values[0].sanitized, true);
    assert.deepEqual(values[values.length - 1], {
      format: 'realtime-inspector-jsonl',
      end: true,
      events: summary?.events,
    });
    assert.equal(lines.length, (summary?.events ?? 0) + 2);
    assert.equal(leakIn(lines.join('\n'), CANARIES), undefined, 'no canary in the JSON Lines');
    const clear = file('clear.jsonl');
    await exportAs(EXCHANGE_COMMANDS.exportJsonl, { sessionId: live.id, target: clear, sanitize: false });
    assert.ok(fs.readFileSync(clear, 'utf8').includes(CANARIES.authorization), 'unsanitized keeps the header');
  });

  it('refuses a bad argument without writing anything', async () => {
    const before = fs.readdirSync(dir).length;
    const result = await vscode.commands.executeCommand(EXCHANGE_COMMANDS.exportHar, { target: 'relative.har' });
    assert.equal(result, undefined);
    const unknown = await vscode.commands.executeCommand(EXCHANGE_COMMANDS.exportHar, {
      sessionId: live.id,
      target: file('x.har'),
      sanitise: false,
    });
    assert.equal(unknown, undefined);
    assert.equal(fs.readdirSync(dir).length, before);
  });

  it('imports the HAR as an offline session in its own panel, with its rows', async () => {
    const id = await vscode.commands.executeCommand<string>(EXCHANGE_COMMANDS.importSession, {
      file: file('session.har'),
    });
    assert.equal(typeof id, 'string', 'the import returns the new session’s id');
    const imported = api.getSession(id);
    // The test bundle has its own copy of the class: the flag, not instanceof.
    assert.equal((imported as { offline?: boolean } | undefined)?.offline, true, 'an offline session');
    assert.equal(imported!.info.kind, 'websocket');
    assert.equal(api.panelFor(id)?.title, 'Imported: session.har');
    const shown = JSON.parse(api.testing!.shownText(id) ?? '{}') as ShownSession;
    assert.equal(shown.header.offline, true);
    assert.equal(shown.header.importedFrom, 'Imported from Realtime Inspector HAR');
    assert.deepEqual(shown.header.sendKinds, []);
    assert.equal(shown.rows[0].type, 'imported');
    const previews = shown.rows.map((row) => `${row.direction}:${row.type}:${row.preview}`);
    assert.ok(previews.includes(`out:message:${MESSAGE}`), previews.join('\n'));
    assert.ok(previews.includes(`in:message:${MESSAGE}`), previews.join('\n'));
    assert.ok(
      shown.details.every((d) => !d.replayable),
      'nothing in a record is offered for replay',
    );
    assert.equal(leakIn(JSON.stringify(shown), CANARIES), undefined);
    // Closed as the user closes it (the tab), which the workbench expects of a webview still loading.
    api.panelFor(id)!.reveal();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await pollUntil('the imported session is gone with its panel', () => api.getSession(id) === undefined);
  });

  it('refuses a broken file: an error, and no session', async () => {
    const broken = file('broken.har');
    fs.writeFileSync(broken, '{"log":{"version":"1.2","entries":[{"request":');
    const count = api.sessions().length;
    const id = await vscode.commands.executeCommand(EXCHANGE_COMMANDS.importSession, { file: broken });
    assert.equal(id, undefined);
    assert.equal(api.sessions().length, count);
  });
});

interface ShownSession {
  header: { offline?: boolean; importedFrom?: string; sendKinds: string[] };
  rows: Array<{ direction: string; type: string; preview: string }>;
  details: Array<{ replayable: boolean }>;
}

async function exportAs(command: string, arg: object): Promise<ExportSummary | undefined> {
  const summary = await vscode.commands.executeCommand<ExportSummary | undefined>(command, arg);
  assert.ok(summary, `${command} wrote a file`);
  assert.ok(summary.events > 0 && summary.written > 0);
  return summary;
}
