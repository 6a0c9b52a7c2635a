/**
 * Launches Debian's Chromium through playwright-core (never `playwright install`: no downloads).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeTempDir, removeDir } from './tempDirs';

/** Browser binary: `CHROMIUM_PATH`, else Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Playwright adds --headless itself. The rest: running as root in a container (no sandbox, no GPU,
// small /dev/shm) and offline (no QUIC, no background fetches, no component updates).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Closes the browser and removes its profile. Idempotent, never throws. */
  close(): Promise<void>;
}

/** Starts a headless Chromium with a fresh profile and one page. */
export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = makeTempDir('chr-');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      timeout: 60_000,
    });
  } catch (error) {
    removeDir(profile);
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      removeDir(profile);
    },
  };
}
