/**
 * Everything a UI test needs, started in `before` and stopped in `after`: the echo fixture server, a
 * private code-server with the extension loaded from source (extensionDevelopmentPath payload), and
 * Chromium showing the workbench on a fresh folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startWsServer, type WsServer } from '../../fixtures/servers/wsServer';
import { launchChromium, type Browser } from '../../harness/chromium';
import { startCodeServer, type CodeServer } from '../../harness/codeServer';
import { makeTempDir, removeDir } from '../../harness/tempDirs';
import { developmentPayload, workbenchUrl } from '../../harness/workbenchUrl';
import { waitForWorkbench } from './workbench';

export const ROOT = path.resolve(__dirname, '../../..');
/** Screenshots and the code-server log of the UI tier. */
export const ARTEFACTS = path.join(ROOT, 'test-results/ui');

export interface UiEnvironment {
  /** The workspace folder the workbench shows (fresh per run). */
  readonly folder: string;
  readonly wsServer: WsServer;
  readonly codeServer: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Stops everything that was started; safe to call after a partial start. */
  dispose(): Promise<void>;
}

/** What a suite may change about the environment. */
export interface UiEnvironmentOptions {
  /** Extra environment for code-server and its extension host (e.g. HTTP_PROXY for the proxy test). */
  env?: NodeJS.ProcessEnv;
}

/** Starts the fixture server, code-server and Chromium, and loads the workbench. */
export async function startUiEnvironment(options: UiEnvironmentOptions = {}): Promise<UiEnvironment> {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js')))
    throw new Error('dist/extension.js is missing: run `node scripts/build.mjs` first');
  const started: { dispose(): Promise<void> | void }[] = [];
  const dispose = async () => {
    for (const item of started.reverse()) await item.dispose();
  };
  try {
    const folder = makeTempDir('uiws-');
    started.push({ dispose: () => removeDir(folder) });
    fs.writeFileSync(path.join(folder, 'README.md'), '# Realtime Inspector UI-test workspace\n');
    const wsServer = await startWsServer();
    started.push({ dispose: () => wsServer.close() });
    const codeServer = await startCodeServer({ logFile: path.join(ARTEFACTS, 'code-server.log'), env: options.env });
    started.push({ dispose: () => codeServer.stop() });
    const browser = await launchChromium({ width: 1400, height: 900 });
    started.push({ dispose: () => browser.close() });
    const { page } = browser;
    await page.goto(workbenchUrl(codeServer.url, { folder, payload: developmentPayload(codeServer.url, [ROOT]) }));
    await waitForWorkbench(page);
    return { folder, wsServer, codeServer, browser, page, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
