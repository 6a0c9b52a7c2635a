/**
 * Runs a transport comparison from the host: the extension's TLS settings as sessions get them (settings.ts,
 * user settings only), a progress notification that says `polling 40/100` and can cancel, and a log line per
 * transport. The sessions connect through one direct network made from those TLS settings, disposed after the run.
 */
import * as vscode from 'vscode';
import type { ComparedTransport, ComparisonPlan } from '../../core/compare/comparisonPlan';
import type { ComparisonReport } from '../../core/compare/comparisonReport';
import { runTransportComparison } from '../../core/compare/runTransportComparison';
import { chooseProxy } from '../../core/network/proxyChoice';
import { createRoutedNetwork, nodeTlsOptions, type Network } from '../../core/session/network';
import { hostOf, inert } from '../notificationText';
import { readProxySources } from '../network/proxySettings';
import type { OutputLog } from '../outputLog';
import { ignoredWorkspaceTlsSettings, readConnectionDefaults } from '../settings';
import { progressText } from './compareInput';

/** Runs `plan`; `signal` also cancels (the panel closed), `onProgress` gets each progress line. */
export type CompareRun = (
  plan: ComparisonPlan,
  signal?: AbortSignal,
  onProgress?: (text: string) => void,
) => Promise<ComparisonReport | undefined>;

/**
 * A run with a progress notification. Undefined when it could not start (a TLS setting unusable: said in a
 * notification) or was cancelled before anything was measured.
 */
export function compareRunner(log: OutputLog): CompareRun {
  return async (plan, signal, onProgress) => {
    const defaults = await readConnectionDefaults();
    const ignored = ignoredWorkspaceTlsSettings();
    if (ignored) log.warn(ignored);
    if (!defaults.ok) {
      log.warn(defaults.error);
      void vscode.window.showErrorMessage(inert(defaults.error, 300), 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'realtimeInspector.tls');
      });
      return undefined;
    }
    // Through the proxy of the settings or the environment, as sessions go (issue 12).
    const sources = readProxySources();
    const tls = nodeTlsOptions(defaults.value.tls ?? {});
    const network = createRoutedNetwork({ tls, route: (target) => chooseProxy(sources, target) });
    try {
      const report = await runWithProgress(plan, network, signal, onProgress);
      logReport(log, report);
      return measuredAnything(report) ? report : undefined;
    } finally {
      network.dispose();
    }
  };
}

/** Runs `plan` under a cancellable progress notification; the notification's Cancel and `signal` both abort. */
function runWithProgress(
  plan: ComparisonPlan,
  network: Network,
  signal: AbortSignal | undefined,
  onProgress: ((text: string) => void) | undefined,
): Thenable<ComparisonReport> {
  const options: vscode.ProgressOptions = {
    location: vscode.ProgressLocation.Notification,
    title: `Comparing transports on ${hostOf(plan.url)}`,
    cancellable: true,
  };
  return vscode.window.withProgress(options, async (progress, token) => {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    const cancellation = token.onCancellationRequested(abort);
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) abort();
    const steps = Math.max(1, plan.messages * (plan.transports?.length ?? 2));
    const report = (transport: ComparedTransport, done: number, total: number): void => {
      const text = progressText(transport, done, total);
      progress.report({ message: text, increment: 100 / steps });
      onProgress?.(text);
    };
    try {
      return await runTransportComparison(plan, { network, signal: controller.signal, onProgress: report });
    } finally {
      cancellation.dispose();
      signal?.removeEventListener('abort', abort);
    }
  });
}

/** A cancelled run that measured nothing has nothing to show. */
function measuredAnything(report: ComparisonReport): boolean {
  return !report.cancelled || report.results.some((r) => r.sent > 0 || r.setupMs !== null);
}

/** One line per transport in the output channel: the figures in short, or the error (its words are ours). */
function logReport(log: OutputLog, report: ComparisonReport): void {
  const { url, kind, messages, messageBytes } = report.plan;
  const head = `Transport comparison of ${url} (${kind}, ${messages} × ${messageBytes} B)`;
  log.info(report.cancelled ? `${head}: cancelled` : head);
  for (const r of report.results) {
    const median = r.rtt.median === null ? '—' : r.rtt.median.toFixed(3);
    const figures = `${r.messages}/${r.sent} answered, median ${median} ms, ${r.httpRequests} HTTP requests`;
    log.info(`  ${r.transport}: ${r.ok ? 'ok' : 'not ok'}, ${figures}`);
    if (r.error) log.warn(`  ${r.transport}: ${r.error.code} ${r.error.message}`);
  }
}
