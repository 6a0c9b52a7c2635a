/**
 * The main user story in a real browser: Connect… from the command palette, watch the handshake in
 * the panel, send from the composer, see the echo, inspect it. Saves test-results/ui/panel.png (and,
 * with RI_UPDATE_SCREENSHOT=1, media/screenshot-websocket.png for the README).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { ARTEFACTS, ROOT, startUiEnvironment, type UiEnvironment } from './support/uiEnvironment';
import {
  activeWebview,
  answerInputBox,
  dismissQuickInput,
  filterCommandPalette,
  pickQuickItem,
  runCommand,
} from './support/workbench';

const CONNECT_TITLE = 'Realtime Inspector: Connect';
const MESSAGE = 'hello from ui';
/** Credentials typed into the URL (issue #7): never on screen unless the user asks for one row's secrets. */
const PASSWORD = 'UiPassCanary-51d7';
const TOKEN = 'UiTokenCanary-93be';
/** A zero-width space inside a message: it must show as a visible escape, not disappear. */
const INVISIBLE = 'zero\u200bwidth';
/** A JSON message for the details pane's JSON tree (issue #9). */
const JSON_MESSAGE = '{"ui":"json tree","list":[1,2,3]}';
/** A text message over the 64 KiB preview: the pane offers "Open in editor" (issue #9). */
// No spaces: Monaco draws them as NBSP.
const BIG_MARKER = 'big-payload-start-';
const BIG_MESSAGE = `${BIG_MARKER}${'x'.repeat(70_000)}`;

describe('panel UI in code-server', function () {
  // One story in steps: once a step fails the next ones cannot pass, so stop instead of waiting out their timeouts.
  this.bail(true);
  let env: UiEnvironment;
  let page: Page;
  let panel: FrameLocator;

  before(async () => {
    env = await startUiEnvironment();
    page = env.page;
    panel = activeWebview(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await page.screenshot({ path: path.join(ARTEFACTS, `failed-${name}.png`) }).catch(() => undefined);
    }
  });

  after(async () => {
    await env?.dispose();
  });

  it('lists the Realtime Inspector commands in the command palette', async () => {
    await filterCommandPalette(page, 'Realtime Inspector:');
    const labels = await page.locator('.quick-input-widget .monaco-list-row').allTextContents();
    for (const title of ['Connect', 'Disconnect', 'Send Message', 'Show Log']) {
      assert.ok(
        labels.some((l) => l.includes(`Realtime Inspector: ${title}`)),
        `"${title}" in ${JSON.stringify(labels)}`,
      );
    }
    await dismissQuickInput(page);
  });

  it('connects from the palette and shows the handshake in the panel', async () => {
    await runCommand(page, CONNECT_TITLE);
    const withCredentials = env.wsServer.url.replace('ws://', `ws://ui:${PASSWORD}@`);
    await answerInputBox(page, `${withCredentials}/echo?room=1&access_token=${TOKEN}`);
    await pickQuickItem(page, /Connect/);
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    assert.match((await panel.locator('#session-url').textContent()) ?? '', new RegExp(`${env.wsServer.port}/echo`));
    for (const type of ['handshake-request', 'handshake-response']) {
      await panel.locator('.event-row .col-type', { hasText: type }).first().waitFor({ timeout: 10_000 });
    }
    const requestRow = panel
      .locator('.event-row', { has: panel.locator('.col-type', { hasText: 'handshake-request' }) })
      .first();
    assert.match((await requestRow.getAttribute('class')) ?? '', /\bdir-out\b/);
  });

  it('sends a text message from the composer and shows the echo', async () => {
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill(MESSAGE);
    await panel.locator('#composer-send').click();
    await panel.locator('.event-row.dir-out .col-preview', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
    await panel.locator('.event-row.dir-in .col-preview', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
    const inRow = panel.locator('.event-row.dir-in', { hasText: MESSAGE }).first();
    assert.match((await inRow.locator('.col-size').textContent()) ?? '', /\b13\b/, 'size column shows the 13 bytes');
    await page.screenshot({ path: path.join(ARTEFACTS, 'after-send.png') });
  });

  it('shows no credential anywhere on screen: panel, workbench, notifications', async () => {
    const panelText = (await panel.locator('body').textContent()) ?? '';
    const workbenchText = (await page.locator('body').textContent()) ?? '';
    for (const secret of [PASSWORD, TOKEN]) {
      assert.ok(!panelText.includes(secret), `${secret} in the panel`);
      assert.ok(!workbenchText.includes(secret), `${secret} in the workbench`);
    }
    assert.match((await panel.locator('#session-url').textContent()) ?? '', /access_token=••••/);
  });

  it('reveals the secrets of one row on request, and only while it is selected', async () => {
    const requestRow = panel
      .locator('.event-row', { has: panel.locator('.col-type', { hasText: 'handshake-request' }) })
      .first();
    await requestRow.click();
    await panel.locator('#btn-show-secrets').click();
    await panel.locator('#details-secrets-marker').waitFor({ timeout: 10_000 });
    await panel.locator('#details', { hasText: TOKEN }).waitFor({ timeout: 10_000 });
    const other = panel
      .locator('.event-row', { has: panel.locator('.col-type', { hasText: 'handshake-response' }) })
      .first();
    await other.click();
    await panel
      .locator('#details-secrets-marker')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await panel
      .locator('#details', { hasText: 'handshake-response' })
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    assert.ok(
      !((await panel.locator('body').textContent()) ?? '').includes(TOKEN),
      'the revealed token is gone after selecting another row',
    );
  });

  it('shows an invisible character as a visible escape', async () => {
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill(INVISIBLE);
    await panel.locator('#composer-send').click();
    const escape = panel.locator('.event-row.dir-in .col-preview .esc', { hasText: '\\u200B' }).first();
    await escape.waitFor({ timeout: 10_000 });
    assert.match((await escape.getAttribute('title')) ?? '', /ZERO WIDTH SPACE/);
  });

  it('shows the selected row in the details pane', async () => {
    const inRow = panel.locator('.event-row.dir-in', { hasText: MESSAGE }).first();
    const seq = await inRow.getAttribute('data-seq');
    assert.ok(seq && /^\d+$/.test(seq), `row has a numeric data-seq (${seq})`);
    await inRow.click();
    await panel.locator('#details', { hasText: MESSAGE }).waitFor({ timeout: 10_000 });
    const screenshot = path.join(ARTEFACTS, 'panel.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.ok(fs.statSync(screenshot).size > 10_000, 'screenshot written');
    if (process.env.RI_UPDATE_SCREENSHOT === '1')
      fs.copyFileSync(screenshot, path.join(ROOT, 'media/screenshot-websocket.png'));
  });

  it('lays the rows out one below another', async () => {
    // Seen so far: handshake request and response, our message and its echo (and whatever else the engine logs).
    // Only rows on screen: the virtualised table keeps spare row elements hidden in a pool.
    const tops = await panel
      .locator('.event-row')
      .evaluateAll((rows) =>
        rows.filter((row) => row.getClientRects().length > 0).map((row) => Math.round(row.getBoundingClientRect().top)),
      );
    assert.ok(tops.length >= 4, `at least 4 rows rendered, got ${tops.length}`);
    assert.equal(new Set(tops).size, tops.length, `every row has its own line; row tops: ${tops.join(', ')}`);
  });

  it('shows a JSON message as a tree whose nodes fold and unfold', async () => {
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill(JSON_MESSAGE);
    await panel.locator('#composer-send').click();
    const inRow = panel.locator('.event-row.dir-in', { hasText: 'json tree' }).first();
    await inRow.waitFor({ timeout: 10_000 });
    await inRow.click();
    const tree = panel.locator('#payload-tree-view[role="tree"]');
    await tree.waitFor({ timeout: 10_000 });
    const list = tree.locator('[role="treeitem"][aria-level="2"]', { hasText: 'list' });
    assert.equal(await list.getAttribute('aria-expanded'), 'false');
    await list.locator('.json-twisty').click();
    await tree.locator('[role="treeitem"][aria-level="3"]').first().waitFor({ timeout: 5_000 });
    assert.equal(await list.getAttribute('aria-expanded'), 'true');
    assert.equal(await tree.locator('[role="treeitem"][aria-level="3"]').count(), 3);
    // Left on the focused, unfolded node folds it again (the WAI-ARIA tree keys).
    await tree.locator('[role="treeitem"][aria-level="2"]', { hasText: 'list' }).press('ArrowLeft');
    await tree.locator('[role="treeitem"][aria-level="3"]').first().waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await list.getAttribute('aria-expanded'), 'false');
  });

  it('opens a payload over 64 KiB in a read-only editor', async () => {
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill(BIG_MESSAGE);
    await panel.locator('#composer-send').click();
    const outRow = panel.locator('.event-row.dir-out', { hasText: BIG_MARKER }).first();
    await outRow.waitFor({ timeout: 10_000 });
    await outRow.click();
    const open = panel.locator('#btn-open-payload');
    await open.waitFor({ state: 'visible', timeout: 10_000 });
    await open.click();
    const firstLine = page.locator('.editor-instance .monaco-editor .view-line', { hasText: BIG_MARKER }).first();
    await firstLine.waitFor({ timeout: 15_000 });
    assert.ok(((await firstLine.textContent()) ?? '').startsWith(`${BIG_MARKER}xxx`));
    const tab = page.locator('.tabs-container .tab', { hasText: /\.txt/ }).first();
    await tab.waitFor({ timeout: 5_000 });
  });
});
