/** The name the export's save dialog proposes. Pure (no vscode), unit-tested. */
import type { ComparisonReport } from '../../core/compare/comparisonReport';
import type { CompareExportFormat } from '../../shared/compareProtocol';

/** `transport-comparison-localhost-3000-2025-01-31T12-00-00.csv`: the host and when the run started. */
export function exportFileName(
  report: Pick<ComparisonReport, 'plan' | 'startedAt'>,
  format: CompareExportFormat,
): string {
  let host = 'server';
  try {
    host = new URL(report.plan.url).host || host;
  } catch {
    // A plan that did not validate may hold anything: the default name does.
  }
  const stamp = report.startedAt.replace(/\.\d+Z$/, '').replace(/:/g, '-');
  const safe = `${host}-${stamp}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `transport-comparison-${safe}.${format}`;
}
