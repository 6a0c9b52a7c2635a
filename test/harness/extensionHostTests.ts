/**
 * Runs an extension test module (the usual `run(): Promise<void>` contract) INSIDE code-server's Node
 * extension host, by opening the workbench in Chromium with `extensionTestsPath` in the payload.
 *
 * The workbench reports back through two page functions (the same hooks @vscode/test-web uses):
 * `codeAutomationLog(type, args)` carries everything the extension host prints, and
 * `codeAutomationExit(code)` its exit code once `run()` settled.
 */
import { format } from 'node:util';
import { launchChromium } from './chromium';
import { developmentPayload, remoteUri, workbenchUrl, type PayloadEntry } from './workbenchUrl';

/** Exit code when the run did not finish in time (like coreutils `timeout`). */
export const EXIT_TIMEOUT = 124;
/** Exit code when the workbench page crashed. */
export const EXIT_PAGE_CRASHED = 3;

// Workbench chatter mirrored into codeAutomationLog alongside the extension host output (VERBOSE=1 shows it).
const WORKBENCH_NOISE_PREFIXES = [
  'Resolving connection token',
  'Resolved connection token',
  'Creating a socket',
  'Ignoring fetching additional builtin extensions',
  '\\[Service Worker\\]',
  'ChatSessionStore:',
  'Updating additional builtin extensions cache',
  'Started local extension host',
  'Loading development extension',
];
const WORKBENCH_NOISE = new RegExp(`^(${WORKBENCH_NOISE_PREFIXES.join('|')})`);

export interface ExtensionTestRun {
  serverUrl: string;
  extensionDevelopmentPath: readonly string[];
  /** The compiled test entry (a file or folder with index.js exporting `run`). */
  extensionTestsPath: string;
  folder?: string;
  workspace?: string;
  /** More payload entries (disableExtensions, logLevel, …). */
  extraPayload?: PayloadEntry[];
  timeoutMs: number;
  verbose?: boolean;
  /** Where log lines go. */
  print?: (line: string) => void;
}

/** Resolves with the extension host's exit code: 0 = all tests passed. Never rejects on test failure. */
export async function runExtensionHostTests(run: ExtensionTestRun): Promise<number> {
  const print = run.print ?? ((line: string) => console.log(line));
  const verbose = run.verbose ?? !!process.env.VERBOSE;
  const payload: PayloadEntry[] = [
    ...developmentPayload(run.serverUrl, run.extensionDevelopmentPath),
    ['extensionTestsPath', remoteUri(run.serverUrl, run.extensionTestsPath)],
    ...(run.extraPayload ?? []),
  ];
  const url = workbenchUrl(run.serverUrl, { folder: run.folder, workspace: run.workspace, payload });
  const browser = await launchChromium();
  let timer: NodeJS.Timeout | undefined;
  try {
    const { page } = browser;
    let settle: (result: { code: number; why: string }) => void = () => undefined;
    const outcome = new Promise<{ code: number; why: string }>((resolve) => {
      settle = resolve;
    });
    timer = setTimeout(
      () => settle({ code: EXIT_TIMEOUT, why: `no result after ${run.timeoutMs / 1000}s` }),
      run.timeoutMs,
    );
    page.on('crash', () => settle({ code: EXIT_PAGE_CRASHED, why: 'workbench page crashed' }));
    await page.exposeFunction('codeAutomationExit', (code: number) => settle({ code, why: 'extension host exited' }));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...args);
      if (!verbose && (type === 'trace' || type === 'debug' || (type === 'info' && WORKBENCH_NOISE.test(line)))) return;
      print(type === 'info' ? line : `[${type}] ${line}`);
    });
    if (verbose) page.on('console', (m) => print(`[console.${m.type()}] ${m.text()}`));
    const started = Date.now();
    if (verbose) print(`[harness] opening ${url}`);
    await page.goto(url);
    const { code, why } = await outcome;
    print(`[harness] ${why}: exit code ${code} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return code;
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}
