/**
 * Steps in the workbench that several UI tests take: the Realtime Inspector view's rows and their context menus,
 * a message book's CodeLenses, and code-server's file dialogs.
 */
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

const QUICK_INPUT = '.quick-input-widget';

/** The Realtime Inspector view's pane (its rows and its welcome content). */
export function profilesView(page: Page): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Profiles/i }) });
}

/** The first row of the view whose text matches. */
export function profileRow(page: Page, text: string | RegExp): Locator {
  return profilesView(page).locator('.monaco-list-row', { hasText: text }).first();
}

/** Right-clicks a row and picks `action` in its context menu. */
export async function contextAction(page: Page, target: Locator, action: string): Promise<void> {
  await target.click({ button: 'right' });
  const item = page
    .locator('.monaco-menu .action-item:not(.disabled) .action-label', { hasText: new RegExp(`^${action}$`) })
    .first();
  await item.waitFor({ timeout: 10_000 });
  // A menu ignores the mouse for a moment after it opens (the right-click's own mouseup must not pick an item).
  await item.hover();
  await page.waitForTimeout(300);
  await item.click();
  if (await item.isVisible()) await page.keyboard.press('Enter');
}

/** The CodeLens links of the visible editors whose text is exactly `title`. */
export function codeLens(page: Page, title: string): Locator {
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.locator('.codelens-decoration a', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) });
}

/**
 * Types `file` into code-server's file dialog (a quick input holding a path) until it holds it, then presses its
 * button (the save dialog's says OK, the open dialog's its open label).
 */
export async function answerFileDialog(page: Page, file: string, button: RegExp): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} input.input`);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // The dialog fills in its default path after it shows: type ours until it is the one the input holds.
  const deadline = Date.now() + 10_000;
  do {
    await input.fill(file);
    await page.waitForTimeout(200);
  } while ((await input.inputValue()) !== file && Date.now() < deadline);
  assert.equal(await input.inputValue(), file, 'the dialog holds the path typed');
  await page.locator(`${QUICK_INPUT} .monaco-button`, { hasText: button }).click();
}
