/**
 * Reconnecting in a real browser (issue 12): a workspace profile with a reconnect policy connects to a local
 * WebSocket server; the server drops the connection (and refuses for a while); the panel header shows the
 * countdown and the attempt with Retry now and Cancel, the status bar the countdown; Retry now (the server
 * accepting again) reconnects in the same panel, and the log has the attempt's rows. Saves
 * test-results/ui/reconnect-panel.png.
 *
 * The policy's waits are drawn from up to an hour, so no attempt of its own comes before Retry now in practice;
 * one that did would meet the refusing server and wait again, and the test would still hold.
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

  const ui = useUiSuite('reconnect');
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
          reconnect: { initialDelayMs: HOUR_MS, maxDelayMs: HOUR_MS },
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
    const line = panel.locator('#session-reconnect', { hasText: /Reconnecting in (\d+ min )?\d+ s \(attempt \d+\)/ });
    await line.waitFor({ timeout: 15_000 });
    await panel.locator('#btn-retry-now').waitFor({ state: 'visible', timeout: 5_000 });
    await panel.locator('#btn-cancel-reconnect').waitFor({ state: 'visible', timeout: 5_000 });
    await page
      .locator('.statusbar-item', { hasText: /reconnecting in (\d+ min )?\d+ s \(attempt \d+\)/ })
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
});
