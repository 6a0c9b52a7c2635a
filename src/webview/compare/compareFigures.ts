/**
 * The figures of a transport comparison as the panel shows them: which rows the table has, which groups the
 * chart draws, how each value is read from a result and how it is written. Pure (no DOM), unit-tested.
 */
import type { TransportResultDto } from '../../shared/compareProtocol';

export type FigureUnit = 'ms' | 'bytes' | 'count';

/** One measured number of a transport. */
export interface Figure {
  /** Stable id (the table's and chart's `data-metric`). */
  id: string;
  /** The row header in the table. */
  label: string;
  /** The group title in the chart. */
  chartLabel: string;
  unit: FigureUnit;
  value(result: TransportResultDto): number | null;
}

/** The maker of figures in one unit: `ms(id, label, chartLabel, value)`. */
function figuresIn(unit: FigureUnit) {
  return (id: string, label: string, chartLabel: string, value: Figure['value']): Figure => ({
    id,
    label,
    chartLabel,
    unit,
    value,
  });
}
const ms = figuresIn('ms');
const bytes = figuresIn('bytes');
const count = figuresIn('count');

/** One of the per-message byte figures, read from `bytesPerMessage[side]`. */
const perMessage = (side: 'up' | 'down' | 'total', id: string, label: string, chartLabel: string): Figure =>
  bytes(id, label, chartLabel, (r) => r.bytesPerMessage[side]);

const SETUP = ms('setup', 'Connection setup', 'Connection setup (ms)', (r) => r.setupMs);
const RTT_MEDIAN = ms('rtt-median', 'Round trip, median', 'Round trip, median (ms)', (r) => r.rtt.median);
const RTT_P95 = ms('rtt-p95', 'Round trip, p95', 'Round trip, p95 (ms)', (r) => r.rtt.p95);
const RTT_MIN = ms('rtt-min', 'Round trip, min', 'Round trip, min (ms)', (r) => r.rtt.min);
const RTT_MAX = ms('rtt-max', 'Round trip, max', 'Round trip, max (ms)', (r) => r.rtt.max);
const BYTES_UP = perMessage('up', 'bytes-up', 'Bytes per message, up', 'Bytes per message, up');
const BYTES_DOWN = perMessage('down', 'bytes-down', 'Bytes per message, down', 'Bytes per message, down');
const BYTES_TOTAL = perMessage(
  'total',
  'bytes-per-message',
  'Bytes per message, total',
  'Bytes on the wire per message',
);
const HTTP_REQUESTS = count('http-requests', 'HTTP requests', 'HTTP requests', (r) =>
  hasFigures(r) ? r.httpRequests : null,
);
const TOTAL_BYTES = bytes('total-bytes', 'Total bytes (whole session)', 'Total bytes', (r) =>
  hasFigures(r) ? r.totalBytes : null,
);

/** The numeric rows of the table, in order (answered/sent and errors follow them). */
export const TABLE_FIGURES: readonly Figure[] = [
  SETUP,
  RTT_MEDIAN,
  RTT_P95,
  RTT_MIN,
  RTT_MAX,
  BYTES_UP,
  BYTES_DOWN,
  BYTES_TOTAL,
  HTTP_REQUESTS,
  TOTAL_BYTES,
];

/** The chart's groups, one per metric. */
export const CHART_FIGURES: readonly Figure[] = [SETUP, RTT_MEDIAN, RTT_P95, BYTES_TOTAL, HTTP_REQUESTS];

/** Whether a transport measured anything at all (a transport refused at once has no figures, not zeros). */
export function hasFigures(result: TransportResultDto): boolean {
  return result.setupMs !== null || result.openMs !== null || result.sent > 0 || result.httpRequests > 0;
}

/** A value as the table and the chart write it: `0.42 ms`, `12.5 ms`, `1,234 ms`, `311.4 B`, `42`; `—` for none. */
export function formatFigure(value: number | null, unit: FigureUnit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (unit === 'ms') return `${formatDecimal(value)} ms`;
  if (unit === 'bytes') return `${Number.isInteger(value) ? grouped(value) : formatDecimal(value)} B`;
  return grouped(value);
}

/** `answered/sent`, with the unanswered when there are any: `20/20`, `18/20 (2 unanswered)`. */
export function answeredText(result: TransportResultDto): string {
  if (!hasFigures(result)) return '—';
  const base = `${grouped(result.messages)}/${grouped(result.sent)}`;
  return result.timedOut > 0 ? `${base} (${grouped(result.timedOut)} unanswered)` : base;
}

/** Two decimals below 10, one below 1000, none above: as many as carry information. */
function formatDecimal(value: number): string {
  const abs = Math.abs(value);
  if (abs < 10) return value.toFixed(2);
  if (abs < 1000) return value.toFixed(1);
  return grouped(value);
}

/** A whole number with thousands separators, the same on every machine. */
function grouped(value: number): string {
  const digits = String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${digits}` : digits;
}
