/**
 * The harness itself: these pass as soon as the extension host loads this bundle, whatever state the
 * extension is in, and prove that the tier really runs in a VS Code extension host on the fresh
 * workspace the runner created.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support/inspectorApi';

describe('integration harness', () => {
  it('runs inside a VS Code extension host with the real vscode API', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(typeof vscode.commands.executeCommand, 'function');
  });

  it('opened the fresh temporary workspace folder', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    assert.equal(folders[0].uri.scheme, 'file');
    const readme = vscode.Uri.joinPath(folders[0].uri, 'README.md').fsPath;
    assert.match(fs.readFileSync(readme, 'utf8'), /integration-test workspace/);
  });

  it('receives extensionTestsEnv (the counts file path)', () => {
    assert.ok(process.env.RI_TEST_RESULT, 'RI_TEST_RESULT is set in the extension host');
  });

  it('loaded the extension under development', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is known to the host`);
    assert.equal(extension.packageJSON.name, 'realtime-inspector');
  });
});
