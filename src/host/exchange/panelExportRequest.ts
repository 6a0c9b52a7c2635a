/** The panel's Export… button (issue 10): runs the export command for that panel's session. */
import * as vscode from 'vscode';
import { describeThrown, type OutputLog } from '../outputLog';
import { EXCHANGE_COMMANDS } from './exchangeCommandIds';

/** Asks for the format and exports session `sessionId` (the command reports its own outcome). Never throws. */
export function exportForPanel(sessionId: string, log: OutputLog): void {
  vscode.commands
    .executeCommand(EXCHANGE_COMMANDS.exportFromPanel, { sessionId })
    .then(undefined, (error: unknown) => log.error(`Panel ${sessionId}: export failed: ${describeThrown(error)}`));
}
