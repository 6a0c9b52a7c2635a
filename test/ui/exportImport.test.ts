/**
 * Export and import in a real browser (issue 10): connect to the echo fixture, send a message, click the panel's
 * Export…, answer the format and sanitizing questions, go through code-server's real save dialog, and find the HAR
 * on disk with the message in it and no credential. Then Import Session… reads it back through the open dialog
 * into an offline panel: "offline", where it came from, no composer, no Disconnect or Reconnect.
 * Saves test-results/ui/imported-panel.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { makeTempDir, removeDir } from '../harness/tempDirs';
import { ARTEFACTS, startUiEnvironment, type UiEnvironment } from './support/uiEnvironment';
import { answerFileDialog as answerDialog } from './support/inspectorUi';
import { screenshotFailures } from './support/uiSuite';
import { activeWebview, answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const MESSAGE = 'hello from the export test';
/** A token in the URL: the sanitized HAR must not hold it. */
const TOKEN = 'UiExportCanary-6f1d';

describe('export and import UI in code-server', function () {
  this.bail(true);
  let env: UiEnvironment;
  let page: Page;
  let panel: FrameLocator;
  let exportDir: string;
  let target: string;

  before(async () => {
    exportDir = makeTempDir('uiexp-');
    target = path.join(exportDir, 'echo-session.har');
    env = await startUiEnvironment();
    page = env.page;
    panel = activeWebview(page);
  });

  screenshotFailures('exchange', () => page);

  after(async () => {
    await env?.dispose();
    if (exportDir) removeDir(exportDir);
  });

  const answerFileDialog = (file: string, button: RegExp): Promise<void> => answerDialog(page, file, button);

  it('connects and sends a message', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, `${env.wsServer.url}/echo?access_token=${TOKEN}`);
    await pickQuickItem(page, /^\s*Connect\s*$/);
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill(MESSAGE);
    await panel.locator('#composer-send').click();
    await panel.locator('.event-row.dir-in .col-preview', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
  });

  it('exports a HAR from the panel’s Export… button through the real save dialog', async () => {
    await panel.locator('#btn-export').click();
    await pickQuickItem(page, /^HAR$/);
    await pickQuickItem(page, /^Sanitized$/);
    await answerFileDialog(target, /^OK$/);
    const done = page.locator('.notifications-toasts', { hasText: 'to echo-session.har' });
    await done.waitFor({ timeout: 30_000 });
    assert.match((await done.textContent()) ?? '', /Exported \d+ events to echo-session\.har\./);
    assert.ok(fs.existsSync(target), `${target} exists`);
    const text = fs.readFileSync(target, 'utf8');
    assert.ok(!text.includes(TOKEN), 'the sanitized HAR holds no token');
    const har = JSON.parse(text) as { log: { entries: Array<Record<string, unknown>> } };
    const socket = har.log.entries.find((entry) => entry._resourceType === 'websocket');
    assert.ok(socket, 'a websocket entry');
    const messages = (socket._webSocketMessages ?? []) as Array<{ type: string; data: string }>;
    assert.ok(
      messages.some((m) => m.type === 'send' && m.data === MESSAGE),
      JSON.stringify(messages),
    );
    assert.ok(
      messages.some((m) => m.type === 'receive' && m.data === MESSAGE),
      JSON.stringify(messages),
    );
    assert.deepEqual(fs.readdirSync(exportDir), ['echo-session.har'], 'no partial file left');
  });

  it('imports the HAR into an offline panel', async () => {
    await runCommand(page, 'Realtime Inspector: Import Session');
    await answerFileDialog(target, /^Import$/);
    await page.locator('.tabs-container .tab', { hasText: 'Imported: echo-session.har' }).waitFor({ timeout: 30_000 });
    await panel.locator('#session-state', { hasText: /^\s*offline\s*$/ }).waitFor({ timeout: 30_000 });
    const imported = panel.locator('#session-imported');
    assert.match((await imported.textContent()) ?? '', /Imported from Realtime Inspector HAR/);
    await panel.locator('.event-row.dir-in .col-preview', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
    assert.equal(await panel.locator('#btn-disconnect').isHidden(), true, 'no Disconnect');
    assert.equal(await panel.locator('#btn-reconnect').isHidden(), true, 'no Reconnect');
    assert.equal(await panel.locator('#composer-input').isHidden(), true, 'no composer');
    assert.match((await panel.locator('#composer-receive-only').textContent()) ?? '', /imported from a file/);
    await panel.locator('.event-row.dir-out', { hasText: MESSAGE }).first().click();
    await panel.locator('#details', { hasText: MESSAGE }).waitFor({ timeout: 10_000 });
    assert.equal(await panel.locator('#btn-replay').isHidden(), true, 'no Replay');
    await page.screenshot({ path: path.join(ARTEFACTS, 'imported-panel.png') });
  });
});
