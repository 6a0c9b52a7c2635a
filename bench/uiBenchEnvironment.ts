/**
 * The UI bench's workbench (issue #9): a private code-server with the extension loaded from source, a
 * keybinding that runs the hidden `realtimeInspector.diagnostics` command with a file argument (how the
 * bench reads the extension host's event-loop delay), and Chromium showing a fresh folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/harness/chromium';
import { QUIET_SETTINGS, startCodeServer } from '../test/harness/codeServer';
import { makeTempDir, removeDir } from '../test/harness/tempDirs';
import { developmentPayload, workbenchUrl } from '../test/harness/workbenchUrl';
import { waitForWorkbench } from '../test/ui/support/workbench';

const ROOT = path.resolve(__dirname, '..');
/** The key chord bound to the diagnostics command (nothing else in the workbench uses it). */
const DIAGNOSTICS_KEY = 'Control+Alt+Shift+F10';

/** The extension host's event-loop delay, in ms, as `realtimeInspector.diagnostics` reports it. */
export interface HostLag {
  eventLoopDelay: { p50: number; p95: number; max: number };
  sinceMs: number;
  /** The host process's memory in bytes (absent from extensions built before it was added). */
  memory?: { rss: number; heapUsed: number; external: number };
}

export interface UiBenchEnvironment {
  readonly page: Page;
  /** code-server's user-data dir (the extension's global storage, where session logs spill, is under it). */
  readonly dataDir: string;
  /** Runs the diagnostics command (read, then reset); undefined if the extension does not register it. */
  hostLag(): Promise<HostLag | undefined>;
  dispose(): Promise<void>;
}

/** `settings`: user settings on top of the quiet ones (the soak bench's log budgets). */
export async function startUiBenchEnvironment(settings: Record<string, unknown> = {}): Promise<UiBenchEnvironment> {
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js')))
    throw new Error('dist/extension.js is missing: run `node scripts/build.mjs` first');
  const started: { dispose(): Promise<void> | void }[] = [];
  const dispose = async (): Promise<void> => {
    for (const item of started.reverse()) await item.dispose();
  };
  try {
    const scratch = makeTempDir('uibench-');
    started.push({ dispose: () => removeDir(scratch) });
    const folder = path.join(scratch, 'workspace');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'README.md'), '# Realtime Inspector UI bench workspace\n');
    const figuresFile = path.join(scratch, 'host-lag.json');
    const dataDir = path.join(scratch, 'data');
    writeUserSettings(dataDir, figuresFile, settings);
    const logFile = path.join(ROOT, 'test-results/ui/code-server-bench.log');
    const codeServer = await startCodeServer({ dataDir, logFile });
    started.push({ dispose: () => codeServer.stop() });
    const browser = await launchChromium({ width: 1400, height: 900 });
    started.push({ dispose: () => browser.close() });
    const { page } = browser;
    await page.goto(workbenchUrl(codeServer.url, { folder, payload: developmentPayload(codeServer.url, [ROOT]) }));
    await waitForWorkbench(page);
    return { page, dataDir, hostLag: () => readHostLag(page, figuresFile), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Quiet settings plus the keybinding: `{ file, reset: true }` as the command's argument. */
function writeUserSettings(dataDir: string, figuresFile: string, settings: Record<string, unknown>): void {
  const user = path.join(dataDir, 'User');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(path.join(user, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const binding = {
    key: DIAGNOSTICS_KEY.toLowerCase().replace('control', 'ctrl'),
    command: 'realtimeInspector.diagnostics',
    // RI_BENCH_HOST_PROFILE=1: a CPU profile of the extension host between two readings, kept in test-results/ui.
    args: { file: figuresFile, reset: true, profile: process.env.RI_BENCH_HOST_PROFILE === '1' },
  };
  fs.writeFileSync(path.join(user, 'keybindings.json'), JSON.stringify([binding], null, 2));
}

/** Moves a host profile written beside the figures to test-results/ui (the scratch folder is removed). */
function keepHostProfile(profile: string): void {
  if (!fs.existsSync(profile)) return;
  const kept = path.join(ROOT, `test-results/ui/extension-host-${Date.now()}.cpuprofile`);
  fs.copyFileSync(profile, kept);
  fs.rmSync(profile);
  console.log(`  extension-host profile: ${path.relative(ROOT, kept)}`);
}

/** Presses the chord and waits for the command to write its file (it refuses to overwrite one). */
async function readHostLag(page: Page, file: string): Promise<HostLag | undefined> {
  fs.rmSync(file, { force: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.keyboard.press(DIAGNOSTICS_KEY);
    const deadline = Date.now() + 4_000;
    while (Date.now() < deadline) {
      if (fs.existsSync(file)) {
        try {
          const lag = JSON.parse(fs.readFileSync(file, 'utf8')) as HostLag;
          keepHostProfile(file.replace(/\.json$/, '.cpuprofile'));
          return lag;
        } catch {
          // Read while being written: try again.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The webview may have kept the key: give the workbench the focus and try once more.
    await page
      .locator('.monaco-workbench .part.statusbar')
      .focus()
      .catch(() => undefined);
  }
  return undefined;
}
