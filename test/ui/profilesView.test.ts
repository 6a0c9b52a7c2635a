/**
 * Profiles in a real browser (issue 10): open the Realtime Inspector view from the activity bar, create a
 * workspace profile with New Profile (a local ws echo server), connect from its context menu, and see the
 * session under the profile and the handshake in the panel. Saves test-results/ui/profiles-view.png.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { ARTEFACTS, type UiEnvironment } from './support/uiEnvironment';
import { contextAction as rightClickAction, profileRow, profilesView } from './support/inspectorUi';
import { useUiSuite } from './support/uiSuite';
import { answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const QUICK_INPUT = '.quick-input-widget';
const PROFILE = 'UI echo profile';
const RENAMED = 'UI echo renamed';
const SAVED = 'UI saved from Connect';

describe('the Realtime Inspector view in code-server', function () {
  this.bail(true);
  let env: UiEnvironment;
  let page: Page;
  let panel: FrameLocator;

  const ui = useUiSuite('profiles');
  before(() => ({ env, page, panel } = ui));

  const view = (): Locator => profilesView(page);
  const row = (text: string | RegExp): Locator => profileRow(page, text);

  it('opens the view from the activity bar and offers New Profile when empty', async () => {
    const icon = page.locator('.activitybar .action-item a[aria-label^="Realtime Inspector"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await view().locator('.welcome-view-content', { hasText: 'No saved connection profiles yet' }).waitFor({
      timeout: 30_000,
    });
    const buttons = await view().locator('.welcome-view-content .monaco-button').allTextContents();
    assert.ok(
      buttons.some((b) => b.includes('Connect')) && buttons.some((b) => b.includes('New Profile')),
      buttons.join(),
    );
  });

  it('creates a workspace profile with New Profile', async () => {
    await view().locator('.welcome-view-content .monaco-button', { hasText: 'New Profile' }).click();
    await pickQuickItem(page, /Workspace/);
    await answerInputBox(page, `${env.wsServer.url}/echo`);
    // The name box replaces the URL box: answer it once it is the one shown.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'profile name' }).waitFor();
    await answerInputBox(page, PROFILE);
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `Name: ${PROFILE}` }).waitFor({ timeout: 15_000 });
    await pickQuickItem(page, /^\s*Save\s*$/);
    await row(PROFILE).waitFor({ timeout: 15_000 });
    assert.match((await row(PROFILE).textContent()) ?? '', /WebSocket · ws:\/\/127\.0\.0\.1:\d+\/echo/);
    await row('Workspace').waitFor({ timeout: 5_000 });
  });

  const contextAction = (target: Locator, action: string): Promise<void> => rightClickAction(page, target, action);

  it('connects from the profile\u2019s context menu and shows the session under it', async () => {
    await contextAction(row(PROFILE), 'Connect');
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    for (const type of ['handshake-request', 'handshake-response'])
      await panel.locator('.event-row .col-type', { hasText: type }).first().waitFor({ timeout: 10_000 });
    await row(/^\s*open\s*since/).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(ARTEFACTS, 'profiles-view.png') });
  });

  it('renames the profile in the Edit form', async () => {
    await contextAction(row(PROFILE), 'Edit');
    await pickQuickItem(page, /Name:/);
    await answerInputBox(page, RENAMED);
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `Name: ${RENAMED}` }).waitFor({ timeout: 15_000 });
    await pickQuickItem(page, /^\s*Save\s*$/);
    await row(RENAMED).waitFor({ timeout: 15_000 });
    // The session stays under the renamed profile (a key press on the tree may have folded the row: unfold it).
    if ((await row(RENAMED).getAttribute('aria-expanded')) === 'false')
      await row(RENAMED).locator('.monaco-tl-twistie').click();
    await row(/^\s*open\s*since/).waitFor({ timeout: 5_000 });
  });

  it('saves Connect\u2026 options as a user profile and connects from it', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, `${env.wsServer.url}/echo?room=saved`);
    await pickQuickItem(page, /Save as profile/);
    await answerInputBox(page, SAVED);
    await pickQuickItem(page, /User/);
    await panel.locator('#session-url', { hasText: 'room=saved' }).waitFor({ timeout: 30_000 });
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await row(SAVED).waitFor({ timeout: 15_000 });
    await row('User').waitFor({ timeout: 5_000 });
    assert.match((await row('User').textContent()) ?? '', /1 profile\b/);
  });
});
