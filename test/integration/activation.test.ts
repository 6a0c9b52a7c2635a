/** The extension activates and registers its commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateInspector, COMMANDS, EXTENSION_ID } from './support/inspectorApi';

describe('activation', () => {
  it('activates and exports its API', async () => {
    const api = await activateInspector();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof api.panelFor, 'function');
  });

  it('registers its commands', async () => {
    await activateInspector(); // getCommands only lists what an active extension registered
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(COMMANDS)) assert.ok(registered.has(id), `${id} is registered`);
  });
});
