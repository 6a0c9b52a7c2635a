/**
 * Sending from a message book in a real browser (issue 10): connect to the echo fixture, open a `.rimessages`
 * file beside the panel, click **Send** in an entry's CodeLens and see the message and its echo in the panel.
 * Then the way back: **Edit and send** on the outgoing row opens it as an entry in a new editor whose Send lens
 * sends it again, and **From here** / **Replay #a–#b…** replays a range. Saves test-results/ui/message-book.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { ARTEFACTS, startUiEnvironment, type UiEnvironment } from './support/uiEnvironment';
import { codeLens } from './support/inspectorUi';
import { screenshotFailures } from './support/uiSuite';
import { activeWebview, answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const FIRST = 'hello from the book';
const SECOND = 'second entry';
const BOOK = `# A book for the UI test\n\n### Greet\ntext ${FIRST}\n\n### Then\ntext ${SECOND}\n`;

describe('message book in code-server', function () {
  this.bail(true);
  let env: UiEnvironment;
  let page: Page;
  let panel: FrameLocator;

  const lens = (title: string): Locator => codeLens(page, title);
  // Whole rows: with three editor groups the panel is narrow and hides its Data column.
  const outRows = (text: string) => panel.locator('.event-row.dir-out', { hasText: text });
  const inRows = (text: string) => panel.locator('.event-row.dir-in', { hasText: text });

  before(async () => {
    env = await startUiEnvironment();
    page = env.page;
    panel = activeWebview(page);
    fs.writeFileSync(path.join(env.folder, 'chat.rimessages'), BOOK);
  });

  screenshotFailures('book', () => page);

  after(async () => {
    await env?.dispose();
  });

  it('connects to the echo server', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, `${env.wsServer.url}/echo`);
    await pickQuickItem(page, /Connect/);
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
  });

  it('opens the book beside the panel with its lenses naming the session', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('chat.rimessages');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'chat.rimessages' }).first().waitFor();
    // Ctrl+Enter opens the pick to the side: the panel stays in view.
    await page.keyboard.press('Control+Enter');
    await lens('Send all').first().waitFor({ timeout: 30_000 });
    await lens(`→ ws://127.0.0.1:${env.wsServer.port}/echo`).first().waitFor({ timeout: 10_000 });
    assert.equal(await lens('Send').count(), 2, 'one Send lens per entry');
  });

  it('sends an entry from its Send lens: the message and its echo appear in the panel', async () => {
    await lens('Send').first().click();
    await outRows(FIRST).first().waitFor({ timeout: 10_000 });
    await inRows(FIRST).first().waitFor({ timeout: 10_000 });
    assert.equal(await outRows(SECOND).count(), 0, 'only the entry clicked was sent');
    await page.screenshot({ path: path.join(ARTEFACTS, 'message-book.png') });
  });

  it('edits a sent row in a new editor and sends it again from its lens', async () => {
    await panel.locator('.event-row.dir-out', { hasText: FIRST }).first().click();
    await panel.locator('#btn-edit-send').click();
    await panel.locator('#details-action-status', { hasText: /opened in an editor/ }).waitFor({ timeout: 10_000 });
    await page
      .locator('.monaco-editor .view-line', { hasText: /###\sSent\sat/ })
      .first()
      .waitFor({ timeout: 15_000 });
    // The new editor is beside the panel; its lens sends to the session the row came from.
    await lens('Send').last().waitFor({ timeout: 15_000 });
    const before = await outRows(FIRST).count();
    await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: /^\s*Send\s*$/ }).click();
    await outRows(FIRST).nth(before).waitFor({ timeout: 10_000 });
  });

  it('saves a sent row to the book', async () => {
    await outRows(FIRST).first().click();
    await panel.locator('#btn-save-book').click();
    await pickQuickItem(page, 'chat.rimessages');
    const book = path.join(env.folder, 'chat.rimessages');
    const deadline = Date.now() + 15_000;
    let text = fs.readFileSync(book, 'utf8');
    while (!text.includes('### Sent at') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = fs.readFileSync(book, 'utf8');
    }
    assert.ok(text.startsWith(BOOK), 'the book keeps what it had');
    assert.match(text.slice(BOOK.length), /^\n### Sent at \d\d:\d\d:\d\d \(#\d+\)\ntext\nhello from the book\n$/);
  });

  it('replays a range of rows at the speed picked', async () => {
    const sent = panel.locator('.event-row.dir-out', { hasText: FIRST });
    const echoes = panel.locator('.event-row.dir-in', { hasText: FIRST });
    const before = await outRows(FIRST).count();
    await sent.first().click();
    await panel.locator('#btn-range-from').click();
    await echoes.last().click();
    const replay = panel.locator('#btn-range-replay');
    await replay.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await replay.textContent()) ?? '', /Replay #\d+–#\d+…/);
    await replay.click();
    await pickQuickItem(page, 'as fast as possible');
    await outRows(FIRST)
      .nth(before + before - 1)
      .waitFor({ timeout: 15_000 });
  });
});
