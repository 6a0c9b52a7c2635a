/**
 * The query worker (issue #9): evaluates a query's regular expression off the host's thread, so a pattern that
 * backtracks for minutes costs one terminated worker, not a frozen extension host. Bundled by scripts/build.mjs
 * as dist/queryWorker.js; tests run this file from source (see queryWorkerLocation.ts). The matching rule is
 * eventQuery's matchesQuery, the same function the host uses: one place per rule.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { matchesQuery } from './eventQuery';
import { PROGRESS_DONE, PROGRESS_SEQ, unpackRecords } from './queryWorkerProtocol';
import type { WorkerBatch, WorkerReply, WorkerStartData } from './queryWorkerProtocol';

/** The seqs of the records of `batch` that match; each seq is written to `progress` before it is tried. */
function evaluate(batch: WorkerBatch, progress: BigInt64Array): WorkerReply {
  try {
    const seqs: number[] = [];
    for (const record of unpackRecords(batch.records)) {
      Atomics.store(progress, PROGRESS_SEQ, BigInt(record.seq));
      if (matchesQuery(record, batch.compiled)) seqs.push(record.seq);
    }
    Atomics.store(progress, PROGRESS_DONE, BigInt(batch.id));
    return { type: 'matches', id: batch.id, seqs };
  } catch (error) {
    return { type: 'failed', id: batch.id, message: error instanceof Error ? error.message : String(error) };
  }
}

const port = parentPort;
if (port) {
  const progress = new BigInt64Array((workerData as WorkerStartData).progress);
  port.on('message', (batch: WorkerBatch) => port.postMessage(evaluate(batch, progress)));
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
