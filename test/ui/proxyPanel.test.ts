/**
 * Proxies in a real browser (issue 12): code-server's extension host gets HTTP_PROXY naming a real proxy on
 * 127.0.0.1 that wants credentials; Connect… to the fixture's WebSocket echo; the session goes through a
 * CONNECT tunnel, the header says which proxy (its password masked), the log has the route row, and the
 * password is nowhere on screen. Saves test-results/ui/proxy-panel.png.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startProxyServer, type ProxyServer } from '../fixtures/servers/proxyServer';
import { ARTEFACTS, startUiEnvironment, type UiEnvironment } from './support/uiEnvironment';
import { screenshotFailures } from './support/uiSuite';
import { activeWebview, answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const PROXY_PASSWORD = 'ProxyPassCanary-4e1a';

describe('a session through an HTTP proxy in code-server', function () {
  this.bail(true);
  let env: UiEnvironment;
  let proxy: ProxyServer;
  let page: Page;
  let panel: FrameLocator;

  before(async () => {
    proxy = await startProxyServer(`inspector:${PROXY_PASSWORD}`);
    const proxyUrl = `http://inspector:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;
    env = await startUiEnvironment({ env: { HTTP_PROXY: proxyUrl, NO_PROXY: '' } });
    page = env.page;
    panel = activeWebview(page);
  });

  screenshotFailures('proxy', () => page);

  after(async () => {
    await env?.dispose();
    await proxy?.close();
  });

  it('connects through the proxy and says so in the header and the log', async () => {
    await runCommand(page, 'Realtime Inspector: Connect');
    await answerInputBox(page, `${env.wsServer.url}/echo`);
    await pickQuickItem(page, /Connect/);
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    const via = panel.locator('#session-via');
    await via.waitFor({ timeout: 10_000 });
    assert.equal((await via.textContent())?.trim(), `http://inspector:••••@127.0.0.1:${proxy.port}`);
    await panel
      .locator('.event-row .col-type', { hasText: /^route$/ })
      .first()
      .waitFor({ timeout: 10_000 });
    assert.equal(proxy.connects.length, 1, 'one CONNECT tunnel');
    assert.equal(proxy.connects[0]?.target, `127.0.0.1:${env.wsServer.port}`);
    await page.screenshot({ path: path.join(ARTEFACTS, 'proxy-panel.png') });
  });

  it('shows the proxy password nowhere', async () => {
    const routeRow = panel.locator('.event-row', { has: panel.locator('.col-type', { hasText: /^route$/ }) }).first();
    await routeRow.click();
    await panel.locator('#details-summary').waitFor({ timeout: 10_000 });
    const panelText = (await panel.locator('body').textContent()) ?? '';
    const workbenchText = (await page.locator('body').textContent()) ?? '';
    assert.ok(panelText.includes(`Connecting through proxy http://inspector:••••@127.0.0.1:${proxy.port}`));
    assert.ok(!panelText.includes(PROXY_PASSWORD), 'the password in the panel');
    assert.ok(!workbenchText.includes(PROXY_PASSWORD), 'the password in the workbench');
  });
});
