/**
 * The body of `code-shim.mjs`: a drop-in `vscodeExecutablePath` for `@vscode/test-electron`'s
 * `runTests`. It takes the Electron command line, starts a private code-server, runs the tests inside
 * its extension host through Chromium, stops everything, and exits with the tests' exit code.
 *
 * Env: RI_CODE_SERVER_LOG (server log file), CODE_SHIM_TIMEOUT (seconds, default 600).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseShimArguments } from './codeShimArgs';
import { startCodeServer, type CodeServer } from './codeServer';
import { runExtensionHostTests } from './extensionHostTests';

/** code-server puts `code-server-ipc.sock` in the user-data dir; unix socket paths must stay < 108 bytes. */
const MAX_USER_DATA_DIR_LENGTH = 107 - '/code-server-ipc.sock'.length;

async function main(): Promise<number> {
  const args = parseShimArguments(process.argv.slice(2));
  if (!args.extensionTestsPath) {
    console.error('code-shim: --extensionTestsPath is required');
    return 2;
  }
  let dataDir = args.userDataDir;
  if (dataDir && path.resolve(dataDir).length > MAX_USER_DATA_DIR_LENGTH) {
    console.warn(
      `code-shim: --user-data-dir is too long for a unix socket path, using a temporary one instead: ${dataDir}`,
    );
    dataDir = undefined;
  }
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });

  // Holds the server once it is up; a signal before that just exits.
  const running: { server?: CodeServer } = {};
  // test-electron forwards Ctrl+C as SIGINT; a CI timeout sends SIGTERM. Either way: stop the server group.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void (running.server?.stop() ?? Promise.resolve()).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  const logFile = process.env.RI_CODE_SERVER_LOG || (dataDir ? path.join(dataDir, 'code-server.log') : undefined);
  const server = await startCodeServer({ dataDir, extensionsDir: args.extensionsDir, logFile });
  running.server = server;
  try {
    const isWorkspaceFile = args.target?.endsWith('.code-workspace') ?? false;
    return await runExtensionHostTests({
      serverUrl: server.url,
      extensionDevelopmentPath: args.extensionDevelopmentPath,
      extensionTestsPath: args.extensionTestsPath,
      folder: isWorkspaceFile ? undefined : args.target,
      workspace: isWorkspaceFile ? args.target : undefined,
      extraPayload: args.extraPayload,
      timeoutMs: 1000 * (Number(process.env.CODE_SHIM_TIMEOUT) || 600),
    });
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('code-shim:', error);
    process.exit(2);
  },
);
