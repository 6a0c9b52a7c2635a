/**
 * Import Session (HAR or JSON Lines)… (issue 10): a file from the open dialog (or `{ file }`), read as a stream
 * into a log of the kind live sessions use, under a cancellable progress notification; the offline session then
 * opens in its panel. A file that breaks gets one error notification saying where, and no session at all.
 * What the import left out is in the log's first rows, not in notifications.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImportResult } from '../../core/exchange/importOptions';
import { ExchangeErrorCode } from '../../core/exchange/exchangeErrors';
import { inert } from '../notificationText';
import { parseImportArgs } from './exchangeArgs';
import type { ExchangeContext } from './exchangeContext';
import { importFailedText, importProgressText, percentSteps } from './exchangeWords';
import { importFile, importFraction, type FileImportProgress } from './importFile';

/** Progress lines are sent at most this often unless the bar moves (a HAR's entries report one by one). */
const PROGRESS_EVERY_MS = 100;

/** Imports a file and opens its panel; returns the new session's id, or undefined. */
export async function importSession(ctx: ExchangeContext, arg: unknown): Promise<string | undefined> {
  const args = parseImportArgs(arg);
  if (!args.ok) {
    void vscode.window.showErrorMessage(`Import Session: ${args.reason}`);
    return undefined;
  }
  const file = args.value.file ?? (await askFile());
  if (file === undefined) return undefined;
  const name = path.basename(file);
  const result = await readWithProgress(ctx, file, name);
  if (!result.ok) {
    const { code, message } = result.error;
    ctx.log.warn(`Import of ${file} stopped: ${code} ${message}`);
    if (code !== ExchangeErrorCode.ImportCancelled)
      void vscode.window
        .showErrorMessage(importFailedText(name, message, code), 'Show Log')
        .then((choice) => (choice ? ctx.log.show() : undefined));
    return undefined;
  }
  const { session, warnings } = result;
  const opened = ctx.launcher.openImported(session, `Imported: ${name}`);
  if (!opened.ok) {
    void vscode.window.showErrorMessage(`Could not show ${inert(name)}: ${opened.message}`);
    return undefined;
  }
  const left = warnings.length > 0 ? `; ${warnings.length} warning(s) in its first rows` : '';
  ctx.log.info(`[${session.id}] imported ${session.log.count} events from ${file}${left}`);
  return session.id;
}

/** The open dialog: one HAR, JSON Lines or JSON file on this machine. */
async function askFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import a session (HAR or JSON Lines)',
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: 'Import',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { 'HAR or JSON Lines': ['har', 'jsonl', 'json'], 'All files': ['*'] },
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Imports read files on this machine: choose a local file.');
    return undefined;
  }
  return uri.fsPath;
}

/** Reads `file` under a cancellable progress notification. Never rejects. */
function readWithProgress(ctx: ExchangeContext, file: string, name: string): Thenable<ImportResult> {
  const title = `Importing ${inert(name)}`;
  const location = vscode.ProgressLocation.Notification;
  return vscode.window.withProgress({ location, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const step = percentSteps();
    let last = 0;
    const onProgress = (p: FileImportProgress): void => {
      const increment = step(importFraction(p));
      const now = Date.now();
      if (increment === 0 && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      progress.report({ increment, message: importProgressText(p.read, p.size, p.entries) });
    };
    try {
      return await importFile(file, { logFactory: ctx.launcher.logFactory, signal: controller.signal, onProgress });
    } finally {
      cancel.dispose();
    }
  });
}
