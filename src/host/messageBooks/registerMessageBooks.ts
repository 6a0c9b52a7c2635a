/**
 * Sending from the editor (issue 10), wired together: Send Selection and Send File; message books with their
 * CodeLenses (Send, Send all, the target session), diagnostics, outline and folding; and the panels' row
 * actions (Edit and send, Save to message book, Replay range…). Everything it creates is one disposable.
 */
import * as vscode from 'vscode';
import { createLogActions } from '../logActions/logActions';
import { registerSendTextCommands } from '../editorSend/sendTextCommands';
import type { OutputLog } from '../outputLog';
import { ProfileSecrets } from '../profiles/profileSecrets';
import type { SessionLauncher } from '../sessionLauncher';
import type { SessionRegistry } from '../sessionRegistry';
import { BookCache } from './bookCache';
import { registerBookDiagnostics } from './bookDiagnostics';
import { registerBookLenses } from './bookLenses';
import { registerBookOutline } from './bookOutline';
import { BookSecrets } from './bookSecrets';
import { registerBookSendCommands } from './bookSendCommands';
import { BookTarget } from './bookTarget';

export interface MessageBooksDeps {
  registry: SessionRegistry;
  launcher: SessionLauncher;
  log: OutputLog;
}

/** Registers everything; the caller disposes the result. */
export function registerMessageBooks(context: vscode.ExtensionContext, deps: MessageBooksDeps): vscode.Disposable {
  const cache = new BookCache();
  const target = new BookTarget(deps.registry);
  // The store profiles use: a secret of the same name serves both.
  const secrets = new BookSecrets(new ProfileSecrets(context.secrets));
  const sendDeps = { registry: deps.registry, cache, target, secrets, log: deps.log };
  return vscode.Disposable.from(
    cache,
    target,
    registerSendTextCommands(deps),
    registerBookDiagnostics(cache),
    registerBookOutline(cache),
    registerBookLenses(cache, target),
    registerBookSendCommands(sendDeps),
    deps.launcher.setLogActions(createLogActions({ target, log: deps.log })),
  );
}
