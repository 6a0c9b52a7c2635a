/**
 * The query worker (issue #9): evaluates a query's regular expression off the host's thread, so a pattern that
 * backtracks for minutes costs one terminated worker, not a frozen extension host. Bundled by scripts/build.mjs
 * as dist/queryWorker.js; tests run this file from source (see queryWorkerLocation.ts). The matching rule is
 * eventQuery's matchesQuery, the same function the host uses: one place per rule.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { matchesQuery } from './eventQuery';
import { PROGRESS_DONE, PROGRESS_INDEX, unpackRecords } from './queryWorkerProtocol';
import type { WorkerBatch, WorkerReply, WorkerStartData } from './queryWorkerProtocol';

/** The seqs of the records of `batch` that match; each one's index is written to `progress` before it is tried. */
function evaluate(batch: WorkerBatch, progress: Int32Array): WorkerReply {
  try {
    const seqs: number[] = [];
    const records = unpackRecords(batch.records);
    for (let i = 0; i < records.length; i++) {
      Atomics.store(progress, PROGRESS_INDEX, i);
      if (matchesQuery(records[i], batch.compiled)) seqs.push(records[i].seq);
    }
    Atomics.store(progress, PROGRESS_DONE, batch.id);
    return { type: 'matches', id: batch.id, seqs };
  } catch (error) {
    return { type: 'failed', id: batch.id, message: error instanceof Error ? error.message : String(error) };
  }
}

const port = parentPort;
if (port) {
  const progress = new Int32Array((workerData as WorkerStartData).progress);
  port.on('message', (batch: WorkerBatch) => port.postMessage(evaluate(batch, progress)));
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
