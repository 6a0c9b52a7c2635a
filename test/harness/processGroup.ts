/**
 * Process groups for the servers and browsers a test run starts.
 *
 * code-server forks an extension host, file watchers and pty hosts; killing only its pid leaves those
 * behind. We start it `detached` (its own process group, pgid = pid) and stop the whole group. Each live
 * group is also recorded as a file in `$RI_RUN_DIR/pgids/`, so that `scripts/test-all.mjs` can still
 * kill it when a tier was itself killed on a timeout before it could clean up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends a signal to every process in the group; a group that is already gone is fine. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, wait up to `graceMs` for the group to exit, then SIGKILL whatever is left. */
export async function stopGroup(pgid: number, graceMs = 10_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  signalGroup(pgid, 'SIGKILL');
  unrecordGroup(pgid);
}

function registryDir(): string | undefined {
  const run = process.env.RI_RUN_DIR;
  return run ? path.join(run, 'pgids') : undefined;
}

/** Remembers a live group for the run's final sweep (no-op outside `test-all`). */
export function recordGroup(pgid: number, what: string): void {
  const dir = registryDir();
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, String(pgid)), what);
}

/** Forgets a group that was stopped cleanly. */
export function unrecordGroup(pgid: number): void {
  const dir = registryDir();
  if (dir) fs.rmSync(path.join(dir, String(pgid)), { force: true });
}
