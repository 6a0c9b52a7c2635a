/**
 * Message books and Send Selection in a real extension host (issue 10), against the real `ws` echo fixture: a
 * book's CodeLenses name the session it sends to; Send all, run through the very command and arguments its lens
 * carries, sends every entry in order and waits for the echo; a `${secret:…}` filled in from VS Code's
 * SecretStorage goes out in clear but never appears in the panel's rows and details or the output channel (in
 * clear, base64, URL-encoded or hex). Diagnostics, outline and folding come from the same parse; Send Selection
 * sends the selected text.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LogEvent } from '../../src/core/events/logEvent';
import type { Session } from '../../src/core/session/session';
import { startWsServer, type WsServer } from '../fixtures/servers/wsServer';
import { leakIn, logText } from './support/canaries';
import { activateInspector, COMMANDS, type InspectorApi } from './support/inspectorApi';
import { pollUntil } from './support/poll';

const CANARY = 'BkTokenCanary-3e9d51a7c2';
const SECRET_NAME = 'it.bookToken';
const BOOK_COMMANDS = {
  send: 'realtimeInspector.book.send',
  sendAll: 'realtimeInspector.book.sendAll',
  sendSelection: 'realtimeInspector.sendSelection',
  sendFile: 'realtimeInspector.sendFile',
};

const BOOK = [
  '# Integration book',
  '@token = ${secret:' + SECRET_NAME + '}',
  '',
  '### Hello',
  'text hello from the book',
  '',
  '### JSON',
  'json {"n": 1}',
  '',
  '### Bytes from a file',
  'binary file data/four.bin',
  '',
  '### With the secret',
  'text token={{token}}',
  '',
  '### The echo',
  'wait for "token=" timeout 5s',
].join('\n');

const textsOf = (session: Session, direction: 'in' | 'out'): string[] =>
  session.log
    .page(1, 1000)
    .filter((e: LogEvent) => e.type === 'message' && e.direction === direction && e.payload?.kind === 'text')
    .map((e) => (e.payload?.kind === 'text' ? e.payload.text : ''));

describe('message books in the extension host', () => {
  let server: WsServer;
  let api: InspectorApi;
  let folder: string;
  let session: Session;
  let sessionId: string;

  before(async () => {
    server = await startWsServer();
    api = await activateInspector();
    assert.ok(api.testing, 'the testing API is offered');
    await api.testing.profiles.storeSecret(SECRET_NAME, CANARY);
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the test host has a workspace folder');
    folder = join(workspace.uri.fsPath, 'books');
    mkdirSync(join(folder, 'data'), { recursive: true });
    writeFileSync(join(folder, 'data/four.bin'), Buffer.from([1, 2, 3, 4]));
    writeFileSync(join(folder, 'echo.rimessages'), BOOK);
    writeFileSync(join(folder, 'bad.rimessages'), '### Broken\njson {"a": }\n### Fine\ntext ok\n');
  });
  after(async () => server?.close());

  it('registers the editor commands', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(BOOK_COMMANDS)) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('shows diagnostics, the outline and one folding range per entry', async () => {
    const uri = vscode.Uri.file(join(folder, 'bad.rimessages'));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'realtime-messages');
    const diagnostics = await pollUntil('diagnostics of the bad book', () => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics[0].range.start.line, 1);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Broken', 'Fine'],
    );
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
      'vscode.executeFoldingRangeProvider',
      uri,
    );
    assert.deepEqual(
      folds.map((f) => [f.start, f.end]),
      [
        [0, 1],
        [2, 3],
      ],
    );
  });

  it('names the target session in its lenses', async () => {
    const id = await vscode.commands.executeCommand<string>(COMMANDS.connect, { url: `${server.url}/echo` });
    assert.equal(typeof id, 'string');
    sessionId = id;
    const found = api.getSession(id);
    assert.ok(found);
    session = found;
    await pollUntil('state open', () => session.info.state === 'open');
    const uri = vscode.Uri.file(join(folder, 'echo.rimessages'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const titles = await pollUntil('the lenses name the open session', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const shown = lenses.map((l) => l.command?.title ?? '');
      return shown.includes(`→ ws://127.0.0.1:${server.port}/echo`) ? shown : undefined;
    });
    assert.deepEqual(titles.slice(0, 3), [
      '$(run-all) Send all',
      `→ ws://127.0.0.1:${server.port}/echo`,
      '$(send) Send',
    ]);
  });

  it('runs Send all through its lens command: every entry in order, the echoes in the log', async () => {
    const uri = vscode.Uri.file(join(folder, 'echo.rimessages'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const sendAll = lenses.find((l) => l.command?.title === '$(run-all) Send all')?.command;
    assert.ok(sendAll, 'a Send all lens');
    assert.equal(sendAll.command, BOOK_COMMANDS.sendAll);
    const summary = await vscode.commands.executeCommand<{ outcome: string; message: string; sent: number[] }>(
      sendAll.command,
      ...(sendAll.arguments ?? []),
    );
    assert.equal(summary?.outcome, 'completed', summary?.message);
    assert.equal(summary.sent.length, 4);
    assert.deepEqual(textsOf(session, 'out'), ['hello from the book', '{"n": 1}', `token=${CANARY}`]);
    await pollUntil('the echoes', () => textsOf(session, 'in').length === 3);
    const binaryEcho = session.log.page(1, 1000).find((e) => e.direction === 'in' && e.payload?.kind === 'binary');
    assert.equal(binaryEcho?.payload?.byteLength, 4);
  });

  it('never shows the secret it filled in: not in the rows, the details or the output channel', async () => {
    const shown = api.testing!.shownText(sessionId) ?? '';
    assert.ok(shown.includes('token=••••'), 'the secret is masked where it stands');
    assert.equal(leakIn(shown, { bookSecret: CANARY }), undefined);
    await vscode.commands.executeCommand(COMMANDS.disconnect, sessionId);
    await pollUntil('state closed', () => session.info.state === 'closed');
    const text = await pollUntil('the output channel mentions the session', async () => {
      const contents = await logText(join(api.logUri.fsPath, '..'));
      return contents.includes(`[${sessionId}]`) && contents.includes('closed') ? contents : undefined;
    });
    assert.equal(leakIn(text, { bookSecret: CANARY }), undefined);
  });

  it('sends the selection and one entry through its Send lens', async () => {
    const id = await vscode.commands.executeCommand<string>(COMMANDS.connect, { url: `${server.url}/echo` });
    const second = api.getSession(id)!;
    await pollUntil('state open', () => second.info.state === 'open');
    const editor = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({ content: 'ignored\nhello selection\n' }),
    );
    editor.selection = new vscode.Selection(1, 0, 1, 'hello selection'.length);
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>(BOOK_COMMANDS.sendSelection, id);
    assert.equal(outcome?.ok, true);
    const uri = vscode.Uri.file(join(folder, 'echo.rimessages'));
    const sent = await vscode.commands.executeCommand<{ ok: boolean }>(BOOK_COMMANDS.send, uri, 1, id);
    assert.equal(sent?.ok, true);
    await pollUntil('both echoes', () => {
      const echoes = textsOf(second, 'in');
      return echoes.includes('hello selection') && echoes.includes('{"n": 1}');
    });
    await vscode.commands.executeCommand(COMMANDS.disconnect, id);
  });
});
