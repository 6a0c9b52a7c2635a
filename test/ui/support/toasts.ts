/**
 * Workbench notifications (toasts) in the UI tests, and the profile file the trust offer writes: found by parts of
 * their text (never the whole sentence: its words may change) and held on screen while a test reads them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** The toast whose text holds all of `parts`. */
export function toast(page: Page, ...parts: string[]): Locator {
  return parts.reduce(
    (found, part) => found.filter({ hasText: part }),
    page.locator('.notifications-toasts .notification-toast'),
  );
}

/**
 * Waits for a toast and keeps it: the pointer rests on it (a warning or information toast hides itself after
 * 10-12 s otherwise, even with buttons), and its fade-in is over (an earlier screenshot is half transparent).
 */
export async function holdToast(page: Page, shown: Locator): Promise<void> {
  await shown.waitFor({ timeout: 30_000 });
  await shown.hover();
  // Polled from here: a function defined inside evaluate() gets the bundler's __name helper, unknown in the page.
  const deadline = Date.now() + 10_000;
  while ((await shown.evaluate((element) => getComputedStyle(element).opacity)) !== '1') {
    assert.ok(Date.now() < deadline, 'the toast finished fading in');
    await page.waitForTimeout(50);
  }
}

/** The button labelled exactly `label` inside `within`. */
export function toastButton(within: Locator, label: string): Locator {
  return within.locator('.monaco-button', { hasText: new RegExp(`^${label}$`) }).first();
}

/** The `tls.pinnedCertificates` of profile `id` as the profile file on disk holds them now. */
export function pinsOnDisk(profileFile: string, id: string): unknown {
  const file = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as {
    profiles: { id: string; tls?: { pinnedCertificates?: unknown } }[];
  };
  return file.profiles.find((profile) => profile.id === id)?.tls?.pinnedCertificates;
}
