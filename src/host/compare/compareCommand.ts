/**
 * `realtimeInspector.compareTransports [plan]` (issue 11, "Transport comparison"): asks for a server and an
 * exchange (comparePrompts.ts), runs it over HTTP long-polling only and WebSocket only with a progress
 * notification, and opens a panel with the figures side by side. With a plan object as argument (tests, other
 * extensions) it asks nothing. Returns whether a panel opened.
 */
import * as vscode from 'vscode';
import { describeIssues, validatePlan, type ComparisonPlan } from '../../core/compare/comparisonPlan';
import { redactUrlsInText } from '../../core/redaction/urlRedaction';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import { planOf } from './compareInput';
import { ComparePanel } from './comparePanel';
import { promptComparison } from './comparePrompts';
import { compareRunner, type CompareRun } from './compareRunner';

export const COMPARE_COMMAND = 'realtimeInspector.compareTransports';

export interface CompareCommandDeps {
  extensionUri: vscode.Uri;
  log: OutputLog;
}

/** Registers the command; the result also closes the comparison panels still open. */
export function registerCompareCommand(deps: CompareCommandDeps): vscode.Disposable {
  const panels = new Set<ComparePanel>();
  const run = compareRunner(deps.log);
  /** The URL asked last in this window (memory only: it may carry credentials). */
  let lastUrl: string | undefined;
  const command = vscode.commands.registerCommand(COMPARE_COMMAND, async (arg?: unknown) => {
    const plan = arg === undefined ? await askPlan(lastUrl) : arg;
    if (plan === undefined) return false;
    const validated = validatePlan(plan);
    if (!validated.ok) {
      const message = redactUrlsInText(describeIssues(validated.issues));
      deps.log.warn(message);
      void vscode.window.showErrorMessage(`Cannot compare transports: ${inert(message, 300)}`);
      return false;
    }
    if (arg === undefined) lastUrl = validated.plan.url;
    return openComparison(validated.plan, { ...deps, run }, panels);
  });
  return {
    dispose: () => {
      command.dispose();
      for (const panel of [...panels]) panel.dispose();
    },
  };
}

async function askPlan(lastUrl: string | undefined): Promise<ComparisonPlan | undefined> {
  const answers = await promptComparison({ url: lastUrl });
  return answers && planOf(answers);
}

/** Runs `plan` and shows its report in a new panel; false when there is nothing to show. */
async function openComparison(
  plan: ComparisonPlan,
  deps: CompareCommandDeps & { run: CompareRun },
  panels: Set<ComparePanel>,
): Promise<boolean> {
  const report = await deps.run(plan);
  if (!report) return false;
  const panel = new ComparePanel(plan, report, deps);
  panels.add(panel);
  panel.onDidDispose(() => panels.delete(panel));
  return true;
}
