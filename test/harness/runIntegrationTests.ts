/**
 * The integration tier: `@vscode/test-electron`'s `runTests`, unmodified, with `vscodeExecutablePath`
 * pointing at our code-server shim (or at a desktop VS Code given in VSCODE_EXECUTABLE_PATH).
 *
 *   node --import tsx test/harness/runIntegrationTests.ts      (after `node scripts/build.mjs`)
 *
 * Env: RI_TEST_RESULT (JSON counts file, forwarded into the extension host), VSCODE_EXECUTABLE_PATH.
 * Exit code: the test run's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { makeTempDir, removeDir } from './tempDirs';

const root = path.resolve(__dirname, '../..');
const shim = path.join(__dirname, 'code-shim.mjs');
const extensionTestsPath = path.join(root, 'dist/test/integration/index.js');
const resultsDir = path.join(root, 'test-results/integration');

async function main(): Promise<number> {
  if (!fs.existsSync(extensionTestsPath)) {
    console.error(`missing ${path.relative(root, extensionTestsPath)}: run \`node scripts/build.mjs\` first`);
    return 2;
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  // A fresh workspace and profile every run: tests must not depend on what an earlier run left behind.
  const workspace = makeTempDir('ws-');
  fs.writeFileSync(path.join(workspace, 'README.md'), '# Realtime Inspector integration-test workspace\n');
  const profile = makeTempDir('ud-');
  process.env.RI_CODE_SERVER_LOG ??= path.join(resultsDir, 'code-server.log');
  try {
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || shim,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${profile}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
      extensionTestsEnv: { RI_TEST_RESULT: process.env.RI_TEST_RESULT ?? path.join(resultsDir, 'result.json') },
    });
  } catch (error) {
    // TestRunFailedError carries the exit code of the test run; anything else is a harness failure.
    const code = (error as { code?: number }).code;
    console.error(`integration run failed: ${(error as Error).message}`);
    return typeof code === 'number' && code !== 0 ? code : 1;
  } finally {
    removeDir(workspace);
    removeDir(profile);
  }
}

main().then((code) => process.exit(code));
