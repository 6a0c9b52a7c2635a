/**
 * One query worker and its watchdog (issue #9). A regular expression such as `(a+)+$` on a long line backtracks
 * for minutes inside V8 and cannot be interrupted on the thread that runs it, so it runs here, in a
 * worker_threads Worker: each batch of records must be answered within a time budget, or the worker is
 * terminated (V8 stops even a running regular expression) and the next batch starts a fresh one.
 */
import type { Worker } from 'node:worker_threads';
import type { CompiledQuery } from './eventQuery';
import { locateQueryWorker, startQueryWorker, type QueryWorkerScript } from './queryWorkerLocation';
import { PROGRESS_DONE, PROGRESS_INDEX, PROGRESS_SLOTS, type PackedRecords } from './queryWorkerProtocol';
import type { WorkerBatch, WorkerReply, WorkerStartData } from './queryWorkerProtocol';

/**
 * How long the worker may take over one batch (at most QUERY_SLICE_CHARS of text, see queryScan.ts). A
 * regular expression that runs in linear time searches 1 MiB in a few milliseconds, so a quarter of a second
 * leaves tens of times that for a slow or busy machine, and is still short enough that a user who typed a bad
 * pattern sees why at once. A catastrophic pattern takes seconds to years on a 30-character line: no budget
 * would let it finish, so a longer one would only burn more CPU before saying so.
 */
export const REGEX_BATCH_BUDGET_MS = 250;
/** How long a new worker may take to load (tsx compiling sources on a slow runner); not part of the budget. */
export const WORKER_STARTUP_MS = 20_000;

/** What became of one batch. */
export type BatchOutcome =
  | { ok: true; seqs: number[] }
  /** Stopped by the watchdog; `seq` is the event the worker was matching. */
  | { ok: false; reason: 'too-slow'; seq: number }
  | { ok: false; reason: 'failed'; message: string };

export interface RegexWorkerOptions {
  /** Time budget of one batch, ms (default REGEX_BATCH_BUDGET_MS). */
  budgetMs?: number;
  /** Time a new worker may take to load, ms (default WORKER_STARTUP_MS). */
  startupMs?: number;
  /** The worker's code (default: located beside this module, see queryWorkerLocation.ts). */
  script?: QueryWorkerScript;
}

/** A started worker and the batch it is answering, if any. */
interface RunningWorker {
  worker: Worker;
  /** How far the worker got (see PROGRESS_INDEX, PROGRESS_DONE), written by the worker. */
  progress: Int32Array;
  /** Resolves with undefined once loaded, or with why it did not. */
  ready: Promise<string | undefined>;
  settleReady?: (failure: string | undefined) => void;
  waiting?: { id: number; settle: (outcome: BatchOutcome) => void };
}

/** Runs batches one at a time in one worker, started on first use and again after each one stopped. */
export class RegexWorkerClient {
  private running?: RunningWorker;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private started = 0;
  private disposed = false;
  private readonly budgetMs: number;
  private readonly startupMs: number;

  constructor(private readonly options: RegexWorkerOptions = {}) {
    this.budgetMs = options.budgetMs ?? REGEX_BATCH_BUDGET_MS;
    this.startupMs = options.startupMs ?? WORKER_STARTUP_MS;
  }

  /** Workers started so far (a stopped worker is replaced by a new one on the next batch). */
  get workersStarted(): number {
    return this.started;
  }

  /**
   * The seqs of `records` that match `compiled`, in order. Batches run one after the other; never rejects. Takes
   * the batch's columns: they move to the worker, and only `seqs` stays readable (each column its own buffer).
   */
  match(compiled: CompiledQuery, records: PackedRecords): Promise<BatchOutcome> {
    const outcome = this.queue.then(() => this.runBatch(compiled, records));
    this.queue = outcome;
    return outcome;
  }

  /**
   * Starts the worker ahead of the first batch (a panel that opens warms it: the first query then does not wait
   * for a thread to load). Resolves when it is ready or could not start; never rejects.
   */
  async warm(): Promise<void> {
    if (this.disposed) return;
    const running = this.running ?? this.start();
    if (typeof running !== 'string') await running.ready;
  }

  /** Terminates the worker; later batches fail. */
  dispose(): void {
    this.disposed = true;
    if (this.running) this.stop(this.running, 'The query runner was disposed.');
  }

  private async runBatch(compiled: CompiledQuery, records: PackedRecords): Promise<BatchOutcome> {
    if (this.disposed) return failed('The query runner was disposed.');
    if (records.seqs.length === 0) return { ok: true, seqs: [] };
    const running = this.running ?? this.start();
    if (typeof running === 'string') return failed(running);
    const failure = await running.ready;
    if (failure !== undefined) return failed(failure);
    if (this.running !== running) return failed('The query worker stopped.');
    return new Promise<BatchOutcome>((resolve) => {
      const id = this.nextId++;
      const watchdog = setTimeout(() => {
        // Answered already, the answer queued behind this timer: not slow, wait for it.
        if (Atomics.load(running.progress, PROGRESS_DONE) === id) return;
        const seq = records.seqs[Atomics.load(running.progress, PROGRESS_INDEX)] ?? records.seqs[0];
        running.waiting = undefined;
        this.stop(running, 'The query worker was stopped.');
        resolve({ ok: false, reason: 'too-slow', seq });
      }, this.budgetMs);
      running.waiting = { id, settle: (outcome) => (clearTimeout(watchdog), resolve(outcome)) };
      Atomics.store(running.progress, PROGRESS_INDEX, 0);
      try {
        // The columns are moved to the worker, not copied (the caller gave them up); the seqs stay for the watchdog.
        const { times, text, textStarts, textEnds, textUtf16, labelIds } = records;
        const columns = [times, text, textStarts, textEnds, textUtf16, labelIds];
        const moved = columns.map((column) => column.buffer as ArrayBuffer);
        running.worker.postMessage({ id, compiled, records } satisfies WorkerBatch, moved);
      } catch (error) {
        this.settleBatch(running, failed(`The query could not be sent to its worker: ${messageOf(error)}`));
      }
    });
  }

  /** Starts a worker, or says why it cannot. */
  private start(): RunningWorker | string {
    const script = this.options.script ?? locateQueryWorker();
    if (!script) return `The query worker (dist/queryWorker.js) was not found beside the extension.`;
    const shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * PROGRESS_SLOTS);
    let worker: Worker;
    try {
      worker = startQueryWorker(script, { progress: shared } satisfies WorkerStartData);
    } catch (error) {
      return `The query worker could not be started: ${messageOf(error)}`;
    }
    this.started++;
    const running: RunningWorker = { worker, progress: new Int32Array(shared), ready: Promise.resolve(undefined) };
    running.ready = new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.stop(running, `The query worker did not start within ${this.startupMs} ms.`);
      }, this.startupMs);
      running.settleReady = (outcome) => (clearTimeout(timer), (running.settleReady = undefined), resolve(outcome));
    });
    worker.on('message', (reply: WorkerReply) => this.onReply(running, reply));
    worker.on('error', (error) => this.stop(running, `The query worker failed: ${messageOf(error)}`));
    worker.on('exit', (code) => this.stop(running, `The query worker stopped (exit code ${code}).`));
    // An idle worker must not keep the host (or a test run) alive; a batch in flight holds its watchdog timer.
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    this.running = running;
    return running;
  }

  private onReply(running: RunningWorker, reply: WorkerReply): void {
    if (reply.type === 'ready') running.settleReady?.(undefined);
    else if (running.waiting?.id !== reply.id) return;
    else if (reply.type === 'matches') this.settleBatch(running, { ok: true, seqs: reply.seqs });
    else this.settleBatch(running, failed(`The query failed in its worker: ${reply.message}`));
  }

  private settleBatch(running: RunningWorker, outcome: BatchOutcome): void {
    const waiting = running.waiting;
    running.waiting = undefined;
    waiting?.settle(outcome);
  }

  /** Ends `running` (terminated if still alive) and fails whatever waited on it; idempotent. */
  private stop(running: RunningWorker, why: string): void {
    if (this.running === running) this.running = undefined;
    running.settleReady?.(why);
    this.settleBatch(running, failed(why));
    void running.worker.terminate().catch(() => undefined);
  }
}

function failed(message: string): BatchOutcome {
  return { ok: false, reason: 'failed', message };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
