/**
 * The "Realtime Inspector" LogOutputChannel: where details go (error codes, library messages,
 * dropped webview messages), so that notifications can stay short and free of stack traces
 * (style.md rule 7).
 */
import * as vscode from 'vscode';

export type OutputLog = vscode.LogOutputChannel;

/** Creates the channel; the caller registers it for disposal. */
export function createOutputLog(): OutputLog {
  return vscode.window.createOutputChannel('Realtime Inspector', { log: true });
}

/** One line for an unknown thrown value: the message, never the stack. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
