/**
 * The transport comparison of issue 11: the same scripted exchange (N messages of S bytes, echo or ack) over
 * HTTP long-polling only and over WebSocket only, one transport after the other, each in a session of its own,
 * reported side by side — set-up time, round trips, bytes on the wire per message, HTTP requests. The story of
 * why WebSocket replaced polling, measured on the user's own server.
 *
 * One transport's failure (refused, timed out, closed by the server) is its own result; the next transport
 * still runs. Cancelling (the signal) closes the session being measured and resolves with what was measured.
 * Never throws: whatever goes wrong ends up in the report.
 */
import { systemClock, type Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { Network } from '../session/network';
import * as failures from './comparisonErrors';
import {
  COMPARED_TRANSPORTS,
  describeIssues,
  validatePlan,
  type ComparedTransport,
  type ComparisonPlan,
} from './comparisonPlan';
import {
  emptyResult,
  reportedInvalidPlan,
  reportedPlan,
  type ComparisonReport,
  type TransportResult,
} from './comparisonReport';
import { measureTransport } from './transportRun';

export interface ComparisonDeps {
  /** Time for the deadlines and the round trips (default: the system clock). */
  clock?: Clock;
  /** Makes each session's log (default: a bounded in-memory log); the comparison disposes the logs it made. */
  logFactory?: () => EventLog;
  /** Where the sessions connect (a proxy, pinned certificates); the caller disposes it. */
  network?: Network;
  /** Cancels the run: the session being measured closes, the report keeps what was measured. */
  signal?: AbortSignal;
  /** After each message answered or given up on. */
  onProgress?(transport: ComparedTransport, done: number, total: number): void;
}

/** Runs the comparison `plan` describes. Never throws; never rejects. */
export async function runTransportComparison(
  plan: ComparisonPlan,
  deps: ComparisonDeps = {},
): Promise<ComparisonReport> {
  const clock = deps.clock ?? systemClock;
  const startedAt = isoTime(clock);
  try {
    return await compare(plan, deps, clock, startedAt);
  } catch (error) {
    // Only a plan object that throws when read gets here: every step of a run reports its own failures.
    const transports = [...COMPARED_TRANSPORTS];
    const results = transports.map((t) => emptyResult(t, failures.internalError(t, error)));
    const reported = reportedInvalidPlan(undefined, transports);
    return { startedAt, finishedAt: isoTime(clock), cancelled: false, plan: reported, results };
  }
}

async function compare(
  plan: ComparisonPlan,
  deps: ComparisonDeps,
  clock: Clock,
  startedAt: string,
): Promise<ComparisonReport> {
  const validated = validatePlan(plan);
  if (!validated.ok) {
    const transports = requestedTransports(plan);
    const error = failures.invalidPlan(describeIssues(validated.issues));
    const results = transports.map((transport) => emptyResult(transport, error));
    const reported = reportedInvalidPlan(plan, transports);
    return { startedAt, finishedAt: isoTime(clock), cancelled: false, plan: reported, error, results };
  }
  const resolved = validated.plan;
  const { logFactory, network, signal, onProgress } = deps;
  const runDeps = { clock, logFactory, network, signal, onProgress };
  const results: TransportResult[] = [];
  for (const transport of resolved.transports)
    results.push(await measureSafely(() => measureTransport(resolved, transport, runDeps), transport));
  const cancelled = results.some((r) => r.cancelled);
  return { startedAt, finishedAt: isoTime(clock), cancelled, plan: reportedPlan(resolved), results };
}

/** `measure()`, or a result with the internal error should it throw after all. */
async function measureSafely(
  measure: () => Promise<TransportResult>,
  transport: ComparedTransport,
): Promise<TransportResult> {
  try {
    return await measure();
  } catch (error) {
    return emptyResult(transport, failures.internalError(transport, error));
  }
}

/** The transports a plan that did not validate asked for, as far as they can be read (else both). */
function requestedTransports(plan: unknown): ComparedTransport[] {
  const asked = (plan as { transports?: unknown } | null)?.transports;
  if (!Array.isArray(asked)) return [...COMPARED_TRANSPORTS];
  const known = COMPARED_TRANSPORTS.filter((t) => asked.includes(t));
  return known.length ? known : [...COMPARED_TRANSPORTS];
}

/** The clock's wall time in ISO 8601 (the epoch if the clock gives something that is no time). */
function isoTime(clock: Clock): string {
  try {
    return new Date(clock.now()).toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}
