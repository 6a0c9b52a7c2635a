/**
 * Export Session as HAR… / as JSON Lines… (issue 10): which session (the active panel's first), sanitized or
 * not, where; then core's streaming exporter into the file under a cancellable progress notification. A file
 * appears only when the export finished (exportSink.ts); the notification says where, or what went wrong.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportToFile } from '../../core/exchange/exportSink';
import { failedExport, type ExportOutcome, type ExportProgress } from '../../core/exchange/exportOptions';
import { exportHar, type HarExportOptions } from '../../core/exchange/harExport';
import { exportJsonl } from '../../core/exchange/jsonlExport';
import type { Session } from '../../core/session/session';
import { resolveSession } from '../commands/pickSession';
import { describeThrown } from '../outputLog';
import { redactorFor } from '../sessionRedaction';
import { parseExportArgs } from './exchangeArgs';
import { FORMAT_LABELS, type ExchangeFormat } from './exchangeCommandIds';
import type { ExchangeContext } from './exchangeContext';
import { exportDoneText, exportFailedText, exportProgressText, percentSteps } from './exchangeWords';
import { askFormat, askSanitize, askTarget } from './exportPrompts';

const NOTHING_TO_EXPORT =
  'There is no Realtime Inspector session to export. Use "Realtime Inspector: Connect…" or "Import Session…" first.';

/** What an export wrote: the command's return value, for tests and automation. */
export interface ExportSummary {
  file: string;
  events: number;
  /** Characters written. */
  written: number;
}

/** One of the two export commands; `arg` is ExportArgs (checked). */
export async function exportSession(
  ctx: ExchangeContext,
  format: ExchangeFormat,
  arg: unknown,
): Promise<ExportSummary | undefined> {
  const args = parseExportArgs(arg);
  if (!args.ok) {
    void vscode.window.showErrorMessage(`Export Session: ${args.reason}`);
    return undefined;
  }
  const { sessionId, target } = args.value;
  const placeHolder = `Session to export as ${FORMAT_LABELS[format]}`;
  const session = await resolveSession(ctx, sessionId, placeHolder, undefined, NOTHING_TO_EXPORT);
  if (!session) return undefined;
  const sanitize = args.value.sanitize ?? (target !== undefined ? true : await askSanitize(format));
  if (sanitize === undefined) return undefined;
  const file = target ?? (await askTarget(session, format));
  if (file === undefined) return undefined;
  const outcome = await writeExport(ctx, session, format, file, sanitize);
  return report(ctx, { session, format, file, sanitize }, outcome);
}

/** The panel's Export… button: the format first, then as the command for that format. */
export async function exportFromPanel(ctx: ExchangeContext, arg: unknown): Promise<ExportSummary | undefined> {
  const args = parseExportArgs(arg);
  if (!args.ok) {
    void vscode.window.showErrorMessage(`Export Session: ${args.reason}`);
    return undefined;
  }
  const format = await askFormat();
  return format ? exportSession(ctx, format, args.value) : undefined;
}

/** Runs the exporter into `file` under a cancellable progress notification. Never rejects. */
function writeExport(
  ctx: ExchangeContext,
  session: Session,
  format: ExchangeFormat,
  file: string,
  sanitize: boolean,
): Thenable<ExportOutcome> {
  const title = `Exporting the session as ${FORMAT_LABELS[format]}`;
  const location = vscode.ProgressLocation.Notification;
  return vscode.window.withProgress({ location, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const step = percentSteps();
    const onProgress = (p: ExportProgress): void =>
      progress.report({ increment: step(p.total > 0 ? p.events / p.total : 1), message: exportProgressText(p) });
    const options: HarExportOptions = {
      sanitize,
      redactor: redactorFor(session),
      signal: controller.signal,
      onProgress,
      creator: { name: 'Realtime Inspector', version: ctx.version },
    };
    try {
      return await exportToFile(file, (sink) =>
        format === 'har' ? exportHar(session, sink, options) : exportJsonl(session, sink, options),
      );
    } catch (error) {
      return failedExport(error);
    } finally {
      cancel.dispose();
    }
  });
}

interface ExportJob {
  session: Session;
  format: ExchangeFormat;
  file: string;
  sanitize: boolean;
}

/** Says how it went: the file with Reveal and Open, nothing for a cancel, our words and the code for a failure. */
function report(ctx: ExchangeContext, job: ExportJob, outcome: ExportOutcome): ExportSummary | undefined {
  const { session, format, file } = job;
  const name = path.basename(file);
  const what = `${FORMAT_LABELS[format]}${job.sanitize ? '' : ' (unsanitized)'}`;
  if (outcome.ok) {
    ctx.log.info(`[${session.id}] exported ${outcome.events} events as ${what} to ${file}`);
    offerFile(ctx, exportDoneText(name, outcome.events), vscode.Uri.file(file));
    return { file, events: outcome.events, written: outcome.written };
  }
  if (outcome.cancelled) {
    ctx.log.info(`[${session.id}] the export as ${what} was cancelled; no file was written`);
    return undefined;
  }
  ctx.log.warn(`[${session.id}] the export to ${file} failed: ${outcome.error.code} ${outcome.error.message}`);
  void vscode.window
    .showErrorMessage(exportFailedText(format, name, outcome.error.code), 'Show Log')
    .then((choice) => (choice ? ctx.log.show() : undefined));
  return undefined;
}

/** The success notification: Reveal in Explorer (VS Code's, inside the workspace; the system's otherwise), Open. */
function offerFile(ctx: ExchangeContext, text: string, uri: vscode.Uri): void {
  const reveal = 'Reveal in Explorer';
  const open = 'Open';
  vscode.window
    .showInformationMessage(text, reveal, open)
    .then((choice) => {
      if (choice === reveal) {
        const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
        return vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', uri);
      }
      return choice === open ? vscode.commands.executeCommand('vscode.open', uri) : undefined;
    })
    .then(undefined, (error: unknown) => ctx.log.warn(`Showing the exported file failed: ${describeThrown(error)}`));
}
