/**
 * Mocha reporter for every tier: prints the usual spec output and, when env RI_TEST_RESULT names a
 * file, writes `{ "passed": n, "failed": n, "pending": n }` there at the end of the run.
 *
 * Why a file and not the exit code: the integration tier runs inside the extension host, behind
 * code-server and a browser, and an exit code there only says pass/fail; `scripts/test-all.mjs` wants
 * counts per tier. A tier that leaves no file crashed, and is counted as failed.
 *
 * Works from the CLI (`--reporter ./test/support/resultReporter.ts` with tsx) and bundled into the
 * in-host test entry (`reporter: ResultReporter`).
 */
// CommonJS-style imports and `export =` on purpose: mocha's --reporter loader uses module.exports as the
// constructor, and esbuild bundles `export =` correctly only in a module without ES imports.
import fs = require('node:fs');
import path = require('node:path');
import Mocha = require('mocha');

/** The counts file's shape (read by scripts/test-all.mjs). */
interface TierResult {
  passed: number;
  failed: number;
  pending: number;
}

class ResultReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const file = process.env.RI_TEST_RESULT;
    if (!file) return;
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      // stats.failures also counts failed hooks: a broken `before` is a failure, not a silent skip.
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const result: TierResult = { passed: stats.passes, failed: stats.failures, pending: stats.pending };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(result) + '\n');
    });
  }
}

export = ResultReporter;
