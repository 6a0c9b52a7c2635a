/**
 * Opens a VS Code with the extension loaded from this checkout on the demo workspace, for
 * `npm run demo`: the desktop `code` when it is on PATH, otherwise a private code-server on
 * 127.0.0.1 whose URL is printed. Runs until SIGINT/SIGTERM, then stops code-server's process group.
 *
 * Env: RI_DEMO_EDITOR_PORT (code-server port, default 8766), RI_DEMO_USE_CODE_SERVER=1 (skip desktop `code`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from '../test/harness/codeServer';
import { developmentPayload, workbenchUrl } from '../test/harness/workbenchUrl';

const root = path.resolve(__dirname, '..');
const workspace = path.join(__dirname, 'workspace');
const demoHost = process.env.RI_DEMO_HOST || '127.0.0.1';
const demoPort = Number(process.env.RI_DEMO_PORT || 8765);
const demoServer = `ws://${demoHost}:${demoPort}`;
const socketIoDemo = `http://${demoHost}:${Number(process.env.RI_DEMO_SIO_PORT || demoPort + 2)}`;
const HOW_TO = [
  `In VS Code: F1 → "Realtime Inspector: Connect…" → ${demoServer}/echo → Connect`,
  `(more endpoints: ${demoServer}/ticker, /ping, /close?code=4001&reason=bye — see demo/workspace/README.md)`,
  `Socket.IO: Connect… → ${socketIoDemo} → Connect, and watch the upgrade timeline; ` +
    'emit "echo" with Ack from the composer.',
  'Press Ctrl+C here to stop the demo server and the editor.',
].join('\n');

/** The desktop VS Code CLI, if installed. */
function desktopCode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, process.platform === 'win32' ? 'code.cmd' : 'code');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function main(): Promise<void> {
  const code = process.env.RI_DEMO_USE_CODE_SERVER === '1' ? undefined : desktopCode();
  if (code) {
    // The desktop CLI hands the window to the running VS Code and returns; the window is the user's.
    const result = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], {
      stdio: 'inherit',
    });
    console.log(
      result.status === 0
        ? 'Opened VS Code with the extension loaded (window title: [Extension Development Host]).'
        : `\`${code}\` failed (exit ${result.status}); set RI_DEMO_USE_CODE_SERVER=1 to use code-server instead.`,
    );
    console.log(HOW_TO);
    return;
  }
  const logFile = path.join(root, 'test-results/demo/code-server.log');
  const server = await startCodeServer({ port: Number(process.env.RI_DEMO_EDITOR_PORT || 8766), logFile });
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  // `on`, not `once`: Ctrl+C reaches us and scripts/demo.mjs forwards a SIGTERM too; both wait for one cleanup.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const url = workbenchUrl(server.url, { folder: workspace, payload: developmentPayload(server.url, [root]) });
  console.log(
    [
      '',
      'VS Code (code-server) is running with the extension loaded. Open this URL in a browser:',
      '',
      `  ${url}`,
      '',
      `(code-server log: ${path.relative(root, logFile)})`,
      '',
      HOW_TO,
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  console.error(`could not start an editor: ${error.message}`);
  process.exit(1);
});
