/**
 * The transport comparison panel: one WebviewPanel per comparison, showing a report side by side (its own small
 * webview app, dist/compare.js, under the same CSP rules as the session panel). The host holds the report and
 * the plan (the plan's credentials never leave the host; the report's are masked by core); the webview asks for
 * the report when it (re)loads, for an export, or for a re-run of the same plan. Closing the panel cancels a
 * re-run in progress.
 */
import * as vscode from 'vscode';
import { COMPARED_TRANSPORTS, type ComparedTransport, type ComparisonPlan } from '../../core/compare/comparisonPlan';
import { transportName } from '../../core/compare/comparisonErrors';
import type { ComparisonReport } from '../../core/compare/comparisonReport';
import { DisposableStore } from '../../core/disposable';
import type { CompareWebviewToHost, HostToCompareWebview } from '../../shared/compareProtocol';
import { hostOf } from '../notificationText';
import { describeThrown, type OutputLog } from '../outputLog';
import { renderWebviewHtml } from '../panel/panelHtml';
import { exportReport } from './compareExport';
import { parseCompareMessage } from './compareMessages';
import type { CompareRun } from './compareRunner';

/** The webview panel type id of the comparison panel. */
export const COMPARE_VIEW_TYPE = 'realtimeInspector.compare';

/** Progress lines posted to a re-running panel at most this often (never one message per round trip). */
const PROGRESS_POST_MS = 200;

export interface ComparePanelDeps {
  extensionUri: vscode.Uri;
  log: OutputLog;
  run: CompareRun;
}

export class ComparePanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly store = new DisposableStore();
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  private rerun: AbortController | undefined;
  private progress = '';
  private lastProgressPost = 0;
  private isDisposed = false;

  /** Fired once, when the panel closes. */
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    private readonly plan: ComparisonPlan,
    private report: ComparisonReport,
    private readonly deps: ComparePanelDeps,
  ) {
    const roots = [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')];
    this.panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      `Compare transports: ${hostOf(plan.url)}`,
      vscode.ViewColumn.Active,
      // Not kept alive while hidden: it says `compare/ready` again when shown and gets the report again.
      { enableScripts: true, enableCommandUris: false, localResourceRoots: roots },
    );
    this.store.add(this.panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)));
    this.store.add(this.panel.onDidDispose(() => this.dispose()));
    const page = { title: this.panel.title, script: 'compare.js', stylesheet: 'compare.css' };
    this.panel.webview.html = renderWebviewHtml(this.panel.webview, deps.extensionUri, page);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.rerun?.abort();
    this.store.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }

  private onMessage(raw: unknown): void {
    const parsed = parseCompareMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Comparison panel: dropped an invalid message from the webview: ${parsed.reason}`);
      return;
    }
    this.handle(parsed.value).catch((error: unknown) => {
      this.deps.log.error(`Comparison panel: "${parsed.value.type}" failed: ${describeThrown(error)}`);
      this.post({
        type: 'compare/status',
        text: 'That failed inside the extension (details in the log).',
        tone: 'error',
      });
    });
  }

  private async handle(message: CompareWebviewToHost): Promise<void> {
    switch (message.type) {
      case 'compare/ready':
        this.postReport();
        if (this.rerun) this.post({ type: 'compare/running', progress: this.progress });
        return;
      case 'compare/export': {
        if (this.rerun) return this.busy();
        const outcome = await exportReport(this.report, message.format, this.deps.log);
        if (outcome) this.post({ type: 'compare/status', ...outcome });
        return;
      }
      case 'compare/rerun':
        if (this.rerun) return this.busy();
        return this.runAgain();
    }
  }

  /** The same plan again; the panel keeps the old report until the new one is there. */
  private async runAgain(): Promise<void> {
    const controller = new AbortController();
    this.rerun = controller;
    this.progress = '';
    this.post({ type: 'compare/running', progress: '' });
    try {
      const report = await this.deps.run(this.plan, controller.signal, (text) => this.noteProgress(text));
      if (this.isDisposed) return;
      if (report) this.report = report;
    } finally {
      this.rerun = undefined;
    }
    if (this.isDisposed) return;
    this.postReport();
    this.post({ type: 'compare/idle' });
  }

  private noteProgress(text: string): void {
    this.progress = text;
    const now = Date.now();
    if (now - this.lastProgressPost < PROGRESS_POST_MS) return;
    this.lastProgressPost = now;
    this.post({ type: 'compare/running', progress: text });
  }

  private busy(): void {
    this.post({ type: 'compare/status', text: 'Wait for the run to finish first.', tone: 'error' });
  }

  private postReport(): void {
    const names = Object.fromEntries(COMPARED_TRANSPORTS.map((t) => [t, transportName(t)]));
    this.post({ type: 'compare/report', report: this.report, names: names as Record<ComparedTransport, string> });
  }

  private post(message: HostToCompareWebview): void {
    if (this.isDisposed) return;
    this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }
}
