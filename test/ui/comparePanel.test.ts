/**
 * Issue 11, "Transport comparison", in a real browser: Compare Transports… from the palette against a local
 * Socket.IO 4 server (20 acknowledged messages of 100 bytes), the questions answered (one wrong answer first, to
 * see the error), the results panel with both transports' figures, a bar for each in every chart group, and
 * WebSocket's bytes per message below polling's; then an export to CSV through the save dialog, and a re-run.
 * Saves test-results/ui/compare-panel.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startSocketIoServer, type SocketIoTestServer } from '../fixtures/servers/socketIoServers';
import { makeTempDir, removeDir } from '../harness/tempDirs';
import { ARTEFACTS, startUiEnvironment, type UiEnvironment } from './support/uiEnvironment';
import { answerFileDialog } from './support/inspectorUi';
import { screenshotFailures } from './support/uiSuite';
import { activeWebview, answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const N = 20;
const TRANSPORTS = ['polling-only', 'websocket-only'] as const;
const CHART_GROUPS = 5;
const QUICK_INPUT = '.quick-input-widget';

describe('transport comparison panel UI in code-server', function () {
  this.bail(true);
  let env: UiEnvironment;
  let sio: SocketIoTestServer;
  /** Accepts polling only: the WebSocket transport fails, and the panel shows why. */
  let pollingOnly: SocketIoTestServer;
  let page: Page;
  let panel: FrameLocator;
  let exportDir: string;

  before(async () => {
    sio = await startSocketIoServer('socket.io@4.8.4');
    pollingOnly = await startSocketIoServer('socket.io@4.8.4', { transports: ['polling'] });
    exportDir = makeTempDir('uicmp-');
    env = await startUiEnvironment();
    page = env.page;
    panel = activeWebview(page);
  });

  screenshotFailures('compare', () => page);

  after(async () => {
    await env?.dispose();
    await sio?.close();
    await pollingOnly?.close();
    if (exportDir) removeDir(exportDir);
  });

  /** The number a table cell holds, unrounded. */
  async function cellValue(metric: string, transport: string): Promise<number> {
    const cell = panel.locator(`#compare-table td[data-metric="${metric}"][data-transport="${transport}"]`);
    const value = await cell.getAttribute('data-value');
    assert.ok(value !== null && value !== '', `${metric} of ${transport} has a value`);
    return Number(value);
  }

  it('asks for the server and the exchange, refusing an out-of-range count with a clear error', async () => {
    await runCommand(page, 'Realtime Inspector: Compare Transports');
    await answerInputBox(page, sio.url);
    // The kind is inferred from the URL and offered first.
    const inferred = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'inferred from the URL' });
    await inferred.waitFor({ timeout: 15_000 });
    assert.match((await inferred.textContent()) ?? '', /Socket\.IO/);
    await pickQuickItem(page, /^Socket\.IO$/);
    const input = page.locator(`${QUICK_INPUT} input.input`);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await input.inputValue(), '100', 'the number of messages defaults to 100');
    await input.fill('0');
    await page.locator(QUICK_INPUT, { hasText: 'out of range' }).waitFor({ timeout: 10_000 });
    await answerInputBox(page, String(N));
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'message size' }).waitFor({ timeout: 10_000 });
    await answerInputBox(page, '100');
    await pickQuickItem(page, /^ack$/);
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'event' }).waitFor({ timeout: 10_000 });
    await answerInputBox(page, 'echo');
  });

  it('opens the results panel with both transports measured', async () => {
    await panel.locator('#compare-table').waitFor({ timeout: 90_000 });
    for (const transport of TRANSPORTS) {
      const answered = panel.locator(`#compare-table td[data-metric="answered"][data-transport="${transport}"]`);
      assert.equal((await answered.textContent())?.trim(), `${N}/${N}`, `${transport} answered every message`);
      for (const metric of ['setup', 'rtt-median', 'rtt-p95', 'bytes-per-message', 'http-requests'])
        assert.ok((await cellValue(metric, transport)) > 0, `${metric} of ${transport}`);
    }
    assert.equal(sio.seen.echoes.length, 2 * N, 'the server got every message once per transport');
    const takeaway = (await panel.locator('#compare-takeaway').textContent()) ?? '';
    assert.match(takeaway, /^Compared with HTTP long-polling, WebSocket used [\d.]+× fewer bytes per message/);
    assert.equal(await panel.locator('#compare-errors').isHidden(), true, 'no errors shown');
  });

  it('draws a bar for each transport in every chart group', async () => {
    for (const transport of TRANSPORTS) {
      const bars = panel.locator(`#compare-chart rect.bar[data-transport="${transport}"]`);
      assert.equal(await bars.count(), CHART_GROUPS, `${transport} has a bar per group`);
    }
    assert.equal(await panel.locator('#compare-chart g.chart-group').count(), CHART_GROUPS);
    assert.equal(await panel.locator('#compare-chart').getAttribute('aria-describedby'), 'compare-table');
  });

  it("shows WebSocket's bytes per message below polling's, and fewer HTTP requests", async () => {
    const polling = await cellValue('bytes-per-message', 'polling-only');
    const websocket = await cellValue('bytes-per-message', 'websocket-only');
    assert.ok(websocket < polling, `WebSocket ${websocket} B/message, polling ${polling} B/message`);
    assert.ok(
      (await cellValue('http-requests', 'websocket-only')) < (await cellValue('http-requests', 'polling-only')),
    );
    await page.screenshot({ path: path.join(ARTEFACTS, 'compare-panel.png') });
  });

  it('exports the figures as CSV where the save dialog says', async () => {
    const target = path.join(exportDir, 'figures.csv');
    await panel.locator('#compare-export-csv').click();
    // code-server's save dialog is a quick input holding a path, with an OK button.
    await answerFileDialog(page, target, /^OK$/);
    await panel.locator('#compare-status', { hasText: 'Saved figures.csv' }).waitFor({ timeout: 15_000 });
    const rows = fs.readFileSync(target, 'utf8').trimEnd().split('\r\n');
    assert.equal(rows.length, 3);
    assert.match(rows[1], /,polling-only,true,false,/);
    assert.match(rows[2], /,websocket-only,true,false,/);
  });

  it('runs the same plan again from the panel', async () => {
    await panel.locator('#compare-rerun').click();
    await panel.locator('#compare-rerun:disabled').waitFor({ timeout: 10_000 });
    await panel.locator('#compare-rerun:enabled').waitFor({ timeout: 90_000 });
    assert.equal(sio.seen.echoes.length, 4 * N, 'the second run sent every message again');
    const answered = panel.locator('#compare-table td[data-metric="answered"][data-transport="websocket-only"]');
    assert.equal((await answered.textContent())?.trim(), `${N}/${N}`);
  });

  it('shows why a transport failed, in a new panel, with the figures of the other', async () => {
    await runCommand(page, 'Realtime Inspector: Compare Transports');
    await answerInputBox(page, pollingOnly.url);
    await pickQuickItem(page, /^Socket\.IO$/);
    await answerInputBox(page, '5');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'message size' }).waitFor({ timeout: 10_000 });
    await answerInputBox(page, '10');
    await pickQuickItem(page, /^ack$/);
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'event' }).waitFor({ timeout: 10_000 });
    await answerInputBox(page, 'echo');
    const error = panel.locator('#compare-errors .compare-error[data-transport="websocket-only"]');
    await error.waitFor({ timeout: 90_000 });
    assert.match((await error.textContent()) ?? '', /WebSocket: .*RI_COMPARE_[A-Z_]+/);
    assert.equal(await panel.locator('#compare-errors .compare-error').count(), 1, 'polling did not fail');
    const takeaway = (await panel.locator('#compare-takeaway').textContent()) ?? '';
    assert.match(takeaway, /^Only HTTP long-polling exchanged messages: WebSocket did not get that far/);
    // Its refused upgrade request is all WebSocket has to show.
    const websocketBars = panel.locator('#compare-chart rect.bar[data-transport="websocket-only"]');
    assert.equal(await websocketBars.count(), 1);
    assert.equal(await websocketBars.getAttribute('data-metric'), 'http-requests');
    assert.equal(await panel.locator('#compare-chart rect.bar[data-transport="polling-only"]').count(), CHART_GROUPS);
    await page.screenshot({ path: path.join(ARTEFACTS, 'compare-panel-failure.png') });
  });
});
