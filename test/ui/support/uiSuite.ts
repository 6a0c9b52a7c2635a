/**
 * The frame of every UI test file: a code-server workbench in Chromium started before the suite, a screenshot of
 * each failed test (`failed-<prefix>-<title>.png` in test-results/ui), and everything disposed after.
 */
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { ARTEFACTS, startUiEnvironment, type UiEnvironment, type UiEnvironmentOptions } from './uiEnvironment';
import { activeWebview } from './workbench';

/** Filled in by the suite's `before`: read its fields inside tests and hooks, not at load time. */
export interface UiSuite {
  env: UiEnvironment;
  page: Page;
  /** The active panel's content (the webview shown). */
  panel: FrameLocator;
}

/** Screenshots each failed test of the suite as `failed-<prefix>-<title>.png` (call inside `describe`). */
export function screenshotFailures(prefix: string, page: () => Page | undefined): void {
  afterEach(async function () {
    const shown = page();
    if (this.currentTest?.state !== 'failed' || !shown) return;
    const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await shown.screenshot({ path: path.join(ARTEFACTS, `failed-${prefix}-${name}.png`) }).catch(() => undefined);
  });
}

/** Registers the suite's hooks (call inside `describe`); `prefix` names its failure screenshots. */
export function useUiSuite(prefix: string, options: UiEnvironmentOptions = {}): UiSuite {
  const suite = {} as UiSuite;
  before(async () => {
    suite.env = await startUiEnvironment(options);
    suite.page = suite.env.page;
    suite.panel = activeWebview(suite.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && suite.page) {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await suite.page
        .screenshot({ path: path.join(ARTEFACTS, `failed-${prefix}-${name}.png`) })
        .catch(() => undefined);
    }
  });
  after(async () => {
    await suite.env?.dispose();
  });
  return suite;
}
