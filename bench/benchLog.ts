/**
 * The log every bench session records into: the one the extension uses (src/host/sessionLauncher.ts), a
 * SpillingEventLog with the default memory and disk budgets, spilling to a temp dir removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventLog } from '../src/core/events/eventLog';
import { SpillingEventLog } from '../src/core/events/store/spillingEventLog';

export interface BenchLog {
  logFactory(): EventLog;
  /** Removes the temp dir (the log removes its own files on dispose). */
  remove(): void;
}

export function spillingBenchLog(): BenchLog {
  const dir = mkdtempSync(join(tmpdir(), 'ri-bench-'));
  return {
    logFactory: () => new SpillingEventLog({ dir }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Seqs missing from the log (read by pages, as the panel does), and the incoming messages it holds. */
export function auditLog(log: EventLog): { missing: number; messagesIn: number } {
  let missing = 0;
  let messagesIn = 0;
  let expected = 1;
  for (let seq = 1; seq <= log.count; seq += 1000) {
    for (const event of log.page(seq, 1000)) {
      if (event.seq !== expected) missing += Math.abs(event.seq - expected);
      expected = event.seq + 1;
      if (event.type === 'message' && event.direction === 'in') messagesIn++;
    }
  }
  return { missing: missing + (log.count + 1 - expected), messagesIn };
}
