/**
 * Creates sessions and their panels, and tears them down together: closing a panel closes its
 * session and removes it from the registry. Reconnect and Retry go through here too.
 *
 * Reconnect (from the panel) opens a new session with the same options in a new panel beside the
 * old one, which stays open so the two logs can be compared. Retry (from a failed-connection
 * notification) replaces the failed session's panel, since a session that never opened has
 * nothing worth keeping beside its error rows.
 */
import * as vscode from 'vscode';
import { formatIssues } from '../core/connection/connectionOptions';
import { SpillingEventLog } from '../core/events/store/spillingEventLog';
import { createSession } from '../core/session/createSession';
import type { Session } from '../core/session/session';
import { redactUrlsInText } from '../core/redaction/urlRedaction';
import { inert } from './notificationText';
import { describeThrown, type OutputLog } from './outputLog';
import { PanelController } from './panel/panelController';
import type { SessionRegistry } from './sessionRegistry';
import { redactorFor } from './sessionRedaction';
import { readLogBudgets } from './settings';
import { watchSession } from './sessionWatcher';

export type LaunchResult = { ok: true; session: Session } | { ok: false; message: string };

export class SessionLauncher implements vscode.Disposable {
  private readonly controllers = new Map<string, PanelController>();
  /** One close per session, however many owners ask for it. */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: SessionRegistry,
    private readonly log: OutputLog,
    /** Where session logs spill past their memory budget (the extension's global storage); none: memory only. */
    private readonly logStorageDir?: string,
  ) {}

  /** Validates the options, creates the session and its panel, and starts connecting (not awaited). */
  open(options: unknown, viewColumn?: vscode.ViewColumn): LaunchResult {
    // Every event is kept: the newest in memory, the rest spilled to the extension's storage (issue #9).
    const budgets = readLogBudgets();
    const created = createSession(options, {
      logFactory: () => new SpillingEventLog({ dir: this.logStorageDir, ...budgets }),
    });
    if (!created.ok) return { ok: false, message: formatIssues(created.issues) };
    const session = created.value;
    this.registry.add(session);
    const watcher = watchSession(session, this.log, { retry: (s) => this.retry(s), showLog: () => this.log.show() });
    let controller: PanelController;
    try {
      controller = new PanelController(session, {
        extensionUri: this.extensionUri,
        log: this.log,
        viewColumn,
        reconnect: (s) => this.reconnect(s),
        onDidFocus: (s) => this.registry.setActive(s.id),
      });
    } catch (error) {
      this.log.error(`[${session.id}] could not open the panel: ${describeThrown(error)}`);
      watcher.dispose();
      this.registry.remove(session.id);
      session.dispose();
      return { ok: false, message: 'The session panel could not be opened (details in the Realtime Inspector log).' };
    }
    this.controllers.set(session.id, controller);
    controller.onDidDispose(() => {
      watcher.dispose();
      this.controllers.delete(session.id);
      this.registry.remove(session.id);
      void this.closeAndDispose(session);
    });
    this.log.info(`[${session.id}] connecting to ${redactorFor(session).url(session.options.url)}`);
    void session.start().then(
      (state) => this.log.debug(`[${session.id}] start finished: ${state}`),
      (error: unknown) => this.log.error(`[${session.id}] start failed: ${describeThrown(error)}`),
    );
    return { ok: true, session };
  }

  panelFor(id: string): vscode.WebviewPanel | undefined {
    return this.controllers.get(id)?.panel;
  }

  controllerFor(id: string): PanelController | undefined {
    return this.controllers.get(id);
  }

  /** The session whose panel is the active editor, if any. */
  activePanelSession(): Session | undefined {
    for (const controller of this.controllers.values()) if (controller.panel.active) return controller.session;
    return undefined;
  }

  /** A new session with the same options, in a new panel; the old panel stays (see the file comment). */
  reconnect(old: Session): void {
    if (old.info.state === 'open' || old.info.state === 'connecting') void old.close();
    this.report(this.open(old.options, this.controllers.get(old.id)?.panel.viewColumn));
  }

  /** A new session with the same options, replacing the failed session's panel. */
  retry(old: Session): void {
    const column = this.controllers.get(old.id)?.panel.viewColumn;
    this.controllers.get(old.id)?.dispose();
    this.report(this.open(old.options, column));
  }

  /** Closes every session (deactivate). */
  async closeAll(): Promise<void> {
    for (const controller of [...this.controllers.values()]) controller.dispose();
    await Promise.all(this.closing.values());
  }

  dispose(): void {
    void this.closeAll();
  }

  private report(result: LaunchResult): void {
    if (result.ok) return;
    const message = redactUrlsInText(result.message);
    this.log.warn(`Reconnect refused: ${message}`);
    void vscode.window.showErrorMessage(`Cannot reconnect: ${inert(message, 300)}`);
  }

  private closeAndDispose(session: Session): Promise<void> {
    const existing = this.closing.get(session.id);
    if (existing) return existing;
    const done = (async () => {
      try {
        await session.close();
        session.dispose();
        // The log's spilled files go with it.
        session.log.dispose();
      } catch (error) {
        this.log.warn(`[${session.id}] close failed: ${describeThrown(error)}`);
      } finally {
        this.closing.delete(session.id);
      }
    })();
    this.closing.set(session.id, done);
    return done;
  }
}
