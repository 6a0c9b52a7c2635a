/**
 * Entry point the extension host loads (`--extensionTestsPath`): runs every `*.test.js` bundled next
 * to it with mocha (BDD), reporting through test/support/resultReporter (spec output + counts file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import ResultReporter = require('../support/resultReporter');

/** Per-test timeout: connecting, a round trip and a panel load take well under this on 2 cores. */
const TEST_TIMEOUT_MS = 20_000;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: TEST_TIMEOUT_MS, color: false, reporter: ResultReporter });
  // The bundler emits one file per test/integration/*.ts; only the *.test.js ones are suites.
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
