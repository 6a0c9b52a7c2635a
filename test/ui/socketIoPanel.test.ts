/**
 * The Socket.IO story in a real browser: Connect… to a local Socket.IO 4 server (kind inferred from
 * the http:// URL, long-polling first), watch the upgrade timeline fill in order, emit with an ack
 * from the composer and see the ack arrive. Saves test-results/ui/socketio-panel.png (and, with
 * RI_UPDATE_SCREENSHOT=1, media/screenshot.png for the README).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import {
  startEngineIoServer,
  startSocketIoServer,
  type EngineIoTestServer,
  type SocketIoTestServer,
} from '../fixtures/servers/socketIoServers';
import { ARTEFACTS, ROOT, startUiEnvironment, type UiEnvironment } from './support/uiEnvironment';
import { screenshotFailures } from './support/uiSuite';
import { activeWebview, answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const UPGRADE_STEPS = ['handshake', 'open', 'probe', 'probe-ok', 'pause', 'paused', 'upgrade', 'upgraded'];

describe('Socket.IO panel UI in code-server', function () {
  this.bail(true);
  let env: UiEnvironment;
  let sio: SocketIoTestServer;
  let eio: EngineIoTestServer;
  let page: Page;
  let panel: FrameLocator;

  before(async () => {
    sio = await startSocketIoServer('socket.io@4.8.4');
    eio = await startEngineIoServer('engine.io@6.6.12');
    env = await startUiEnvironment();
    page = env.page;
    panel = activeWebview(page);
  });

  screenshotFailures('sio', () => page);

  after(async () => {
    await env?.dispose();
    await sio?.close();
    await eio?.close();
  });

  it('connects to a Socket.IO server from the palette, long-polling first', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, sio.url);
    // The kind is inferred from the http:// URL: the options list says so.
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'Kind: Socket.IO' })
      .waitFor({ timeout: 15_000 });
    await pickQuickItem(page, /^\s*Connect\s*$/);
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    assert.match((await panel.locator('#session-kind').textContent()) ?? '', /Socket\.IO/);
    assert.match(
      (await panel.locator('#session-sid').textContent()) ?? '',
      /^[\w-]{10,}$/,
      'the Engine.IO sid is shown',
    );
  });

  it('shows the upgrade steps in order, each linked to its row', async () => {
    await panel.locator('#upgrade-timeline .timeline-step[data-step="upgraded"]').waitFor({ timeout: 15_000 });
    const steps = await panel
      .locator('#upgrade-timeline .timeline-step')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.step));
    assert.deepEqual(steps, UPGRADE_STEPS);
    const seqs = await panel
      .locator('#upgrade-timeline .timeline-step')
      .evaluateAll((items) => items.map((i) => Number((i as HTMLElement).dataset.seq)));
    assert.deepEqual(
      [...seqs].sort((a, b) => a - b),
      seqs,
      'steps are in log order',
    );
    assert.match((await panel.locator('#session-transport').textContent()) ?? '', /^websocket/);
    await panel.locator('#upgrade-timeline .timeline-step[data-step="probe-ok"]').click();
    await panel.locator('.event-row.selected .col-type', { hasText: 'eio-pong' }).waitFor({ timeout: 10_000 });
  });

  it('emits with an ack from the composer and shows the reply', async () => {
    assert.equal(await panel.locator('#composer-kind').inputValue(), 'sio-emit', 'a Socket.IO session composes events');
    await panel.locator('#composer-event').fill('echo');
    await panel.locator('#composer-input').fill('["hello from ui", 42]');
    await panel.locator('#composer-ack').check();
    await panel.locator('#composer-send').click();
    await panel.locator('#composer-status', { hasText: /Sent #\d+/ }).waitFor({ timeout: 10_000 });
    // The heartbeat keeps adding rows: filter the log down to Socket.IO packets, as a user would.
    await panel.locator('#filter').fill('sio-');
    const ack = panel.locator('.event-row', { has: panel.locator('.col-type', { hasText: /^sio-ack$/ }) }).first();
    await ack.waitFor({ timeout: 10_000 });
    assert.match((await ack.locator('.col-preview').textContent()) ?? '', /hello from ui/);
    await ack.click();
    await panel.locator('#details', { hasText: 'hello from ui' }).waitFor({ timeout: 10_000 });
    const screenshot = path.join(ARTEFACTS, 'socketio-panel.png');
    await page.screenshot({ path: screenshot });
    if (process.env.RI_UPDATE_SCREENSHOT === '1') fs.copyFileSync(screenshot, path.join(ROOT, 'media/screenshot.png'));
  });

  // Issue #8: replay is decided from the request kept on the event, for every kind of session.
  it('replays the emit from its row: the server answers the ack again', async () => {
    const emit = panel
      .locator('.event-row.dir-out', { has: panel.locator('.col-type', { hasText: /^sio-event$/ }) })
      .filter({ hasText: 'hello from ui' })
      .first();
    await emit.click();
    await panel.locator('#btn-replay').click();
    await panel.locator('#details-status', { hasText: /Replayed as #\d+/ }).waitFor({ timeout: 10_000 });
    const acks = panel.locator('.event-row', { has: panel.locator('.col-type', { hasText: /^sio-ack$/ }) });
    await acks.nth(1).waitFor({ timeout: 10_000 });
    assert.equal(
      sio.seen.echoes.filter((args) => args[0] === 'hello from ui').length,
      2,
      'the server got the emit twice',
    );
  });

  it('replays an Engine.IO message from its row: the server echoes it again', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, `${eio.url}/engine.io/`);
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'Kind: Engine.IO' })
      .waitFor({ timeout: 15_000 });
    await pickQuickItem(page, /^\s*Connect\s*$/);
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill('hello engine.io');
    await panel.locator('#composer-send').click();
    await panel.locator('#composer-status', { hasText: /Sent #\d+/ }).waitFor({ timeout: 10_000 });
    const sent = panel
      .locator('.event-row.dir-out', { has: panel.locator('.col-type', { hasText: /^eio-message$/ }) })
      .filter({ hasText: 'hello engine.io' })
      .first();
    await sent.click();
    await panel.locator('#btn-replay').click();
    await panel.locator('#details-status', { hasText: /Replayed as #\d+/ }).waitFor({ timeout: 10_000 });
    // Pings every 300 ms push rows past the screen: the filter brings the two echoes back into view.
    await panel.locator('#filter').fill('hello engine.io');
    const echoes = panel
      .locator('.event-row.dir-in', { has: panel.locator('.col-type', { hasText: /^eio-message$/ }) })
      .filter({ hasText: 'hello engine.io' });
    await echoes.nth(1).waitFor({ timeout: 10_000 });
    await panel.locator('#filter').fill('');
    assert.equal(
      eio.seen.messages.filter((m) => m === 'hello engine.io').length,
      2,
      'the server got the message twice',
    );
  });
});
