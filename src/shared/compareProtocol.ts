/**
 * The messages between the host and the transport comparison panel (issue 11, "Transport comparison"): its own
 * small protocol, apart from the session panel's. The report's types are core's (src/core/compare/
 * comparisonTypes.ts, a file without imports the browser program can compile). The host validates every message
 * from the webview with `parseCompareMessage` (src/host/compare/compareMessages.ts).
 */
import type {
  ComparedTransport,
  ComparisonError,
  ComparisonReport,
  ReportedPlan,
  RttSummary,
  TransportResult,
} from '../core/compare/comparisonTypes';

export type { ComparedTransport };
export type ComparisonErrorDto = ComparisonError;
export type RttSummaryDto = RttSummary;
export type TransportResultDto = TransportResult;
export type ReportedPlanDto = ReportedPlan;
export type ComparisonReportDto = ComparisonReport;

/** How the figures can be saved. */
export type CompareExportFormat = 'csv' | 'json';

/** Whether a status line reports something done or something that went wrong. */
export type CompareStatusTone = 'info' | 'error';

// ---- host → webview -------------------------------------------------------------------------

export type HostToCompareWebview =
  /** The report to show (after `compare/ready`, and after each re-run); `names` are the transports' names. */
  | { type: 'compare/report'; report: ComparisonReportDto; names: Record<ComparedTransport, string> }
  /** A re-run started, or moved on (`progress`: e.g. `polling 40/100`); at most a few per second. */
  | { type: 'compare/running'; progress: string }
  /** A re-run ended without a report (cancelled before anything was measured, or settings unusable). */
  | { type: 'compare/idle' }
  /** One line after an export or a refused request, in our words. */
  | { type: 'compare/status'; text: string; tone: CompareStatusTone };

// ---- webview → host -------------------------------------------------------------------------

export type CompareWebviewToHost =
  /** The webview (re)loaded: send the report. */
  | { type: 'compare/ready' }
  /** Save the report as CSV or JSON: the host asks where, and writes the report it holds. */
  | { type: 'compare/export'; format: CompareExportFormat }
  /** Run the same plan again. */
  | { type: 'compare/rerun' };
