/**
 * The paged panel in a real browser (issue #9): a ticker fills the log with more than a page of rows;
 * scrolling up pauses the tail and shows the pill; the filter runs in the host (a bad expression says
 * so where the filter is); a switch to another editor tab and back (the webview is kept alive) and a
 * reload of the webview (torn down and rebuilt from its saved state and the host's log) show the same
 * rows, selection and filter; and Home pages back to the very first row.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { ARTEFACTS, type UiEnvironment } from './support/uiEnvironment';
import { useUiSuite } from './support/uiSuite';
import { answerInputBox, pickQuickItem, runCommand } from './support/workbench';

/** Rows the webview asks for per page (PAGE_ROWS): the log must outgrow a few of them. */
const ENOUGH_EVENTS = 700;

/** The seqs of the rows on screen, top to bottom. */
async function visibleSeqs(panel: FrameLocator): Promise<number[]> {
  return panel.locator('.event-row').evaluateAll((rows) =>
    rows
      .filter((row) => !(row as HTMLElement).hidden && row.getClientRects().length > 0)
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((row) => Number((row as HTMLElement).dataset.seq)),
  );
}

/** The number at the start of the event count ("1,234 events", "812 of 1,240"). */
async function countShown(panel: FrameLocator): Promise<number> {
  const text = (await panel.locator('#event-count').textContent()) ?? '';
  return Number(/^[\d,]+/.exec(text)?.[0].replace(/,/g, '') ?? 0);
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('paged panel UI in code-server (issue #9)', function () {
  this.bail(true);
  let env: UiEnvironment;
  let page: Page;
  let panel: FrameLocator;
  /** Kept between steps: what the panel showed before the tab switch. */
  const shown = { seqs: [] as number[], selected: '' };

  const ui = useUiSuite('paged');
  before(() => ({ env, page, panel } = ui));

  it('connects to a fast ticker and follows the tail past several pages', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, `${env.wsServer.url}/ticker?ms=5`);
    await pickQuickItem(page, /Connect/);
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await waitUntil(`${ENOUGH_EVENTS} events`, async () => (await countShown(panel)) > ENOUGH_EVENTS);
    assert.ok(await panel.locator('#jump-to-latest').isHidden(), 'following: no pill');
    const seqs = await visibleSeqs(panel);
    assert.ok(seqs.length >= 5 && seqs[0] > 200, `the newest rows are on screen: ${seqs.slice(0, 3)}`);
    assert.match((await panel.locator('#session-in').textContent()) ?? '', /msg\/s/, 'the header shows rates');
  });

  it('refuses a bad regular expression where the filter is, then filters in the host', async () => {
    await panel.locator('#filter-regex').click();
    await panel.locator('#filter').fill('tick(');
    await panel.locator('#filter-error', { hasText: /regular expression/i }).waitFor({ timeout: 10_000 });
    await panel.locator('#filter-regex').click();
    await panel.locator('#filter').fill('tick');
    await panel.locator('#filter-error').waitFor({ state: 'hidden', timeout: 10_000 });
    await panel.locator('#event-count', { hasText: / of / }).waitFor({ timeout: 10_000 });
    await panel.locator('.event-row .col-preview', { hasText: '"tick"' }).first().waitFor({ timeout: 10_000 });
  });

  it('scrolling up pauses the tail and shows the pill; the rows on screen stay put', async () => {
    const box = await panel.locator('.event-table-viewport').boundingBox();
    assert.ok(box, 'the table is laid out');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -22 * 120);
    await panel.locator('#jump-to-latest').waitFor({ state: 'visible', timeout: 10_000 });
    await panel.locator('#jump-to-latest', { hasText: /new/ }).waitFor({ timeout: 10_000 });
    const seqs = await visibleSeqs(panel);
    await page.waitForTimeout(500);
    assert.deepEqual(await visibleSeqs(panel), seqs, 'paused: new ticks do not move the rows');
    await panel.locator('.event-row').nth(3).click();
    shown.selected = (await panel.locator('.event-row.selected').getAttribute('data-seq')) ?? '';
    assert.match(shown.selected, /^\d+$/);
    shown.seqs = await visibleSeqs(panel);
  });

  it('keeps rows, selection and filter across a switch to another editor tab and back', async () => {
    await panel.locator('body').evaluate((body) => (body.dataset.marker = 'before-switch'));
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('README.md');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'README.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'README.md' }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1000);
    await page.locator('.tabs-container .tab', { hasText: 'ticker' }).click();
    await panel.locator('.event-row.selected').waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('#filter').inputValue(), 'tick');
    assert.equal(await panel.locator('.event-row.selected').getAttribute('data-seq'), shown.selected);
    assert.deepEqual(await visibleSeqs(panel), shown.seqs, 'the same rows, from the same first row');
    assert.ok(await panel.locator('#jump-to-latest').isVisible(), 'still paused');
    assert.equal(await panel.locator('body').getAttribute('data-marker'), 'before-switch', 'kept alive, not rebuilt');
  });

  it('keeps rows, selection and filter across a reload of the webview', async () => {
    await runCommand(page, 'Developer: Reload Webviews');
    await panel.locator('body:not([data-marker])').waitFor({ timeout: 15_000 });
    await panel.locator('.event-row.selected').waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('#filter').inputValue(), 'tick');
    assert.equal(await panel.locator('.event-row.selected').getAttribute('data-seq'), shown.selected);
    assert.deepEqual(await visibleSeqs(panel), shown.seqs, 'the same rows, from the same first row');
    assert.ok(await panel.locator('#jump-to-latest').isVisible(), 'still paused');
  });

  it('pages back to the very first row with Home, and jumps back to the latest', async () => {
    await panel.locator('#filter').fill('');
    await panel.locator('#event-count', { hasText: /events/ }).waitFor({ timeout: 10_000 });
    await panel.locator('#event-table').focus();
    await page.keyboard.press('Home');
    await panel.locator('.event-row.selected[data-seq="1"]').waitFor({ timeout: 10_000 });
    assert.equal(await panel.locator('.event-row.selected').getAttribute('aria-rowindex'), '2');
    const rendered = await panel.locator('.event-row').count();
    assert.ok(rendered < 150, `only a screenful of row elements, not the log (${rendered})`);
    await page.screenshot({ path: path.join(ARTEFACTS, 'paged-panel.png') });
    await panel.locator('#jump-to-latest').click();
    await panel.locator('#jump-to-latest').waitFor({ state: 'hidden', timeout: 10_000 });
    const newest = await visibleSeqs(panel);
    assert.ok(newest.at(-1)! > ENOUGH_EVENTS, `following again at the tail (${newest.at(-1)})`);
  });
});
