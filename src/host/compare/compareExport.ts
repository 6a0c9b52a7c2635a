/**
 * Export of a comparison report: the host asks where (a save dialog), writes core's CSV or JSON of the report it
 * holds (credentials already masked by core), and says in one line what happened. The webview only ever asks
 * for a format; it never names a file or supplies the content.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComparisonReport } from '../../core/compare/comparisonReport';
import { reportToCsv, reportToJson } from '../../core/compare/reportExport';
import type { CompareExportFormat, CompareStatusTone } from '../../shared/compareProtocol';
import { describeThrown, type OutputLog } from '../outputLog';
import { exportFileName } from './exportFileName';

const FILTERS: Record<CompareExportFormat, Record<string, string[]>> = {
  csv: { 'CSV (comma-separated values)': ['csv'] },
  json: { JSON: ['json'] },
};

/** What the panel's status line says after an export; undefined when the user closed the dialog. */
export interface ExportOutcome {
  text: string;
  tone: CompareStatusTone;
}

/** Asks where to save `report` as `format` and writes it. Never throws. */
export async function exportReport(
  report: ComparisonReport,
  format: CompareExportFormat,
  log: OutputLog,
): Promise<ExportOutcome | undefined> {
  const name = exportFileName(report, format);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export the transport comparison as ${format.toUpperCase()}`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: FILTERS[format],
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  const text = format === 'csv' ? reportToCsv(report) : reportToJson(report);
  const shown = path.posix.basename(target.path);
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  } catch (error) {
    log.warn(`Transport comparison export to ${target.toString()} failed: ${describeThrown(error)}`);
    return { text: `Could not write ${shown}: the Realtime Inspector log has the reason.`, tone: 'error' };
  }
  log.info(`Transport comparison exported to ${target.toString()}`);
  return { text: `Saved ${shown}.`, tone: 'info' };
}
