/**
 * Runs a query over a log, page by page (issue #9): the contract the panel uses. Fields and plain text are
 * matched on the host's thread in bounded slices that yield to the event loop; a regular expression is matched
 * in a worker with a watchdog, so one that runs too long is stopped with RI_QUERY_TOO_SLOW instead of freezing
 * the extension host.
 */
import type { Disposable } from '../disposable';
import type { EventLog } from '../events/eventLog';
import { compileQuery, type CompiledQuery, type EventQuery } from './eventQuery';
import { scanLog, type RegexEvaluator, type ScanRequest, type ScanResult } from './queryScan';
import {
  REGEX_BATCH_BUDGET_MS,
  RegexWorkerClient,
  type BatchOutcome,
  type RegexWorkerOptions,
} from './regexWorkerClient';

export interface QueryPageRequest {
  /** Start here (inclusive) and go in `direction`. */
  fromSeq: number;
  direction: 'forward' | 'backward';
  /** Most matches to return. */
  limit: number;
}

export type QueryPage =
  | {
      ok: true;
      /** Matching seqs, in `direction` order. */
      seqs: number[];
      /**
       * Where to continue (undefined: the scan reached the end of the log in that direction; going forward, the
       * end is the last seq when the query began — follow later events with queryTail).
       */
      nextSeq?: number;
    }
  | { ok: false; error: { code: string; message: string; hint?: string } };

/** A query that could not run: a stable code and plain words. */
export type QueryFailure = Extract<QueryPage, { ok: false }>;

/** Matches among the events appended after `afterSeq`; pass the returned `afterSeq` next time. */
export type TailPage = { ok: true; seqs: number[]; afterSeq: number } | QueryFailure;

/** Stable codes of a failed query (src/core/errors.ts style). */
export const QueryErrorCode = {
  /** The query itself is wrong (a bad regular expression, a malformed request). */
  InvalidQuery: 'RI_INVALID_QUERY',
  /** The regular expression ran past its time budget and was stopped. */
  TooSlow: 'RI_QUERY_TOO_SLOW',
  /** The worker that evaluates regular expressions could not start or failed. */
  WorkerFailed: 'RI_QUERY_WORKER_FAILED',
} as const;

/** Matches a live tail returns at most per call (the rest come on the next call). */
export const TAIL_LIMIT = 500;

/** Runs queries; owns one regular-expression worker. Dispose it to end the worker. */
export class QueryRunner implements Disposable {
  private readonly regex: RegexWorkerClient;
  private readonly budgetMs: number;

  constructor(options: RegexWorkerOptions = {}) {
    this.regex = new RegexWorkerClient(options);
    this.budgetMs = options.budgetMs ?? REGEX_BATCH_BUDGET_MS;
  }

  /** Workers started so far (the first regular expression starts one; each stopped one is replaced). */
  get workersStarted(): number {
    return this.regex.workersStarted;
  }

  /** Starts the worker before the first regular expression needs it. Never rejects. */
  warm(): Promise<void> {
    return this.regex.warm();
  }

  /** The matches of `query` from `request.fromSeq` on, in `request.direction`. Never throws. */
  async run(log: EventLog, query: EventQuery, request: QueryPageRequest): Promise<QueryPage> {
    const scanned = await this.scan(log, query, request);
    if (!scanned.ok) return scanned;
    return { ok: true, seqs: scanned.seqs, nextSeq: scanned.more ? scanned.resumeSeq : undefined };
  }

  /**
   * The matches among events appended after `afterSeq` (a filtered live tail): call it on each flush with the
   * `afterSeq` it returned last time, starting from the last seq the panel has seen. Never throws.
   */
  async tail(log: EventLog, query: EventQuery, afterSeq: number, limit = TAIL_LIMIT): Promise<TailPage> {
    const scanned = await this.scan(log, query, { fromSeq: afterSeq + 1, direction: 'forward', limit });
    if (!scanned.ok) return scanned;
    return { ok: true, seqs: scanned.seqs, afterSeq: Math.max(afterSeq, scanned.resumeSeq - 1) };
  }

  dispose(): void {
    this.regex.dispose();
  }

  private async scan(
    log: EventLog,
    query: EventQuery,
    request: ScanRequest,
  ): Promise<Extract<ScanResult, { ok: true }> | QueryFailure> {
    if (!Number.isFinite(request.fromSeq) || !(request.limit >= 0)) {
      return failure(QueryErrorCode.InvalidQuery, 'A query page needs a finite start seq and a limit of 0 or more.');
    }
    const compiled = compileQuery(query);
    if (!compiled.ok) return failure(QueryErrorCode.InvalidQuery, compiled.message);
    const evaluate: RegexEvaluator = (c, records) => this.regex.match(c, records);
    try {
      const fromSeq = Math.floor(request.fromSeq);
      const result = await scanLog(log, compiled.value, { ...request, fromSeq }, evaluate);
      return result.ok ? result : failureOf(result.outcome, compiled.value, this.budgetMs);
    } catch (error) {
      return failure(QueryErrorCode.WorkerFailed, `The query failed: ${(error as Error)?.message ?? error}`);
    }
  }
}

function failure(code: string, message: string, hint?: string): QueryFailure {
  return { ok: false, error: hint === undefined ? { code, message } : { code, message, hint } };
}

/** The user's words for a batch the worker did not answer. */
function failureOf(
  outcome: Exclude<BatchOutcome, { ok: true }>,
  compiled: CompiledQuery,
  budgetMs: number,
): QueryFailure {
  if (outcome.reason === 'failed') {
    return failure(
      QueryErrorCode.WorkerFailed,
      `The regular expression could not be evaluated: ${outcome.message}`,
      'Try the query again; plain text search does not need the worker.',
    );
  }
  const source = compiled.pattern?.source ?? '';
  return failure(
    QueryErrorCode.TooSlow,
    `The regular expression took longer than ${budgetMs} ms on event #${outcome.seq} and was stopped.`,
    `Simplify /${source.length > 80 ? `${source.slice(0, 79)}…` : source}/: nested repetition such as (a+)+ ` +
      'can take exponential time on some lines. Narrow the query with plain text or filters first.',
  );
}

/** The runner the host shares across sessions and panels (one worker for all). */
let sharedRunner: QueryRunner | undefined;

function runner(): QueryRunner {
  sharedRunner ??= new QueryRunner();
  return sharedRunner;
}

/** The matches of `query` from `request.fromSeq` on, on the shared runner. Never throws. */
export function runQuery(log: EventLog, query: EventQuery, request: QueryPageRequest): Promise<QueryPage> {
  return runner().run(log, query, request);
}

/** The matches among events appended after `afterSeq`, on the shared runner (see QueryRunner.tail). */
export function queryTail(log: EventLog, query: EventQuery, afterSeq: number, limit = TAIL_LIMIT): Promise<TailPage> {
  return runner().tail(log, query, afterSeq, limit);
}

/** Starts the shared runner's worker before the first query needs it (see RegexWorkerClient.warm). */
export function warmQueryRunner(): Promise<void> {
  return runner().warm();
}

/** Ends the shared runner's worker (on deactivate; an idle worker never keeps the host alive anyway). */
export function disposeQueryRunner(): void {
  sharedRunner?.dispose();
  sharedRunner = undefined;
}
