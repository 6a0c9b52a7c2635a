/**
 * Short temporary directories for everything a test run creates (code-server data, runtime sockets,
 * browser profiles, workspaces).
 *
 * Why short: the extension host listens on `vscode-ipc-<uuid>.sock` in XDG_RUNTIME_DIR and code-server on
 * `code-server-ipc.sock` in its user-data dir; a unix socket path must stay under 108 bytes, and a CI
 * TMPDIR inside a deep checkout can eat that budget. Why one root: `scripts/test-all.mjs` sets
 * `RI_RUN_DIR` for the whole run, so a single `rm -rf` and a single process sweep cover everything.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Longest base directory we accept before falling back to /tmp (leaves room for nested names + socket). */
const MAX_BASE_LENGTH = 40;

/** The directory new temporary directories go into: `RI_RUN_DIR` when a run set one, else a short tmpdir. */
export function tempBase(): string {
  const fromRun = process.env.RI_RUN_DIR;
  if (fromRun && fs.existsSync(fromRun)) return fromRun;
  const tmp = os.tmpdir();
  return tmp.length <= MAX_BASE_LENGTH ? tmp : '/tmp';
}

/** Creates a fresh, empty directory `<base>/<prefix>XXXXXX` and returns its absolute path. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(tempBase(), prefix));
}

/** Removes a directory tree; never throws (a leftover temp dir must not turn a green run red). */
export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
