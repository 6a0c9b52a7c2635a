/**
 * Reconnecting in a real browser (issue 12): a workspace profile with a reconnect policy connects to a local
 * WebSocket server; the server drops the connection (and refuses for a while); the panel header shows the
 * countdown and the attempt with Retry now and Cancel, the status bar the countdown; Retry now (the server
 * accepting again) reconnects in the same panel, and the log has the attempt's rows. With maxAttempts 1 the next
 * drop gives up at once: the header says so and offers Retry now (not Cancel), which starts over and reconnects.
 * Saves test-results/ui/reconnect-panel.png.
 *
 * The extension host draws the jitter at 0.5 (RI_TEST_RECONNECT_DRAW): every wait is half an hour, so no attempt of
 * its own comes before Retry now, and the countdown shown is known.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { startFlakyWsServer, type FlakyWsServer } from '../fixtures/servers/flakyWsServer';
import { contextAction, profileRow } from './support/inspectorUi';
import { ARTEFACTS } from './support/uiEnvironment';
import { useUiSuite } from './support/uiSuite';

const PROFILE = 'UI reconnect profile';
const HOUR_MS = 3_600_000;

describe('reconnecting in the panel in code-server', function () {
  this.bail(true);
  let server: FlakyWsServer;
  let page: Page;
  let panel: FrameLocator;

  const ui = useUiSuite('reconnect', { env: { RI_TEST_RECONNECT_DRAW: '0.5' } });
  before(async () => {
    ({ page, panel } = ui);
    server = await startFlakyWsServer();
    const file = {
      version: 1,
      profiles: [
        {
          id: 'ui-reconnect',
          name: PROFILE,
          connection: { kind: 'websocket', url: server.url },
          reconnect: { initialDelayMs: HOUR_MS, maxDelayMs: HOUR_MS, maxAttempts: 1 },
        },
      ],
    };
    fs.mkdirSync(path.join(ui.env.folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ui.env.folder, '.vscode/realtime-inspector.json'), JSON.stringify(file, null, 2));
  });
  after(async () => {
    await server?.close();
  });

  const row = (text: string | RegExp): Locator => profileRow(page, text);
  const rowsOfType = (type: string) =>
    panel.locator('.event-row:visible', { has: panel.locator('.col-type', { hasText: new RegExp(`^${type}$`) }) });

  it('connects from a profile with a reconnect policy', async () => {
    const icon = page.locator('.activitybar .action-item a[aria-label^="Realtime Inspector"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await row(PROFILE).waitFor({ timeout: 30_000 });
    await contextAction(page, row(PROFILE), 'Connect');
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await panel.locator('#session-reconnect').waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('shows the countdown, the attempt, Retry now and Cancel once the server drops the connection', async () => {
    server.mode = { refuseStatus: 503 };
    server.dropAll();
    const line = panel.locator('#session-reconnect', {
      // Half of the one-hour ceiling (the fixed draw), counting down.
      hasText: /Reconnecting in (29 min \d+|30 min 0) s \(attempt 1 of 1\)/,
    });
    await line.waitFor({ timeout: 15_000 });
    await panel.locator('#btn-retry-now').waitFor({ state: 'visible', timeout: 5_000 });
    await panel.locator('#btn-cancel-reconnect').waitFor({ state: 'visible', timeout: 5_000 });
    await page
      .locator('.statusbar-item', { hasText: /reconnecting in (29 min \d+|30 min 0) s \(attempt 1 of 1\)/ })
      .first()
      .waitFor({
        timeout: 10_000,
      });
    await rowsOfType('reconnecting').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(ARTEFACTS, 'reconnect-panel.png') });
  });

  it('reconnects in the same panel on Retry now', async () => {
    server.mode = { accept: true };
    await panel.locator('#btn-retry-now').click();
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await panel.locator('#session-reconnect').waitFor({ state: 'hidden', timeout: 10_000 });
    await rowsOfType('reconnected').first().waitFor({ timeout: 10_000 });
    await rowsOfType('reconnect-attempt').first().waitFor({ timeout: 10_000 });
  });

  it('offers Retry now (not Cancel) once it gave up on its attempts, and reconnects on it', async () => {
    server.mode = { refuseStatus: 503 };
    server.dropAll();
    await panel.locator('#session-reconnect', { hasText: /Not reconnecting: Gave up after 1 attempt/ }).waitFor({
      timeout: 15_000,
    });
    await panel.locator('#btn-retry-now').waitFor({ state: 'visible', timeout: 5_000 });
    await panel.locator('#btn-cancel-reconnect').waitFor({ state: 'hidden', timeout: 5_000 });
    server.mode = { accept: true };
    await panel.locator('#btn-retry-now').click();
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await panel.locator('#session-reconnect').waitFor({ state: 'hidden', timeout: 10_000 });
    await rowsOfType('reconnected').nth(1).waitFor({ timeout: 10_000 });
  });
});
