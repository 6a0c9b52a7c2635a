/**
 * One panel for one session. Owns the WebviewPanel and every listener it registers; answers the
 * webview's requests from the session's EventLog, and pushes appended rows and header changes in
 * batches (never one postMessage per event), only while the webview is ready. A webview that was
 * hidden or reloaded says `webview/ready` again and gets a fresh snapshot (style.md rule 3).
 */
import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import { DisposableStore } from '../../core/disposable';
import { ErrorCode } from '../../core/errors';
import type { LogEvent } from '../../core/events/logEvent';
import type { Redactor } from '../../core/redaction/secretRedactor';
import type { Session } from '../../core/session/session';
import { replayRequestOf } from '../../core/view/eventProjection';
import { shortUrl } from '../../core/view/sessionProjection';
import {
  APPEND_FLUSH_MS,
  MAX_ROWS_PER_MESSAGE,
  type HostToWebview,
  type RequestErrorDto,
  type WebviewToHost,
} from '../../shared/protocol';
import type { SendRequest } from '../../core/session/sendRequest';
import { failedRequestReply, parseWebviewMessage } from './webviewMessages';
import { describeThrown, type OutputLog } from '../outputLog';
import { redactorFor } from '../sessionRedaction';
import { renderPanelHtml } from './panelHtml';
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
  viewColumn?: vscode.ViewColumn;
  timer?: BatchTimer;
}

export class PanelController implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly store = new DisposableStore();
  private readonly rows: RowBatcher<LogEvent>;
  private readonly changes: RowBatcher<true>;
  private readonly disposed = new vscode.EventEmitter<void>();
  private ready = false;
  private isDisposed = false;
  /** What the panel is shown, credentials masked (issue #7). */
  private readonly view: SessionView;
  private readonly redactor: Redactor;

  /** Fired once, when the panel is closed by the user or disposed by code. */
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly session: Session,
    private readonly deps: PanelControllerDeps,
  ) {
    this.redactor = redactorFor(session);
    this.view = new SessionView(session, this.redactor);
    const roots = [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')];
    this.panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      `⚡ ${shortUrl(session.options.url)}`,
      deps.viewColumn ?? vscode.ViewColumn.Active,
      {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: roots,
        retainContextWhenHidden: false,
      },
    );
    const timer = deps.timer ?? systemClock;
    const onFlushError = (error: unknown): void =>
      deps.log.error(`Panel ${session.id}: flush failed: ${describeThrown(error)}`);
    this.rows = this.store.add(
      new RowBatcher<LogEvent>({
        intervalMs: APPEND_FLUSH_MS,
        maxPerChunk: MAX_ROWS_PER_MESSAGE,
        timer,
        onFlushError,
        flush: (events) => this.postAppended(events),
      }),
    );
    this.changes = this.store.add(
      new RowBatcher<true>({
        intervalMs: APPEND_FLUSH_MS,
        maxPerChunk: Number.MAX_SAFE_INTEGER,
        timer,
        onFlushError,
        flush: () => this.postChanged(),
      }),
    );

    this.store.add(this.panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)));
    this.store.add(this.panel.onDidChangeViewState((e) => this.onViewState(e.webviewPanel)));
    this.store.add(this.panel.onDidDispose(() => this.dispose()));
    this.store.add(
      session.log.onAppend((event) => {
        if (this.view.track(event) && this.ready) this.changes.push(true);
        if (this.ready) this.rows.push(event);
      }),
    );
    this.store.add(
      session.onDidChange(() => {
        if (this.ready) this.changes.push(true);
      }),
    );
    this.panel.webview.html = renderPanelHtml(this.panel.webview, deps.extensionUri, this.panel.title);
  }

  /** Brings the panel to the front. */
  reveal(): void {
    if (!this.isDisposed) this.panel.reveal();
  }

  /** Asks the composer to take focus (when the webview is ready). */
  focusComposer(): void {
    this.reveal();
    this.post({ type: 'composer/focus' });
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

  private onMessage(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Panel ${this.session.id}: dropped an invalid message from the webview: ${parsed.reason}`);
      // A request gets its answer now rather than waiting out the webview's timeout (issue #8).
      this.failRequest(raw, { code: ErrorCode.InvalidMessage, message: parsed.reason });
      return;
    }
    try {
      this.handle(parsed.value);
    } catch (error) {
      this.deps.log.error(`Panel ${this.session.id}: handling "${parsed.value.type}" failed: ${describeThrown(error)}`);
      this.failRequest(parsed.value, {
        code: ErrorCode.Internal,
        message: `The request "${parsed.value.type}" failed inside the extension.`,
        hint: 'The Realtime Inspector log has the details.',
      });
    }
  }

  /** Answers a request with `request/failed`; other messages need no answer. */
  private failRequest(message: unknown, error: RequestErrorDto): void {
    const reply = failedRequestReply(message, error);
    if (reply) this.reply(reply);
  }

  private handle(message: WebviewToHost): void {
    switch (message.type) {
      case 'webview/ready':
        this.ready = true;
        this.sendSnapshot();
        return;
      case 'events/getPage': {
        const limit = Math.min(message.limit, MAX_ROWS_PER_MESSAGE);
        const rows = this.view.rows(this.session.log.page(Math.max(1, message.fromSeq), limit));
        this.reply({ type: 'events/page', requestId: message.requestId, rows, total: this.session.log.count });
        return;
      }
      case 'events/getDetails': {
        const event = this.session.log.get(message.seq);
        this.reply({
          type: 'events/details',
          requestId: message.requestId,
          details: event ? this.view.details(event, message.reveal === true) : null,
        });
        return;
      }
      case 'composer/send':
        this.sendAndReply(message.requestId, message.request);
        return;
      case 'events/replay': {
        const event = this.session.log.get(message.seq);
        const request = event && replayRequestOf(event);
        if (!request) {
          this.reply({
            type: 'send/result',
            requestId: message.requestId,
            ok: false,
            code: ErrorCode.InvalidMessage,
            error: `Event ${message.seq} is not an outgoing message that can be sent again.`,
            hint: 'Replay is offered on messages this session sent.',
          });
          return;
        }
        this.sendAndReply(message.requestId, request);
        return;
      }
      case 'session/disconnect':
        void this.session.close();
        return;
      case 'session/reconnect':
        this.deps.reconnect(this.session);
        return;
    }
  }

  private sendAndReply(requestId: number, request: SendRequest): void {
    const outcome = this.session.send(request);
    if (outcome.ok) this.reply({ type: 'send/result', requestId, ok: true, seq: outcome.seq });
    else {
      const { code, message, hint } = outcome.error;
      this.deps.log.info(this.redactor.text(`Session ${this.session.id}: send refused: ${code}: ${message}`));
      this.reply({ type: 'send/result', requestId, ok: false, error: message, code, ...(hint ? { hint } : {}) });
    }
  }

  private onViewState(panel: vscode.WebviewPanel): void {
    // Without retainContextWhenHidden a hidden webview is torn down: stop posting until it says ready again.
    if (!panel.visible) {
      this.ready = false;
      this.rows.clear();
      this.changes.clear();
    }
    if (panel.active) this.deps.onDidFocus(this.session);
  }

  // ---- host → webview ----------------------------------------------------------------------

  private sendSnapshot(): void {
    // The snapshot covers everything appended so far: queued rows would be duplicates.
    this.rows.clear();
    this.changes.clear();
    this.post(this.view.snapshot(MAX_ROWS_PER_MESSAGE));
  }

  private postAppended(events: LogEvent[]): void {
    this.post({ type: 'events/appended', rows: this.view.rows(events), total: this.session.log.count });
  }

  private postChanged(): void {
    this.post({ type: 'session/changed', session: this.view.header() });
  }

  /** Batched and pushed messages: only while the webview is ready. */
  private post(message: HostToWebview): void {
    if (this.ready) this.reply(message);
  }

  /** Replies to a request: the webview just spoke, so it is alive even if it never said ready. */
  private reply(message: HostToWebview): void {
    if (this.isDisposed) return;
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.deps.log.warn(`Panel ${this.session.id}: postMessage failed: ${describeThrown(error)}`);
    });
  }
}
