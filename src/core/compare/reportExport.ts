/**
 * A comparison report as CSV (RFC 4180: a header row, one row per transport, CRLF, quoted where needed) and as
 * JSON (keys in a fixed order, 2-space indent). Both round their numbers the same way — milliseconds to 3
 * decimals, bytes per message to 1, counts whole — so two exports of one report are identical. Pure.
 */
import type { ComparisonError, ComparisonReport, RttSummary, TransportResult } from './comparisonReport';

/** Decimals kept: milliseconds to the microsecond, average bytes to a tenth. */
const MS_DECIMALS = 3;
const BYTES_DECIMALS = 1;

type Cell = string | number | boolean | null;
type Column = [name: string, cell: (report: ComparisonReport, result: TransportResult) => Cell, decimals?: number];

/** The CSV columns, in order: how each cell is read from a result, and the decimals of a measured number. */
const COLUMNS: readonly Column[] = [
  ['started_at', (report) => report.startedAt],
  ['kind', (report) => report.plan.kind],
  ['url', (report) => report.plan.url],
  ['mode', (report) => report.plan.mode],
  ['messages_planned', (report) => report.plan.messages],
  ['message_bytes', (report) => report.plan.messageBytes],
  ['transport', (_, r) => r.transport],
  ['ok', (_, r) => r.ok],
  ['cancelled', (_, r) => r.cancelled],
  ['error_code', (_, r) => r.error?.code ?? null],
  ['error_message', (_, r) => r.error?.message ?? null],
  ['setup_ms', (_, r) => r.setupMs, MS_DECIMALS],
  ['open_ms', (_, r) => r.openMs, MS_DECIMALS],
  ['rtt_median_ms', (_, r) => r.rtt.median, MS_DECIMALS],
  ['rtt_p95_ms', (_, r) => r.rtt.p95, MS_DECIMALS],
  ['rtt_min_ms', (_, r) => r.rtt.min, MS_DECIMALS],
  ['rtt_max_ms', (_, r) => r.rtt.max, MS_DECIMALS],
  ['bytes_up_per_message', (_, r) => r.bytesPerMessage.up, BYTES_DECIMALS],
  ['bytes_down_per_message', (_, r) => r.bytesPerMessage.down, BYTES_DECIMALS],
  ['bytes_per_message', (_, r) => r.bytesPerMessage.total, BYTES_DECIMALS],
  ['http_requests', (_, r) => r.httpRequests],
  ['total_bytes', (_, r) => r.totalBytes],
  ['messages_sent', (_, r) => r.sent],
  ['messages_answered', (_, r) => r.messages],
  ['timed_out', (_, r) => r.timedOut],
];

/** The column names of `reportToCsv`, in order. */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** The report as CSV: a header row and one row per transport. */
export function reportToCsv(report: ComparisonReport): string {
  const rows = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const result of report.results)
    rows.push(COLUMNS.map(([, cell, decimals]) => csvCell(cell(report, result), decimals)).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

/** The report as JSON text, keys always in the same order, numbers rounded as in the CSV. */
export function reportToJson(report: ComparisonReport): string {
  const p = report.plan;
  const plan = {
    kind: p.kind,
    url: p.url,
    path: p.path,
    namespace: p.namespace,
    headers: p.headers.map(([name, value]) => [name, value]),
    messages: p.messages,
    messageBytes: p.messageBytes,
    mode: p.mode,
    event: p.event,
    replyEvent: p.replyEvent,
    transports: [...p.transports],
    timeoutMs: p.timeoutMs,
  };
  const ordered = {
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    cancelled: report.cancelled,
    plan,
    error: errorJson(report.error),
    results: report.results.map(resultJson),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function resultJson(r: TransportResult): object {
  const { bytesPerMessage: b } = r;
  return {
    transport: r.transport,
    ok: r.ok,
    cancelled: r.cancelled,
    error: errorJson(r.error),
    setupMs: ms(r.setupMs),
    openMs: ms(r.openMs),
    rtt: rttJson(r.rtt),
    bytesPerMessage: { up: bytes(b.up), down: bytes(b.down), total: bytes(b.total) },
    httpRequests: r.httpRequests,
    totalBytes: r.totalBytes,
    messages: r.messages,
    sent: r.sent,
    timedOut: r.timedOut,
  };
}

function rttJson(rtt: RttSummary): object {
  return { median: ms(rtt.median), p95: ms(rtt.p95), min: ms(rtt.min), max: ms(rtt.max) };
}

function errorJson(error: ComparisonError | undefined): object | null {
  if (!error) return null;
  const cause = error.cause ? { code: error.cause.code, message: error.cause.message } : null;
  return { code: error.code, message: error.message, cause };
}

function ms(value: number | null): number | null {
  return rounded(value, MS_DECIMALS);
}

function bytes(value: number | null): number | null {
  return rounded(value, BYTES_DECIMALS);
}

function rounded(value: number | null, decimals: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Number(value.toFixed(decimals));
}

/**
 * One CSV cell: a number with its fixed decimals (or whole), null (or a number that is none) empty, text quoted
 * when it holds a comma, quote or line break (RFC 4180), and text a spreadsheet would run as a formula (`=`,
 * `+`, `-`, `@`, tab, CR first) prefixed with `'` (a server's error message ends up here).
 */
function csvCell(value: Cell, decimals?: number): string {
  if (value === null) return '';
  if (typeof value === 'number') return !Number.isFinite(value) ? '' : value.toFixed(decimals ?? 0);
  if (typeof value === 'boolean') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
