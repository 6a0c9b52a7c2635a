// The project's one test command (`npm test`): build, typecheck, then the three tiers, each in its own
// process group with a deadline, each reporting counts through test/support/resultReporter.ts.
//
//   node scripts/test-all.mjs                  build + typecheck + unit + integration + ui
//   node scripts/test-all.mjs unit|integration|ui   build + typecheck + that tier
//
// The LAST line of output is always exactly `N passed, N failed` (sums over tiers); the exit code is
// non-zero when anything failed. A tier that crashes or times out without writing its counts file is
// counted as (at least) one failure. Artefacts (logs, screenshots) go to test-results/<tier>/.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const node = process.execPath;
const mochaBin = join(root, 'node_modules/mocha/bin/mocha.js');
const reporter = './test/support/resultReporter.ts';
const MINUTE = 60_000;
/** After a tier wrote its counts, how long its process may take to exit before we call it hung. */
const EXIT_GRACE_MS = 30_000;

/** The tiers, in the order they run. `timeoutMs` bounds the whole tier (the CI job has 90 min on 2 cores). */
const TIERS = {
  unit: {
    args: [mochaBin, '-r', 'tsx/cjs', 'test/unit/**/*.test.ts', '--timeout', '10000', '--reporter', reporter],
    timeoutMs: 10 * MINUTE,
  },
  integration: {
    // @vscode/test-electron runTests → test/harness/code-shim.mjs → code-server + Chromium.
    args: ['--import', 'tsx', 'test/harness/runIntegrationTests.ts'],
    timeoutMs: 15 * MINUTE,
  },
  ui: {
    args: [mochaBin, '-r', 'tsx/cjs', 'test/ui/**/*.test.ts', '--timeout', '180000', '--reporter', reporter],
    timeoutMs: 15 * MINUTE,
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in TIERS)) {
    console.error(`unknown tier "${name}"; expected one of: ${Object.keys(TIERS).join(', ')}`);
    process.exit(2);
  }
}
const tiersToRun = wanted.length ? Object.keys(TIERS).filter((t) => wanted.includes(t)) : Object.keys(TIERS);

// One short directory for everything the run creates (code-server data, sockets, browser profiles):
// unix socket paths stay < 108 bytes, and one rm + one process sweep clean up after a crash.
const runDir = mkdtempSync(join(tmpdir().length <= 40 ? tmpdir() : '/tmp', 'ri-'));
const env = { ...process.env, RI_RUN_DIR: runDir, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };

let current; // the step running now, so Ctrl+C can stop its process group
process.on('SIGINT', () => abort(130));
process.on('SIGTERM', () => abort(143));

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // gone already
  }
}

/** SIGTERM the group (the shim and mocha hooks then stop their code-servers), SIGKILL after 15 s. */
async function stopGroup(pgid) {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  for (let i = 0; i < 150 && signalGroup(pgid, 0); i++) await sleep(100);
  signalGroup(pgid, 'SIGKILL');
}

/**
 * Kills what a step left behind: process groups the harness recorded (code-server) and any process
 * whose command line mentions the run directory (browsers, servers of a step that was SIGKILLed).
 */
async function sweep() {
  const left = [];
  const registry = join(runDir, 'pgids');
  if (existsSync(registry)) {
    for (const pgid of readdirSync(registry)) {
      if (signalGroup(Number(pgid), 0)) {
        left.push(`${readFileSync(join(registry, pgid), 'utf8')} (pgid ${pgid})`);
        await stopGroup(Number(pgid));
      }
      rmSync(join(registry, pgid), { force: true });
    }
  }
  if (existsSync('/proc')) {
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
      let cmdline;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (cmdline.includes(runDir)) {
        left.push(`${cmdline.split('\0').slice(0, 2).join(' ')} (pid ${pid})`);
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* exited meanwhile */
        }
      }
    }
  }
  for (const what of left) console.log(`[test-all] killed a leftover process: ${what}`);
}

/**
 * Runs a command in its own process group. Resolves `{ code, timedOut, hungAfterResult }`.
 * `resultFile`: once it appears the process gets EXIT_GRACE_MS to exit (open handles keep Node alive).
 */
function runStep(label, command, args, { timeoutMs, resultFile, extraEnv = {} }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit', detached: true });
    current = child;
    let timedOut = false;
    let hungAfterResult = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      console.log(`[test-all] ${label}: no end after ${seconds(timeoutMs)}, stopping it`);
      void stopGroup(child.pid);
    }, timeoutMs);
    let graceTimer;
    const watch = resultFile
      ? setInterval(() => {
          if (graceTimer || !existsSync(resultFile)) return;
          graceTimer = setTimeout(() => {
            hungAfterResult = true;
            console.log(
              `[test-all] ${label}: tests finished but the process did not exit ` +
                `within ${seconds(EXIT_GRACE_MS)} (open handles?)`,
            );
            void stopGroup(child.pid);
          }, EXIT_GRACE_MS);
        }, 500)
      : undefined;
    const finish = (code) => {
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      clearInterval(watch);
      current = undefined;
      resolve({ code, timedOut, hungAfterResult });
    };
    child.on('error', (error) => {
      console.log(`[test-all] ${label}: could not start: ${error.message}`);
      finish(127);
    });
    child.on('exit', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

function readCounts(file) {
  try {
    const { passed, failed, pending } = JSON.parse(readFileSync(file, 'utf8'));
    if ([passed, failed, pending].every(Number.isInteger)) return { passed, failed, pending };
  } catch {
    /* missing or torn: the tier crashed */
  }
  return undefined;
}

/** Build or typecheck: a failure is one failed check and stops the run. */
async function check(label, command, args) {
  const started = Date.now();
  console.log(`\n[test-all] ${label}`);
  const { code, timedOut } = await runStep(label, command, args, { timeoutMs: 10 * MINUTE });
  await sweep();
  const ok = code === 0 && !timedOut;
  summaryLines.push(`${label.padEnd(12)} ${ok ? 'ok' : `FAILED (exit ${code})`}  ${seconds(Date.now() - started)}`);
  return ok;
}

async function tier(name) {
  const started = Date.now();
  const dir = join(results, name);
  rmSync(dir, { recursive: true, force: true }); // fresh artefacts: logs are appended to, screenshots overwritten
  const resultFile = join(dir, 'result.json');
  console.log(`\n[test-all] ${name} tests`);
  const { code, timedOut, hungAfterResult } = await runStep(name, node, TIERS[name].args, {
    timeoutMs: TIERS[name].timeoutMs,
    resultFile,
    extraEnv: { RI_TEST_RESULT: resultFile },
  });
  await sweep();
  const counts = readCounts(resultFile) ?? { passed: 0, failed: 0, pending: 0 };
  let note = '';
  if (!existsSync(resultFile)) {
    counts.failed = Math.max(1, counts.failed);
    note = timedOut
      ? ` (timed out after ${seconds(TIERS[name].timeoutMs)}, no result)`
      : ` (crashed: exit ${code}, no result)`;
  } else if (hungAfterResult) {
    counts.failed += 1;
    note = ' (+1: process hung after the tests)';
  } else if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    note = ` (+1: exit ${code} although no test failed)`;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  summaryLines.push(
    `${name.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ` +
      `${counts.pending} pending${note}  ${seconds(Date.now() - started)}`,
  );
}

const totals = { passed: 0, failed: 0 };
const summaryLines = [];

/** Extension-host IPC sockets in the shared temp dirs; ours live in the run dir, so this must not grow. */
function ipcSockets() {
  const found = new Set();
  for (const dir of new Set([tmpdir(), '/tmp'])) {
    try {
      for (const name of readdirSync(dir)) if (name.startsWith('vscode-ipc-')) found.add(join(dir, name));
    } catch {
      /* no such dir */
    }
  }
  return found;
}
const ipcBefore = ipcSockets();

function finishRun() {
  rmSync(runDir, { recursive: true, force: true });
  const leaked = [...ipcSockets()].filter((s) => !ipcBefore.has(s));
  if (leaked.length)
    console.log(`[test-all] warning: new extension-host sockets outside the run dir: ${leaked.join(', ')}`);
  console.log('\n[test-all] summary');
  for (const line of summaryLines) console.log(`  ${line}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

async function abort(exitCode) {
  console.log('\n[test-all] interrupted, stopping…');
  if (current?.pid) await stopGroup(current.pid);
  await sweep();
  totals.failed += 1;
  summaryLines.push('interrupted');
  finishRun();
  process.exit(exitCode);
}

async function main() {
  const npm = process.env.npm_execpath ? [node, [process.env.npm_execpath]] : ['npm', []];
  const checksOk =
    (await check('build', node, ['scripts/build.mjs'])) &&
    (await check('typecheck', npm[0], [...npm[1], 'run', '--silent', 'typecheck']));
  // Lint (import boundaries, sizes, line width, format) counts as one failure but does not stop the tiers:
  // a misplaced import should not hide what the tests say.
  const lintOk = checksOk && (await check('lint', npm[0], [...npm[1], 'run', '--silent', 'lint']));
  if (!checksOk) totals.failed += 1;
  else {
    if (!lintOk) totals.failed += 1;
    for (const name of tiersToRun) await tier(name);
  }
  finishRun();
}

main().catch(async (error) => {
  console.error('[test-all] internal error:', error);
  await sweep();
  totals.failed += 1;
  finishRun();
});
