/**
 * Issue 10's whole story in one real VS Code: create a profile from the Realtime Inspector view, connect from it,
 * send a message from a message book through its CodeLens, see the message and its echo in the log, and export the
 * session as a HAR through the panel's Export… button and the real save dialog.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeDir } from '../harness/tempDirs';
import { answerFileDialog, codeLens, contextAction, profileRow, profilesView } from './support/inspectorUi';
import { useUiSuite } from './support/uiSuite';
import { answerInputBox, pickQuickItem } from './support/workbench';

const PROFILE = 'Story echo';
const MESSAGE = 'hello from the story book';
const BOOK = `# The story's book\n\n### Greet\ntext ${MESSAGE}\n`;

describe('a profile, a message book and a HAR, in code-server (issue 10)', function () {
  this.bail(true);
  const ui = useUiSuite('story');
  let exportDir = '';

  before(() => {
    exportDir = makeTempDir('uistory-');
    fs.writeFileSync(path.join(ui.env.folder, 'story.rimessages'), BOOK);
  });
  after(() => exportDir && removeDir(exportDir));

  it('creates a profile from the view and connects from its context menu', async () => {
    const { page, panel, env } = ui;
    const icon = page.locator('.activitybar .action-item a[aria-label^="Realtime Inspector"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await profilesView(page).locator('.welcome-view-content .monaco-button', { hasText: 'New Profile' }).click();
    await pickQuickItem(page, /Workspace/);
    await answerInputBox(page, `${env.wsServer.url}/echo`);
    // The name box replaces the URL box: answer it once it is the one shown.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'profile name' }).waitFor();
    await answerInputBox(page, PROFILE);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: `Name: ${PROFILE}` }).waitFor();
    await pickQuickItem(page, /^\s*Save\s*$/);
    await profileRow(page, PROFILE).waitFor({ timeout: 15_000 });
    await contextAction(page, profileRow(page, PROFILE), 'Connect');
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
  });

  it('sends from the message book through its CodeLens and shows the message and its echo', async () => {
    const { page, panel } = ui;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('story.rimessages');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'story.rimessages' }).first().waitFor();
    await page.keyboard.press('Control+Enter');
    await codeLens(page, 'Send').first().waitFor({ timeout: 30_000 });
    await codeLens(page, 'Send').first().click();
    await panel.locator('.event-row.dir-out', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
    await panel.locator('.event-row.dir-in', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
  });

  it('exports the session as a HAR holding the message both ways', async () => {
    const { page, panel } = ui;
    const target = path.join(exportDir, 'story.har');
    await panel.locator('#btn-export').click();
    await pickQuickItem(page, /^HAR$/);
    await pickQuickItem(page, /^Sanitized$/);
    await answerFileDialog(page, target, /^OK$/);
    await page.locator('.notifications-toasts', { hasText: 'to story.har' }).waitFor({ timeout: 30_000 });
    const har = JSON.parse(fs.readFileSync(target, 'utf8')) as { log: { entries: Array<Record<string, unknown>> } };
    const socket = har.log.entries.find((entry) => entry._resourceType === 'websocket');
    const messages = (socket?._webSocketMessages ?? []) as Array<{ type: string; data: string }>;
    for (const type of ['send', 'receive'])
      assert.ok(
        messages.some((m) => m.type === type && m.data === MESSAGE),
        `${type}: ${JSON.stringify(messages)}`,
      );
  });
});
