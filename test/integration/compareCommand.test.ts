/**
 * Compare Transports… in the extension host, with a plan as the command's argument (no prompts): both
 * transports run against a real Socket.IO 4 server and the results panel opens; a plan that is not valid opens
 * nothing.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import * as vscode from 'vscode';
import { activateInspector, COMMANDS } from './support/inspectorApi';
import { pollUntil } from './support/poll';

/** The open tabs whose webview is the comparison panel. */
function comparisonTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('realtimeInspector.compare'),
    );
}

describe('Compare Transports command', () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  let echoes = 0;

  before(async () => {
    http = createServer();
    io = new Server(http);
    io.on('connection', (socket) => {
      socket.on('echo', (...args: unknown[]) => {
        echoes++;
        const ack = args.pop();
        if (typeof ack === 'function') ack(...args);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    await activateInspector();
  });

  after(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  it('runs a plan given as argument over both transports and opens the results panel', async () => {
    const before = comparisonTabs().length;
    const plan = { kind: 'socketio', url, messages: 5, messageBytes: 50, mode: 'ack' };
    const opened = await vscode.commands.executeCommand<boolean>(COMMANDS.compareTransports, plan);
    assert.equal(opened, true);
    assert.equal(echoes, 10, 'five acknowledged messages per transport');
    // The tab appears once the workbench has opened the panel.
    await pollUntil('the comparison panel tab', () => comparisonTabs().length === before + 1);
  });

  it('refuses a plan that is not valid, and opens nothing', async () => {
    const before = comparisonTabs().length;
    const plan = { kind: 'socketio', url, messages: 0, messageBytes: 50, mode: 'ack' };
    const opened = await vscode.commands.executeCommand<boolean>(COMMANDS.compareTransports, plan);
    assert.equal(opened, false);
    assert.equal(comparisonTabs().length, before);
  });
});
