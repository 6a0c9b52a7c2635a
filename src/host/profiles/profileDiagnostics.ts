/**
 * The profile files' issues as diagnostics on the files (issue 10): each issue at its range, errors as
 * errors, warnings as warnings, refreshed whenever a store's snapshot changes. The JSON schema (contributed
 * and named by `$schema`) adds its own checks and completion beside these.
 */
import * as vscode from 'vscode';
import type { ProfileIssue, TextRange } from '../../core/profiles/profileModel';
import type { ProfileFiles } from './profileFiles';

/** Where the diagnostics come from, as the Problems panel shows it. */
const SOURCE = 'Realtime Inspector';

/** Starts keeping the diagnostics of both files; dispose to remove them. */
export function registerProfileDiagnostics(files: ProfileFiles): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('realtimeInspector.profiles');
  const update = (): void => {
    collection.clear();
    for (const scope of ['workspace', 'user'] as const) {
      const uri = files.fileUri(scope);
      const snapshot = files.snapshot(scope);
      if (uri && snapshot && snapshot.issues.length > 0) collection.set(uri, snapshot.issues.map(toDiagnostic));
    }
  };
  const listener = files.onDidChange(update);
  update();
  return vscode.Disposable.from(listener, collection);
}

function toDiagnostic(issue: ProfileIssue): vscode.Diagnostic {
  const severity = issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(toRange(issue.range), issue.message, severity);
  diagnostic.source = SOURCE;
  if (issue.path) diagnostic.code = issue.path;
  return diagnostic;
}

/** A core range as an editor range (the file's start when the issue has none). */
export function toRange(range: TextRange | undefined): vscode.Range {
  if (!range) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}
