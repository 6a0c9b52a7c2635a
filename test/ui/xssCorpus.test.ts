/**
 * The XSS corpus in the real panel (issue 12): local hostile servers send every vector of test/fixtures/xss as
 * frame payloads, header values, a close reason, Socket.IO event names, arguments, namespaces and a sid, SSE
 * event names, ids and data, and a URL path; a profile is named with one. Each session's panel is walked row by
 * row (each row selected, so its details render too), and after every step the webview's DOM holds no element
 * the corpus made. The text shows literally, no dialog opens, and no CSP or Trusted Types violation is reported
 * inside the webview (listened to there) or on the console. The comparison panel shows a refusal quoting markup
 * as text. Last, a canary proves the watch works: an
 * insertAdjacentHTML in the webview is refused by Trusted Types and reported.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import {
  CLOSE_REASON,
  HTML_PATH,
  INVISIBLE,
  ONE_LINE,
  PROFILE_NAME,
  XSS_MARKER_SELECTOR,
} from '../fixtures/xss/corpus';
import {
  startRefusingSocketIoServer,
  startCorpusSocketIoServer,
  startCorpusSseServer,
  startCorpusWebSocketServer,
  type CorpusServer,
} from '../fixtures/xss/corpusServers';
import { contextAction, profileRow } from './support/inspectorUi';
import { ARTEFACTS } from './support/uiEnvironment';
import { useUiSuite } from './support/uiSuite';
import { answerInputBox, pickQuickItem, runCommand } from './support/workbench';

const QUICK_INPUT = '.quick-input-widget';

/** What the watch installed in a webview saw. */
interface WebviewWatch {
  violations: string[];
  errors: string[];
}

/** What one scan of a webview's DOM found that the corpus may have created. */
interface DomScan {
  marked: number;
  scriptUrls: number;
  commandLinks: number;
  handlerAttributes: string[];
}

/** Installs the watch in the webview: CSP and Trusted Types violations, uncaught errors. */
async function watchWebview(panel: FrameLocator): Promise<void> {
  await panel.locator('body').evaluate(() => {
    const watch: WebviewWatch = { violations: [], errors: [] };
    (window as unknown as { xssWatch: WebviewWatch }).xssWatch = watch;
    document.addEventListener('securitypolicyviolation', (e) =>
      watch.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
    window.addEventListener('error', (e) => watch.errors.push(String(e.message)));
  });
}

async function readWatch(panel: FrameLocator): Promise<WebviewWatch> {
  return panel.locator('body').evaluate(() => (window as unknown as { xssWatch: WebviewWatch }).xssWatch);
}

/** Scans the webview's DOM for anything the corpus could have created. */
async function scanDom(panel: FrameLocator, marker: string): Promise<DomScan> {
  return panel.locator('body').evaluate((body, selector) => {
    const all = Array.from(body.ownerDocument.querySelectorAll('*'));
    const handlerAttributes = all.flatMap((el) =>
      Array.from(el.attributes)
        .filter((a) => /^on/i.test(a.name))
        .map((a) => `${el.tagName} ${a.name}`),
    );
    const urls = all.flatMap((el) => ['href', 'src', 'action', 'data'].map((n) => el.getAttribute(n) ?? ''));
    return {
      marked: body.ownerDocument.querySelectorAll(selector).length,
      scriptUrls: urls.filter((u) => /^\s*(javascript|data:text\/html)/i.test(u)).length,
      commandLinks: urls.filter((u) => /^\s*command:/i.test(u)).length,
      handlerAttributes,
    };
  }, marker);
}

/**
 * Selects the first row, then each next one (ArrowDown) until the selection stops moving; after each step the DOM
 * is scanned. Returns the previews and the details text seen.
 */
async function walkRows(page: Page, panel: FrameLocator): Promise<{ previews: string[]; details: string }> {
  const previews: string[] = [];
  let details = '';
  await panel.locator('#event-table').focus();
  await page.keyboard.press('Home');
  let last = '';
  for (let step = 0; step < 400; step++) {
    const selected = panel.locator('.event-row.selected');
    await selected.waitFor({ timeout: 10_000 });
    const seq = (await selected.getAttribute('data-seq')) ?? '';
    if (seq === last) break;
    last = seq;
    previews.push((await selected.locator('.col-preview').textContent()) ?? '');
    details += `\n${(await panel.locator('#details').textContent()) ?? ''}`;
    const scan = await scanDom(panel, XSS_MARKER_SELECTOR);
    assert.deepEqual(
      scan,
      { marked: 0, scriptUrls: 0, commandLinks: 0, handlerAttributes: [] },
      `row ${seq}: nothing from the corpus in the DOM`,
    );
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(60);
  }
  return { previews, details };
}

/**
 * Every visible one-line vector shows literally in some preview (inside a JSON string where the row shows JSON,
 * so `"` as `\"`); invisible characters show as escapes.
 */
function assertLiteral(previews: string[], what: string): void {
  const shown = previews.join('\n');
  for (const vector of ONE_LINE.filter((v) => !INVISIBLE.includes(v))) {
    const inJson = JSON.stringify(vector.text).slice(1, -1);
    assert.ok(shown.includes(vector.text) || shown.includes(inJson), `${what}: "${vector.name}" shows literally`);
  }
  assert.ok(!shown.includes('\u202E'), `${what}: the RTL override is not drawn raw`);
  assert.ok(shown.includes('\\u202E') || shown.includes('U+202E'), `${what}: the RTL override shows as an escape`);
  const longest = Math.max(...previews.map((p) => p.length));
  assert.ok(longest < 20_000, `${what}: a preview is bounded (${longest} characters)`);
}

describe('the XSS corpus in the real panel, under CSP and Trusted Types', function () {
  this.bail(true);
  const ui = useUiSuite('xss');
  const dialogs: string[] = [];
  const consoleProblems: string[] = [];
  const servers: CorpusServer[] = [];
  let ws: CorpusServer;
  let sio: CorpusServer;
  let sse: CorpusServer;
  let refusing: CorpusServer;

  before(async () => {
    ws = await startCorpusWebSocketServer();
    sio = await startCorpusSocketIoServer();
    sse = await startCorpusSseServer();
    refusing = await startRefusingSocketIoServer();
    servers.push(ws, sio, sse, refusing);
    ui.page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    ui.page.on('console', (message) => {
      if (/Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(message.text()))
        consoleProblems.push(message.text());
    });
  });

  after(async () => {
    for (const s of servers) await s.close();
  });

  /** Connect… to `url` with the default kind (or `kind`), watch the new panel, then let the server send. */
  async function connect(url: string, server: CorpusServer, kind?: string): Promise<void> {
    await runCommand(ui.page, 'Realtime Inspector: Connect');
    await answerInputBox(ui.page, url);
    if (kind) {
      await ui.page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Kind:' }).first().waitFor();
      await pickQuickItem(ui.page, /Kind:/);
      await pickQuickItem(ui.page, kind);
      await ui.page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `Kind: ${kind}` }).waitFor();
    }
    await pickQuickItem(ui.page, /^\s*Connect\s*$/);
    // The new panel, not the one shown before it: its header names this server's port.
    await ui.panel.locator('#session-url', { hasText: `:${new URL(server.base).port}/` }).waitFor({ timeout: 30_000 });
    await watchWebview(ui.panel);
    server.release();
  }

  /** No violation in the webview nor on the console, no uncaught error, no dialog. */
  async function assertQuiet(what: string): Promise<void> {
    const watch = await readWatch(ui.panel);
    assert.deepEqual(watch.violations, [], `${what}: no CSP or Trusted Types violation in the webview`);
    assert.deepEqual(watch.errors, [], `${what}: no uncaught error in the webview`);
    assert.deepEqual(consoleProblems, [], `${what}: no policy message on the console`);
    assert.deepEqual(dialogs, [], `${what}: no dialog`);
  }

  it('WebSocket: payloads, header values, a close reason and a URL path of markup stay text', async () => {
    await connect(`${ws.base}${HTML_PATH}`, ws);
    await ui.panel.locator('#session-state', { hasText: /closed/ }).waitFor({ timeout: 30_000 });
    const { previews, details } = await walkRows(ui.page, ui.panel);
    assertLiteral(previews, 'WebSocket');
    assert.ok(details.includes('<img src=x onerror=alert(1) data-xss>'), 'the header values show as text');
    assert.ok(
      previews.some((p) => p.includes('[x](command:workbench.action.quit)')),
      'the close reason as text',
    );
    await assertQuiet('WebSocket');
    await ui.page.screenshot({ path: path.join(ARTEFACTS, 'xss-websocket.png') });
  });

  it('Socket.IO: event names, arguments, namespaces and a sid of markup stay text', async () => {
    await connect(`${sio.base}/socket.io/`, sio);
    await ui.panel
      .locator('.event-row .col-preview', { hasText: 'in a namespace of markup' })
      .first()
      .waitFor({ timeout: 30_000 });
    const { previews } = await walkRows(ui.page, ui.panel);
    assertLiteral(previews, 'Socket.IO');
    await assertQuiet('Socket.IO');
  });

  it('SSE: event names, ids and data of markup stay text', async () => {
    await connect(`${sse.base}/events`, sse, 'Server-Sent Events');
    await ui.panel
      .locator('.event-row .col-type', { hasText: /^sse-event$/ })
      .nth(10)
      .waitFor({ timeout: 30_000 });
    await ui.panel.locator('.event-row .col-preview', { hasText: 'json' }).first().waitFor({ timeout: 30_000 });
    const { previews } = await walkRows(ui.page, ui.panel);
    assertLiteral(previews, 'SSE');
    await assertQuiet('SSE');
  });

  it('a profile named with markup: the tree, the tab and the panel show it as text', async () => {
    const file = path.join(ui.env.folder, '.vscode', 'realtime-inspector.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const profile = { id: 'xss', name: PROFILE_NAME, connection: { kind: 'websocket', url: `${ws.base}/p` } };
    fs.writeFileSync(file, JSON.stringify({ version: 1, profiles: [profile] }));
    await ui.page.locator('.activitybar .action-item a[aria-label^="Realtime Inspector"]').click();
    const row = profileRow(ui.page, PROFILE_NAME);
    // The file watcher may miss a file in a folder created a moment ago: the view's Refresh reads it again.
    await ui.page.locator('.action-label[aria-label^="Refresh Profiles"]:visible').first().click();
    await row.waitFor({ timeout: 30_000 });
    assert.ok(((await row.textContent()) ?? '').includes(PROFILE_NAME), 'the tree shows the name as text');
    await contextAction(ui.page, row, 'Connect');
    await ui.panel.locator('#session-url', { hasText: '/p' }).waitFor({ timeout: 30_000 });
    const tab = (await ui.page.locator('.tabs-container .tab.active').textContent()) ?? '';
    assert.doesNotMatch(tab, /\]\(command:/, `no markdown link survives in the tab title: ${tab}`);
    assert.equal(await ui.page.locator(XSS_MARKER_SELECTOR).count(), 0, 'nothing from the corpus in the workbench');
    assert.equal(await ui.page.locator('.notifications-toasts a[href^="command:"]').count(), 0);
    const scan = await scanDom(ui.panel, XSS_MARKER_SELECTOR);
    assert.equal(scan.marked, 0);
    assert.deepEqual(dialogs, []);
  });

  it('the comparison panel: a refusal quoting markup and a command link stays text', async () => {
    await runCommand(ui.page, 'Realtime Inspector: Compare Transports');
    await answerInputBox(ui.page, `${refusing.base}/socket.io/`);
    await pickQuickItem(ui.page, /^Socket\.IO$/);
    await answerInputBox(ui.page, '2');
    await ui.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'message size' }).waitFor();
    await answerInputBox(ui.page, '10');
    await pickQuickItem(ui.page, /^ack$/);
    await ui.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'event' }).waitFor();
    await answerInputBox(ui.page, 'echo');
    const errors = ui.panel.locator('#compare-errors .compare-error');
    await errors.first().waitFor({ timeout: 90_000 });
    await watchWebview(ui.panel);
    const shown = (await ui.panel.locator('#compare-errors').textContent()) ?? '';
    assert.ok(shown.includes(CLOSE_REASON), `the refusal shows literally: ${shown}`);
    const scan = await scanDom(ui.panel, XSS_MARKER_SELECTOR);
    assert.deepEqual(scan, { marked: 0, scriptUrls: 0, commandLinks: 0, handlerAttributes: [] });
    await assertQuiet('comparison');
    assert.equal(await ui.page.locator('.notifications-toasts a[href^="command:"]').count(), 0, 'no command link');
    await ui.page.screenshot({ path: path.join(ARTEFACTS, 'xss-compare.png') });
  });

  it('the watch works: Trusted Types refuses markup written into the webview, and reports it', async () => {
    await watchWebview(ui.panel);
    const outcome = await ui.panel.locator('body').evaluate((body) => {
      const tried: string[] = [];
      try {
        body.insertAdjacentHTML('beforeend', '<b data-xss>canary</b>');
        tried.push('insertAdjacentHTML accepted');
      } catch (error) {
        tried.push(`insertAdjacentHTML refused: ${(error as Error).name}`);
      }
      try {
        (
          window as unknown as { trustedTypes: { createPolicy(n: string, o: object): unknown } }
        ).trustedTypes.createPolicy('canary', {}); // no function here: tsx would wrap it in a helper the page lacks
        tried.push('createPolicy accepted');
      } catch (error) {
        tried.push(`createPolicy refused: ${(error as Error).name}`);
      }
      return tried;
    });
    assert.deepEqual(outcome, ['insertAdjacentHTML refused: TypeError', 'createPolicy refused: TypeError']);
    await ui.page.waitForTimeout(200);
    const watch = await readWatch(ui.panel);
    assert.ok(
      watch.violations.some((v) => v.startsWith('require-trusted-types-for')),
      `the violation was reported: ${JSON.stringify(watch.violations)}`,
    );
    assert.equal((await scanDom(ui.panel, XSS_MARKER_SELECTOR)).marked, 0);
    assert.ok(consoleProblems.length > 0, 'the console watch hears the webview too');
  });
});
