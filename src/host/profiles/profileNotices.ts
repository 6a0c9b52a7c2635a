/**
 * Opening a profile file at a field, and the error notifications that point at one (issue 10): our words
 * (profileWords.ts), and "Open file" to reveal the field's range in the editor.
 */
import * as vscode from 'vscode';
import { ProfileError } from '../../core/profiles/profileErrors';
import type { ProfileScope, TextRange } from '../../core/profiles/profileModel';
import { rangeOfPath } from '../../core/profiles/textLocations';
import { inert } from '../notificationText';
import { describeThrown, type OutputLog } from '../outputLog';
import { toRange } from './profileDiagnostics';
import type { ProfileFiles } from './profileFiles';
import { fileProblemMessage } from './profileWords';

/** A place in a profile file: a JSON path of the file (`profiles[2].connection.url`) or a range. */
export type FilePlace = { path: string } | { range: TextRange } | undefined;

/** Opens the scope's profile file with the place selected and revealed. */
export async function openProfileFile(files: ProfileFiles, scope: ProfileScope, place?: FilePlace): Promise<void> {
  const uri = files.fileUri(scope);
  if (!uri) {
    void vscode.window.showInformationMessage('Open a folder first: workspace profiles live in its .vscode folder.');
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const range =
    place && 'range' in place
      ? place.range
      : place && 'path' in place
        ? rangeOfPath(document.getText(), place.path)
        : undefined;
  const selection = range ? toRange(range) : undefined;
  await vscode.window.showTextDocument(document, { selection, preview: false });
}

/** An error notification in our words with "Open file" that reveals `place`. */
export function showProfileError(files: ProfileFiles, scope: ProfileScope, message: string, place?: FilePlace): void {
  void vscode.window.showErrorMessage(message, 'Open file').then((choice) => {
    if (choice === 'Open file') void openProfileFile(files, scope, place);
  });
}

/** A store operation failed: a ProfileError is shown (pointing at its first issue); anything else is logged. */
export function reportStoreError(files: ProfileFiles, scope: ProfileScope, error: unknown, log: OutputLog): void {
  if (error instanceof ProfileError) {
    const issue = error.issues[0];
    const message = issue?.range ? fileProblemMessage(scope, issue) : inert(error.message, 300);
    log.warn(`Profile ${scope}: ${error.code}: ${error.message}`);
    showProfileError(files, scope, message, issue?.range ? { range: issue.range } : undefined);
    return;
  }
  log.error(`Profile ${scope}: ${describeThrown(error)}`);
  void vscode.window
    .showErrorMessage('The profile could not be saved (details in the Realtime Inspector log).', 'Show Log')
    .then((choice) => {
      if (choice) log.show();
    });
}

/**
 * Says so when a profile file gains an error (at activation, or after an edit outside the editor): one
 * notification per new error set, none while the file is the active editor (its diagnostics show there).
 */
export function notifyNewFileErrors(files: ProfileFiles): vscode.Disposable {
  const known = new Map<ProfileScope, Set<string>>();
  return files.onDidChange((scope) => {
    const errors = (files.snapshot(scope)?.issues ?? []).filter((i) => i.severity === 'error');
    const keys = new Set(errors.map((i) => `${i.path}|${i.message}`));
    const before = known.get(scope) ?? new Set<string>();
    known.set(scope, keys);
    const fresh = errors.find((i) => !before.has(`${i.path}|${i.message}`));
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (!fresh || active === files.fileUri(scope)?.toString()) return;
    showProfileError(files, scope, fileProblemMessage(scope, fresh), fresh.range ? { range: fresh.range } : undefined);
  });
}
