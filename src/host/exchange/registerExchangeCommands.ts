/**
 * Export and import (issue 10): registers Export Session as HAR…, Export Session as JSON Lines…, Import Session
 * (HAR or JSON Lines)… and the panel's Export… behind one disposable.
 */
import * as vscode from 'vscode';
import type { SessionContext } from '../commands/pickSession';
import type { OutputLog } from '../outputLog';
import { EXCHANGE_COMMANDS } from './exchangeCommandIds';
import type { ExchangeContext } from './exchangeContext';
import { exportFromPanel, exportSession } from './exportCommand';
import { importSession } from './importCommand';

/** Registers the commands; the caller puts the result into `context.subscriptions`. */
export function registerExchangeCommands(
  context: vscode.ExtensionContext,
  deps: SessionContext & { log: OutputLog },
): vscode.Disposable {
  const version: unknown = context.extension.packageJSON?.version;
  const ctx: ExchangeContext = { ...deps, version: typeof version === 'string' ? version : 'dev' };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(EXCHANGE_COMMANDS.exportHar, (arg?: unknown) => exportSession(ctx, 'har', arg)),
    vscode.commands.registerCommand(EXCHANGE_COMMANDS.exportJsonl, (arg?: unknown) => exportSession(ctx, 'jsonl', arg)),
    vscode.commands.registerCommand(EXCHANGE_COMMANDS.exportFromPanel, (arg?: unknown) => exportFromPanel(ctx, arg)),
    vscode.commands.registerCommand(EXCHANGE_COMMANDS.importSession, (arg?: unknown) => importSession(ctx, arg)),
  );
}
