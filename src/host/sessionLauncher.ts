/**
 * Creates sessions and their panels, and tears them down together: closing a panel closes its
 * session and removes it from the registry. Reconnect and Retry go through here too.
 *
 * Reconnect (from the panel) opens a new session with the same options in a new panel beside the
 * old one, which stays open so the two logs can be compared. Retry (from a failed-connection
 * notification) replaces the failed session's panel, since a session that never opened has
 * nothing worth keeping beside its error rows. Both open a profile's session from its profile again (issue 12),
 * so a pin, a secret or a proxy changed since counts; other sessions reopen with their old options and origin.
 */
import * as vscode from 'vscode';
import { formatIssues } from '../core/connection/connectionOptions';
import type { EventLog } from '../core/events/eventLog';
import type { ErrorMeta } from '../core/events/logEvent';
import { SpillingEventLog } from '../core/events/store/spillingEventLog';
import type { ImportedSession } from '../core/exchange/importedSession';
import { createSession } from '../core/session/createSession';
import type { Session } from '../core/session/session';
import { redactUrlsInText } from '../core/redaction/urlRedaction';
import { bindNetwork, networkForOptions, releaseNetwork } from './network/sessionNetwork';
import { inert } from './notificationText';
import { describeThrown, type OutputLog } from './outputLog';
import { PanelController, type PanelControllerDeps } from './panel/panelController';
import { actionUnavailable, type LogActionHandler } from './panel/panelLogActions';
import type { SessionRegistry } from './sessionRegistry';
import type { ProfileRef, SessionOrigin } from './sessionOrigin';
import { reconnectRandom } from './reconnectDraw';
import { redactorFor, setSessionSecrets } from './sessionRedaction';
import { readLogBudgets } from './settings';
import { watchSession } from './sessionWatcher';

const PANEL_FAILED = 'The session panel could not be opened (details in the Realtime Inspector log).';

/**
 * Opens a profile's session again from the profile, resolved anew (issue 12: a pin or a secret changed since
 * counts), in `viewColumn`: the new session's id, or undefined (cancelled, or already reported).
 */
export type ProfileReopener = (
  ref: ProfileRef,
  viewColumn: vscode.ViewColumn | undefined,
) => Promise<string | undefined>;

/** Handles a session's failure before open itself (true), or leaves the generic notification to the watcher. */
export type ConnectFailureHandler = (session: Session, error: ErrorMeta) => boolean;

export type LaunchResult = { ok: true; session: Session } | { ok: false; message: string };

export class SessionLauncher implements vscode.Disposable {
  private readonly controllers = new Map<string, PanelController>();
  /** One close per session, however many owners ask for it. */
  private readonly closing = new Map<string, Promise<void>>();
  /** The panels' row actions (Edit and send, Save to message book, Replay range…), when a feature handles them. */
  private logActions: LogActionHandler | undefined;
  /** Takes over a failed connection's notification when it returns true (issue 12). */
  private connectFailed: ConnectFailureHandler | undefined;
  /** Reopens a profile's session from its profile (Retry, Reconnect); absent: with the old options. */
  private reopenProfile: ProfileReopener | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: SessionRegistry,
    private readonly log: OutputLog,
    /** Where session logs spill past their memory budget (the extension's global storage); none: memory only. */
    private readonly logStorageDir?: string,
  ) {}

  /**
   * Validates the options, creates the session and its panel, and starts connecting (not awaited). `origin`:
   * the profile that opened it and its secret values (masked everywhere the session is shown).
   */
  open(options: unknown, viewColumn?: vscode.ViewColumn, origin?: SessionOrigin): LaunchResult {
    // Every event is kept: the newest in memory, the rest spilled to the extension's storage (issue #9).
    // A profile's reconnect policy (issue 12) makes one session of every attempt, on one log.
    // Its connections go through the proxy of the settings, the environment or the profile (issue 12).
    const network = networkForOptions(options, { proxy: origin?.proxy, tls: origin?.tls });
    const created = createSession(options, {
      logFactory: this.logFactory,
      reconnect: origin?.reconnect,
      reconnectRandom: reconnectRandom(),
      network,
    });
    if (!created.ok) {
      network?.dispose();
      return { ok: false, message: formatIssues(created.issues) };
    }
    const session = created.value;
    bindNetwork(session, network);
    setSessionSecrets(session, origin?.secretValues ?? []);
    this.registry.add(session, origin);
    const watcher = watchSession(session, this.log, {
      retry: (s) => this.retry(s),
      showLog: () => this.log.show(),
      connectFailed: (s, error) => this.connectFailed?.(s, error) ?? false,
    });
    if (!this.attachPanel(session, { viewColumn, reconnect: (s) => this.reconnect(s) }, watcher)) {
      watcher.dispose();
      this.registry.remove(session.id);
      session.dispose();
      releaseNetwork(session);
      return { ok: false, message: PANEL_FAILED };
    }
    this.log.info(`[${session.id}] connecting to ${redactorFor(session).url(session.options.url)}`);
    void session.start().then(
      (state) => this.log.debug(`[${session.id}] start finished: ${state}`),
      (error: unknown) => this.log.error(`[${session.id}] start failed: ${describeThrown(error)}`),
    );
    return { ok: true, session };
  }

  /**
   * Every session's log, a live one's or an imported one's: the newest events in memory, the rest spilled to the
   * extension's storage (issue #9), within the budgets of the settings.
   */
  readonly logFactory = (): EventLog => new SpillingEventLog({ dir: this.logStorageDir, ...readLogBudgets() });

  /**
   * Shows a session read from a file (issue 10) in a panel titled `title`: registered like a live one, nothing to
   * start or reconnect; closing the panel disposes its log. On failure the log is disposed here.
   */
  openImported(session: ImportedSession, title: string): LaunchResult {
    this.registry.add(session);
    const offline = (): void => this.log.info(`[${session.id}] an imported session cannot reconnect`);
    if (!this.attachPanel(session, { title, reconnect: offline })) {
      this.registry.remove(session.id);
      session.log.dispose();
      return { ok: false, message: PANEL_FAILED };
    }
    this.log.info(`[${session.id}] imported: ${session.log.count} events`);
    return { ok: true, session };
  }

  /** Who takes over a failed connection's notification (the certificate trust offer), until disposed. */
  setConnectFailureHandler(handler: ConnectFailureHandler): vscode.Disposable {
    this.connectFailed = handler;
    return new vscode.Disposable(() => {
      if (this.connectFailed === handler) this.connectFailed = undefined;
    });
  }

  /** Who reopens a profile's session from its profile (the profiles feature), until disposed. */
  setProfileReopener(reopener: ProfileReopener): vscode.Disposable {
    this.reopenProfile = reopener;
    return new vscode.Disposable(() => {
      if (this.reopenProfile === reopener) this.reopenProfile = undefined;
    });
  }

  /** Who answers the panels' row actions, until the returned disposable is disposed. */
  setLogActions(handler: LogActionHandler): vscode.Disposable {
    this.logActions = handler;
    return new vscode.Disposable(() => {
      if (this.logActions === handler) this.logActions = undefined;
    });
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

  /** A new session (a profile's: from its profile again), in a new panel; the old panel stays (file comment). */
  reconnect(old: Session): void {
    if (old.info.state === 'open' || old.info.state === 'connecting') void old.close();
    const origin = this.registry.originOf(old.id);
    const column = this.controllers.get(old.id)?.panel.viewColumn;
    if (origin?.profile && this.reopenProfile) void this.reopen(old, origin.profile, column);
    else this.report(this.open(old.options, column, origin));
  }

  /**
   * A new session with the same options, replacing the failed session's panel. A profile's session is opened
   * from its profile again: a certificate pinned after the failure is then used (issue 12).
   */
  retry(old: Session): void {
    const column = this.controllers.get(old.id)?.panel.viewColumn;
    const origin = this.registry.originOf(old.id);
    if (origin?.profile && this.reopenProfile) {
      // The failed panel goes once the new one is there: a profile deleted or refused meanwhile keeps it.
      void this.reopen(old, origin.profile, column).then((id) => id && this.controllers.get(old.id)?.dispose());
      return;
    }
    this.controllers.get(old.id)?.dispose();
    this.report(this.open(old.options, column, origin));
  }

  /** Closes every session (deactivate). */
  async closeAll(): Promise<void> {
    for (const controller of [...this.controllers.values()]) controller.dispose();
    await Promise.all(this.closing.values());
  }

  dispose(): void {
    void this.closeAll();
  }

  /** The profile's session opened again (its problems are reported by the reopener); never rejects. */
  private async reopen(
    old: Session,
    ref: ProfileRef,
    column: vscode.ViewColumn | undefined,
  ): Promise<string | undefined> {
    try {
      return await this.reopenProfile?.(ref, column);
    } catch (error) {
      this.log.error(`[${old.id}] could not reopen from its profile: ${describeThrown(error)}`);
      return undefined;
    }
  }

  private report(result: LaunchResult): void {
    if (result.ok) return;
    const message = redactUrlsInText(result.message);
    this.log.warn(`Reconnect refused: ${message}`);
    void vscode.window.showErrorMessage(`Cannot reconnect: ${inert(message, 300)}`);
  }

  /** Opens the session's panel; closing it disposes `owned` and closes and disposes the session with its log. */
  private attachPanel(
    session: Session,
    view: Pick<PanelControllerDeps, 'viewColumn' | 'title' | 'reconnect'>,
    owned?: vscode.Disposable,
  ): boolean {
    let controller: PanelController;
    try {
      controller = new PanelController(session, {
        ...view,
        extensionUri: this.extensionUri,
        log: this.log,
        onDidFocus: (s) => this.registry.setActive(s.id),
        logAction: (s, message) => this.logActions?.(s, message) ?? actionUnavailable(message.requestId),
      });
    } catch (error) {
      this.log.error(`[${session.id}] could not open the panel: ${describeThrown(error)}`);
      return false;
    }
    this.controllers.set(session.id, controller);
    controller.onDidDispose(() => {
      owned?.dispose();
      this.controllers.delete(session.id);
      this.registry.remove(session.id);
      void this.closeAndDispose(session);
    });
    return true;
  }

  private closeAndDispose(session: Session): Promise<void> {
    const existing = this.closing.get(session.id);
    if (existing) return existing;
    const done = (async () => {
      try {
        await session.close();
        session.dispose();
        releaseNetwork(session);
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
