/**
 * Starts and stops a private code-server (VS Code 1.100 server from npm) on 127.0.0.1.
 *
 * Every instance gets its own config file, user-data dir, extensions dir and a short runtime dir, runs
 * in its own process group, and is stopped as a group (see processGroup.ts). Nothing under ~/.config
 * or ~/.local is read or written.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { groupAlive, recordGroup, signalGroup, stopGroup } from './processGroup';
import { makeTempDir, removeDir } from './tempDirs';

/** User settings seeded into a fresh user-data dir so that nothing steals focus or phones home. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

export interface CodeServerOptions {
  /** Port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** User-data dir (created if missing). A temporary one, removed on stop, when absent. */
  dataDir?: string;
  /** Extensions dir; `<dataDir>/extensions` when absent. */
  extensionsDir?: string;
  /** File that receives code-server's stdout and stderr (appended). Discarded when absent. */
  logFile?: string;
  /** Extra environment for the server and so for its extension host. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for `/healthz` to answer. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Process group id (= pid of the server). */
  readonly pgid: number;
  readonly dataDir: string;
  readonly extensionsDir: string;
  /**
   * Stops the whole process group and removes the temporary directories it owns.
   * Every call returns the same promise.
   */
  stop(): Promise<void>;
}

/** Resolves a port nobody listens on right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function answers200(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Environment for the server. Variables a VS Code terminal exports (VSCODE_IPC_HOOK_CLI, …) would make
 * code-server forward to the editor it runs in instead of starting, and a TS loader in NODE_OPTIONS
 * would load the extension differently from how it ships: both are dropped.
 */
function serverEnv(runtimeDir: string, extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'NODE_OPTIONS' && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  // EXTENSIONS_GALLERY={} : no marketplace / open-vsx lookups (offline machines, deterministic runs).
  return { EXTENSIONS_GALLERY: '{}', ...env, XDG_RUNTIME_DIR: runtimeDir, TMPDIR: runtimeDir, ...extra };
}

/** Starts code-server and resolves once `/healthz` answers. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const ownsDataDir = !options.dataDir;
  const dataDir = path.resolve(options.dataDir ?? makeTempDir('cs-'));
  const extensionsDir = path.resolve(options.extensionsDir ?? path.join(dataDir, 'extensions'));
  // Short private runtime dir: extension-host IPC sockets land here instead of /tmp, and go with it.
  const runtimeDir = makeTempDir('rt-');
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  const settingsFile = path.join(dataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify(QUIET_SETTINGS, null, 2));
  const configFile = path.join(dataDir, 'code-server.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const args = [
    require.resolve('code-server/out/node/entry.js'),
    '--config',
    configFile,
    '--user-data-dir',
    dataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (options.logFile) fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: serverEnv(runtimeDir, options.env),
  });
  if (typeof out === 'number') fs.closeSync(out); // the child holds its own copy
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server could not be spawned');
  recordGroup(pgid, `code-server ${port}`);
  let exitCode: number | null | undefined;
  child.on('exit', (code) => {
    exitCode = code;
  });

  // One stop for every caller: a second Ctrl+C or a SIGTERM after SIGINT waits for the same cleanup.
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await stopGroup(pgid);
      removeDir(runtimeDir);
      if (ownsDataDir) removeDir(dataDir);
    })());

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await answers200(`${url}/healthz`))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      const why = exitCode !== undefined ? `exited with code ${exitCode}` : 'did not answer /healthz in time';
      if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      await stop();
      throw new Error(`code-server ${why}${options.logFile ? ` (log: ${options.logFile})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port, pgid, dataDir, extensionsDir, stop };
}
