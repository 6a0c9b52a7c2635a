/**
 * Driving code-server's workbench with Playwright: load it, run a command from the palette, answer
 * quick inputs, reach a webview's content.
 */
import type { FrameLocator, Page } from 'playwright-core';

const QUICK_INPUT = '.quick-input-widget';

/** Waits until the workbench is usable: status bar rendered and the remote folder listed in the explorer. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
}

/**
 * Opens the command palette (F1) and filters it to `title`; resolves once a matching entry is listed.
 * The palette snapshots the command list when it opens, and the extension host (which contributes our
 * commands) starts a few seconds after the workbench renders: so close and reopen until it lists them.
 */
export async function filterCommandPalette(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} input.input`);
  const match = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    try {
      await match.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await dismissQuickInput(page);
    }
  }
}

/** F1, type the command title, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await filterCommandPalette(page, title);
  await page.keyboard.press('Enter');
}

/** Types into the open quick input (an input box: replaces its value) and presses Enter. */
export async function answerInputBox(page: Page, text: string): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} input.input`);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Clicks the first quick pick item whose label matches. */
export async function pickQuickItem(page: Page, label: string | RegExp): Promise<void> {
  const item = page
    .locator(`${QUICK_INPUT} .monaco-list-row`, { has: page.locator('.label-name', { hasText: label }) })
    .first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  await item.click();
}

/** Closes whatever quick input is open. */
export async function dismissQuickInput(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 });
}

/**
 * The content of the active webview. A webview is two iframes deep: `iframe.webview` (VS Code's host
 * page) holds `iframe#active-frame` with the extension's HTML.
 */
export function activeWebview(page: Page): FrameLocator {
  // Webviews are kept alive while hidden (retainContextWhenHidden): the one shown is the active one.
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}
