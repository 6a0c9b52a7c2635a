/**
 * Steps of the UI bench in the workbench: connect a session, read the panel's event count, switch to
 * another editor tab and back, and small statistics over what was measured.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { activeWebview, answerInputBox, pickQuickItem, runCommand } from '../test/ui/support/workbench';

export { runCommand };

/** Connects a raw WebSocket session to `url` and waits until its panel shows a state matching `state`. */
export async function connectSession(page: Page, url: string, state = /^\s*open\s*$/): Promise<FrameLocator> {
  await runCommand(page, 'Realtime Inspector: Connect');
  await answerInputBox(page, url);
  await pickQuickItem(page, /Connect/);
  const panel = activeWebview(page);
  await panel.locator('#session-state', { hasText: state }).waitFor({ timeout: 60_000 });
  return panel;
}

/** The number at the start of the event count ("1,234 events", "812 of 1,240"). */
export async function countShown(panel: FrameLocator): Promise<number> {
  const text = (await panel.locator('#event-count').textContent({ timeout: 10_000 })) ?? '';
  return Number(/^[\d,]+/.exec(text)?.[0].replace(/,/g, '') ?? 0);
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The `q`-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((q / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** Opens README.md in the editor area (the panel's tab goes to the background). */
export async function openReadme(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.fill('README.md');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'README.md' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: 'README.md' }).waitFor({ timeout: 15_000 });
}

/**
 * Clicks the tab labelled `label` and returns the ms from its pointerdown (noted by a capturing listener
 * in the workbench page) until Playwright sees a row in the rebuilt panel: an upper bound, since it
 * includes a round trip of Playwright's polling of the new frame.
 */
export async function timeTabBackToRows(page: Page, label: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __riTabDown?: number };
    delete w.__riTabDown;
    document.addEventListener('pointerdown', () => (w.__riTabDown = Date.now()), { capture: true, once: true });
  });
  await page.locator('.tabs-container .tab', { hasText: label }).first().click();
  // Polled with isVisible (no waiting, no back-off) rather than waitFor, whose retries back off to 500 ms
  // while the rebuilt frame is not there yet: the bound stays within one round trip.
  const row = activeWebview(page).locator('.event-row:not([hidden])').first();
  const deadline = Date.now() + 30_000;
  while (!(await row.isVisible().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('the panel showed no rows after the switch back');
  }
  const shownAt = Date.now();
  const downAt = await page.evaluate(() => (window as unknown as { __riTabDown?: number }).__riTabDown);
  if (downAt === undefined) throw new Error('the tab click was not seen');
  return shownAt - downAt;
}

/** The label of the active editor tab. */
export async function activeTabLabel(page: Page): Promise<string> {
  const text = await page.locator('.tabs-container .tab.active .label-name').first().textContent();
  return (text ?? '').trim();
}
