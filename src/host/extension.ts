/**
 * Entry point: registers the commands, the status bar item and the output channel, and returns a
 * small API for tests. Everything registered goes into `context.subscriptions` (style.md rule 8).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { removeOrphanedLogFolders } from '../core/events/store/segmentFiles';
import { disposeQueryRunner } from '../core/query/queryRunner';
import type { Session } from '../core/session/session';
import { registerConnectCommand } from './commands/connectCommand';
import { registerDisconnectCommand } from './commands/disconnectCommand';
import { registerSendMessageCommand } from './commands/sendMessageCommand';
import { registerCompareCommand } from './compare/compareCommand';
import { registerExchangeCommands } from './exchange/registerExchangeCommands';
import { registerDiagnosticsCommand } from './hostLagMonitor';
import { createOutputLog } from './outputLog';
import { registerMessageBooks } from './messageBooks/registerMessageBooks';
import { registerPayloadDocuments } from './payloadDocuments';
import { SessionLauncher } from './sessionLauncher';
import { registerProfiles } from './profiles/profilesFeature';
import { SessionRegistry } from './sessionRegistry';
import { FOCUS_SESSION_COMMAND, SessionStatusBar } from './statusBar';
import { createTestingApi, type TestingApi } from './testingApi';

/** What `activate` returns: for integration tests and other extensions. */
export interface RealtimeInspectorApi {
  /** Open sessions, in the order they were opened. */
  sessions(): readonly Session[];
  getSession(id: string): Session | undefined;
  panelFor(id: string): vscode.WebviewPanel | undefined;
  /** Where VS Code keeps this extension's log files (the output channel's file is under it). */
  readonly logUri: vscode.Uri;
  /** What the extension keeps in globalState, for tests that check nothing secret is stored. */
  storedState(): Record<string, unknown>;
  /** Only when VS Code runs the extension for its tests (ExtensionMode.Test). */
  testing?: TestingApi;
}

let launcher: SessionLauncher | undefined;

export function activate(context: vscode.ExtensionContext): RealtimeInspectorApi {
  const log = createOutputLog();
  const registry = new SessionRegistry();
  const logStorageDir = path.join(context.globalStorageUri.fsPath, 'session-logs');
  // Logs of windows that crashed or were killed are not anybody's any more.
  removeOrphanedLogFolders(logStorageDir);
  const sessionLauncher = new SessionLauncher(context.extensionUri, registry, log, logStorageDir);
  launcher = sessionLauncher;
  const sessions = { registry, launcher: sessionLauncher };
  const profiles = registerProfiles(context, { ...sessions, log });
  context.subscriptions.push(
    log,
    registry,
    sessionLauncher,
    profiles,
    new SessionStatusBar(registry),
    registerConnectCommand({
      launcher: sessionLauncher,
      log,
      globalState: context.globalState,
      saveAs: profiles.saveAs,
    }),
    registerCompareCommand({ extensionUri: context.extensionUri, log }),
    registerDiagnosticsCommand(),
    registerDisconnectCommand(sessions),
    registerSendMessageCommand({ ...sessions, log }),
    registerMessageBooks(context, { ...sessions, log }),
    registerExchangeCommands(context, { ...sessions, log }),
    // A panel's session first: it outlives the registry entry of a closed session.
    registerPayloadDocuments((id) => sessionLauncher.controllerFor(id)?.session ?? registry.get(id)),
    vscode.commands.registerCommand('realtimeInspector.showLog', () => log.show()),
    vscode.commands.registerCommand(FOCUS_SESSION_COMMAND, (id?: unknown) => {
      if (typeof id === 'string') sessionLauncher.controllerFor(id)?.reveal();
    }),
  );
  return {
    sessions: () => registry.all(),
    getSession: (id) => registry.get(id),
    panelFor: (id) => sessionLauncher.panelFor(id),
    logUri: context.logUri,
    storedState: () => Object.fromEntries(context.globalState.keys().map((key) => [key, context.globalState.get(key)])),
    testing:
      context.extensionMode === vscode.ExtensionMode.Test
        ? createTestingApi(profiles.testing, (id) => sessionLauncher.controllerFor(id)?.session ?? registry.get(id))
        : undefined,
  };
}

/** Closes every session; VS Code waits for the returned promise (briefly). */
export function deactivate(): Promise<void> | undefined {
  const closing = launcher?.closeAll();
  launcher = undefined;
  disposeQueryRunner();
  return closing;
}
