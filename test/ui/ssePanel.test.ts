/**
 * Server-Sent Events and long-polling in a real browser (issue 11): Connect… to a local SSE server, choose the
 * kind Server-Sent Events, and see the events arrive as rows (`[tick] id 1 · {"n":1}`) with the data as a JSON
 * tree and the block as it arrived (line ends drawn as `\n`) in the details; the composer says the session only
 * receives. Then a long-poll chat with a cursor rule: each answer a row with its status, hold time, message count
 * and cursor. Saves test-results/ui/sse-panel.png.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startPollServer, type PollServer } from '../fixtures/servers/pollServer';
import { startSseServer, type SseServer } from '../fixtures/servers/sseServer';
import { ARTEFACTS, startUiEnvironment, type UiEnvironment } from './support/uiEnvironment';
import { screenshotFailures } from './support/uiSuite';
import { activeWebview, answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const QUICK_INPUT = '.quick-input-widget';

describe('Server-Sent Events and long-polling panels in code-server', function () {
  this.bail(true);
  let env: UiEnvironment;
  let sse: SseServer;
  let poll: PollServer;
  let page: Page;
  let panel: FrameLocator;

  before(async () => {
    sse = await startSseServer();
    poll = await startPollServer({ holdMs: 2000 });
    env = await startUiEnvironment();
    page = env.page;
    panel = activeWebview(page);
  });

  screenshotFailures('sse', () => page);

  after(async () => {
    await env?.dispose();
    await sse?.close();
    await poll?.close();
  });

  /** The rows of one type on screen (the virtualised table keeps spare row elements hidden in a pool). */
  const rowsOfType = (type: string) =>
    panel.locator('.event-row:visible', { has: panel.locator('.col-type', { hasText: new RegExp(`^${type}$`) }) });

  it('connects to an event stream with the kind chosen in the menu, and shows its events', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    // /ticker says nothing of a stream: Socket.IO is inferred, and the user picks the kind.
    await answerInputBox(page, `${sse.url}/ticker?count=5&ms=150&retry=60000`);
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Kind: Socket.IO' }).waitFor({ timeout: 15_000 });
    await pickQuickItem(page, /Kind:/);
    await pickQuickItem(page, 'Server-Sent Events');
    await page
      .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Kind: Server-Sent Events' })
      .waitFor({ timeout: 15_000 });
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Last-Event-ID' }).waitFor({ timeout: 5_000 });
    await pickQuickItem(page, /^\s*Connect\s*$/);
    await panel.locator('#session-kind', { hasText: 'Server-Sent Events' }).waitFor({ timeout: 30_000 });
    await rowsOfType('sse-event').nth(2).waitFor({ timeout: 30_000 });
    const previews = await rowsOfType('sse-event').locator('.preview-text').allTextContents();
    assert.ok(previews.length >= 3, JSON.stringify(previews));
    for (const [i, preview] of previews.slice(0, 3).entries())
      assert.equal(preview.trim(), `[tick] id ${i + 1} · {"n":${i + 1}}`);
    assert.match((await panel.locator('#session-protocol').textContent()) ?? '', /Server-Sent Events over GET/);
    assert.equal(sse.requestsTo('/ticker')[0]?.headers.accept, 'text/event-stream');
  });

  it('shows an event’s data as a JSON tree, and says the session only receives', async () => {
    await rowsOfType('sse-event').nth(1).click();
    await panel.locator('#details-summary', { hasText: 'Event "tick", id "2"' }).waitFor({ timeout: 10_000 });
    const tree = panel.locator('#payload-tree-view[role="tree"]');
    await tree.locator('[role="treeitem"]', { hasText: 'n' }).first().waitFor({ timeout: 10_000 });
    // The block as it arrived: each line with its LF drawn as the escape `\n`, the blank line that dispatched it.
    const raw = panel.locator('#details-raw');
    await raw.waitFor({ timeout: 5_000 });
    const rawText = (await raw.textContent()) ?? '';
    // (Without the ┆ marks of read ends, should the loopback ever split the write.)
    assert.equal(rawText.replace(/┆/g, ''), 'id: 2\\n\nevent: tick\\n\ndata: {"n":2}\\n\n\\n\n');
    assert.equal(await raw.locator('.raw-eol').count(), 4);
    const note = panel.locator('#composer-receive-only');
    await note.waitFor({ timeout: 5_000 });
    assert.match((await note.textContent()) ?? '', /Server-Sent Events sessions only receive/);
    assert.equal(await panel.locator('#composer-send').isVisible(), false, 'no Send button');
    await page.screenshot({ path: path.join(ARTEFACTS, 'sse-panel.png') });
  });

  it('polls a long-poll chat with a cursor rule: each answer with its status, hold, count and cursor', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, `${poll.origin}/chat/poll`);
    await page
      .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Kind: HTTP long-polling' })
      .waitFor({ timeout: 15_000 });
    await pickQuickItem(page, /Cursor…/);
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'cursor from' }).waitFor({ timeout: 10_000 });
    await answerInputBox(page, '$.cursor');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'cursor to' }).waitFor({ timeout: 10_000 });
    await answerInputBox(page, 'cursor');
    await page
      .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: '$.cursor → cursor' })
      .waitFor({ timeout: 10_000 });
    await pickQuickItem(page, /^\s*Connect\s*$/);
    await panel.locator('#session-kind', { hasText: 'HTTP long-polling' }).waitFor({ timeout: 30_000 });
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    poll.post('hello from the ui test');
    const answer = /^200 · held .+ · 1 message · cursor 0→1$/;
    const answered = rowsOfType('poll-response').filter({ has: panel.locator('.preview-text', { hasText: answer }) });
    await answered.first().waitFor({ timeout: 15_000 });
    const requests = await rowsOfType('poll-request').locator('.preview-text').allTextContents();
    assert.ok(
      requests.some((r) => r.trim() === 'GET /chat/poll?cursor=1'),
      `the cursor goes into the next request: ${JSON.stringify(requests)}`,
    );
    await answered.first().click();
    await panel.locator('#details', { hasText: 'hello from the ui test' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(ARTEFACTS, 'longpoll-panel.png') });
  });
});
