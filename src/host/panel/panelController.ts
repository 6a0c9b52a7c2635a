/**
 * One panel for one session. Owns the WebviewPanel and every listener it registers; answers the
 * webview's requests from the session's EventLog (pages of the view it shows, issue #9), and pushes
 * ranges, tail rows and header changes in batches (never one postMessage per event), only while the
 * webview is ready and shown. A hidden webview stays alive and is brought up to date when shown again; one
 * that was reloaded says `webview/ready` again, with the view it had, and gets a fresh snapshot (style.md
 * rule 3).
 */
import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import { DisposableStore } from '../../core/disposable';
import { warmQueryRunner } from '../../core/query/queryRunner';
import type { Redactor } from '../../core/redaction/secretRedactor';
import { ReconnectingSession } from '../../core/reconnect/reconnectingSession';
import type { Session } from '../../core/session/session';
import { shortUrl } from '../../core/view/sessionProjection';
import type { SessionInfoDto } from '../../shared/dto';
import { APPEND_FLUSH_MS, type HostToWebview, type WebviewToHost } from '../../shared/protocol';
import { describeThrown, type OutputLog } from '../outputLog';
import { redactorFor } from '../sessionRedaction';
import { exportForPanel } from '../exchange/panelExportRequest';
import { renderPanelHtml } from './panelHtml';
import { HeaderRates } from './headerRates';
import { openPayloadForPanel } from './panelPayload';
import { PanelViews } from './panelViews';
import { failAsyncRequest, receiveWebviewMessage, type PanelRequestDeps } from './panelRequests';
import { actionUnavailable, type LogActionHandler } from './panelLogActions';
import { replayForPanel, sendForPanel } from './panelSends';
import { RowBatcher, type BatchTimer } from './rowBatcher';
import { SessionView } from './sessionView';

/** The webview panel type id (used for the panel's view state and by tests). */
export const PANEL_VIEW_TYPE = 'realtimeInspector.session';

export interface PanelControllerDeps {
  extensionUri: vscode.Uri;
  log: OutputLog;
  /** The panel asked to reconnect: open a new session with these options. */
  reconnect(session: Session): void;
  /** The panel became the active editor. */
  onDidFocus(session: Session): void;
  /** Edit and send, Save to message book, Replay range… (the message-book feature). */
  logAction?: LogActionHandler;
  viewColumn?: vscode.ViewColumn;
  /** The tab's title (default `⚡ host/path`; an imported session's is `Imported: <file name>`). */
  title?: string;
  timer?: BatchTimer;
  /** Wall clock for the traffic rates (ms). */
  now?: () => number;
}

export class PanelController implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly store = new DisposableStore();
  private readonly views: PanelViews;
  private readonly rates: HeaderRates;
  /** What taking in the webview's messages needs (panelRequests.ts). */
  private readonly requestDeps: PanelRequestDeps;
  private readonly changes: RowBatcher<true>;
  /** A header post booked for when the rates have settled (traffic stopped). */
  private readonly disposed = new vscode.EventEmitter<void>();
  private ready = false;
  private hidden = false;
  private isDisposed = false;
  /** What the panel is shown, credentials masked (issue #7). */
  private readonly view: SessionView;
  private readonly redactor: Redactor;

  private readonly now: () => number;

  /** Fired once, when the panel is closed by the user or disposed by code. */
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly session: Session,
    private readonly deps: PanelControllerDeps,
  ) {
    this.now = deps.now ?? (() => Date.now());
    this.requestDeps = { sessionId: session.id, log: deps.log, reply: (message) => this.reply(message) };
    this.redactor = redactorFor(session);
    this.view = new SessionView(session, this.redactor);
    const roots = [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')];
    this.panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      deps.title ?? `⚡ ${this.redactor.text(shortUrl(session.options.url))}`,
      deps.viewColumn ?? vscode.ViewColumn.Active,
      {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: roots,
        // Kept alive while another tab is in front (issue #9: a tab switch back to a session of a million events
        // took 1.5 s to reload the webview). It holds a page and a small cache, so the memory this keeps is small;
        // while hidden it gets nothing, and one batch brings it up to date when it is shown again.
        retainContextWhenHidden: true,
      },
    );
    const timer = deps.timer ?? systemClock;
    const onFlushError = (error: unknown): void =>
      deps.log.error(`Panel ${session.id}: flush failed: ${describeThrown(error)}`);
    this.views = this.store.add(
      new PanelViews({
        log: session.log,
        rows: (events) => this.view.rows(events),
        timer,
        post: (message) => this.post(message),
        onFlushError,
      }),
    );
    this.rates = this.store.add(new HeaderRates(timer, this.now, () => this.live && this.changes.push(true)));
    this.changes = this.store.add(
      new RowBatcher<true>({
        intervalMs: APPEND_FLUSH_MS,
        maxPerChunk: Number.MAX_SAFE_INTEGER,
        timer,
        onFlushError,
        flush: () => this.postChanged(),
      }),
    );

    // The filter's regular expressions run in a worker: started now, so the first query does not wait for it.
    void warmQueryRunner();
    this.listen();
    this.panel.webview.html = renderPanelHtml(this.panel.webview, deps.extensionUri, this.panel.title);
  }

  /** Brings the panel to the front. */
  reveal(): void {
    if (!this.isDisposed) this.panel.reveal();
  }

  /** Asks the composer to take focus (when the webview is ready). */
  focusComposer(): void {
    this.reveal();
    // The webview is kept alive while hidden: it takes the focus request even before it is shown.
    if (this.ready) this.reply({ type: 'composer/focus' });
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.ready = false;
    this.store.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  // ---- webview → host ----------------------------------------------------------------------

  private handle(message: WebviewToHost): void {
    switch (message.type) {
      case 'webview/ready':
        this.ready = true;
        this.sendSnapshot(message);
        return;
      case 'events/getPage':
        this.reply(this.views.page(message.requestId, message.view, message.from, message.limit));
        return;
      case 'events/locate':
        this.views.locate(message.requestId, message.view, message.seq).then(
          (reply) => this.reply(reply),
          (error: unknown) => failAsyncRequest(message, error, this.requestDeps),
        );
        return;
      case 'events/query':
        this.reply(this.views.query(message.requestId, message.spec));
        return;
      case 'view/follow':
        this.views.setFollowing(message.following);
        return;
      case 'events/getDetails':
        this.replyDetails(message.requestId, message.seq, message.reveal === true);
        return;
      case 'events/openPayload':
        void openPayloadForPanel(this.session, message.requestId, message.seq, this.deps.log).then((reply) =>
          this.reply(reply),
        );
        return;
      case 'composer/send':
        this.reply(sendForPanel(this.session, message.requestId, message.request, this.logRefusal));
        return;
      case 'events/replay':
        this.reply(replayForPanel(this.session, message.requestId, message.seq, this.logRefusal));
        return;
      case 'events/editAndSend':
      case 'events/saveToBook':
      case 'events/replayRange':
        this.reply(this.deps.logAction?.(this.session, message) ?? actionUnavailable(message.requestId));
        return;
      case 'session/disconnect':
        void this.session.close();
        return;
      case 'session/reconnect':
        this.deps.reconnect(this.session);
        return;
      case 'session/retryNow':
        if (this.session instanceof ReconnectingSession) this.session.retryNow();
        return;
      case 'session/cancelReconnect':
        if (this.session instanceof ReconnectingSession) this.session.cancelReconnect();
        return;
      case 'session/export':
        exportForPanel(this.session.id, this.deps.log);
        return;
    }
  }

  private replyDetails(requestId: number, seq: number, reveal: boolean): void {
    const event = this.session.log.get(seq);
    this.reply({ type: 'events/details', requestId, details: event ? this.view.details(event, reveal) : null });
  }

  /** The webview's messages, the panel's state, and the session's events and changes. */
  private listen(): void {
    this.store.add(
      this.panel.webview.onDidReceiveMessage((raw: unknown) =>
        receiveWebviewMessage(raw, this.requestDeps, (message) => this.handle(message)),
      ),
    );
    this.store.add(this.panel.onDidChangeViewState((e) => this.onViewState(e.webviewPanel)));
    this.store.add(this.panel.onDidDispose(() => this.dispose()));
    this.store.add(
      this.session.log.onAppend((event) => {
        if (this.view.track(event) && this.live) this.changes.push(true);
        if (this.live) this.views.noteAppended();
      }),
    );
    this.store.add(
      this.session.onDidChange((info) => {
        this.rates.note(info);
        if (this.live) this.changes.push(true);
      }),
    );
  }

  /** A refused send, for the output channel (credentials masked). */
  private readonly logRefusal = (line: string): void => this.deps.log.info(this.redactor.text(line));

  private onViewState(panel: vscode.WebviewPanel): void {
    // A hidden webview (kept alive) gets no batches; shown again, one batch brings its range, tail and header
    // up to date. A webview that was reloaded (a window reload) says ready again and gets a snapshot instead.
    if (!panel.visible && !this.hidden) {
      this.hidden = true;
      this.views.pause();
      this.changes.clear();
    } else if (panel.visible && this.hidden) {
      this.hidden = false;
      if (this.ready) {
        this.views.noteAppended();
        this.changes.push(true);
      }
    }
    if (panel.active) this.deps.onDidFocus(this.session);
  }

  /** Whether batches go out: the webview said ready and is shown. */
  private get live(): boolean {
    return this.ready && !this.hidden;
  }

  // ---- host → webview ----------------------------------------------------------------------

  private sendSnapshot(ready: Extract<WebviewToHost, { type: 'webview/ready' }>): void {
    // The snapshot covers everything appended so far: queued batches would be duplicates.
    this.changes.clear();
    const parts = this.views.snapshotParts(ready.spec, ready.following ?? true);
    this.post({ type: 'session/snapshot', session: this.headerWithRates(), ...parts });
  }

  private postChanged(): void {
    this.post({ type: 'session/changed', session: this.headerWithRates() });
  }

  /** The header with the rates sampled now (headerRates.ts books one more while they move). */
  private headerWithRates(): SessionInfoDto {
    return this.view.header(this.rates.sample(this.session.info));
  }

  /** Batched and pushed messages: only while the webview is ready. */
  private post(message: HostToWebview): void {
    if (this.live) this.reply(message);
  }

  /** Replies to a request: the webview just spoke, so it is alive even if it never said ready. */
  private reply(message: HostToWebview): void {
    if (this.isDisposed) return;
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.deps.log.warn(`Panel ${this.session.id}: postMessage failed: ${describeThrown(error)}`);
    });
  }
}
