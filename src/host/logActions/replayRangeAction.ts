/**
 * Replay range…: the outgoing data messages between two rows of a panel's log sent again on its session with
 * their original timing, at a speed the user picks, under a cancellable progress notification. The range is
 * checked before the answer goes back (events still in the log, messages in it, every one sendable again);
 * the speed is asked afterwards. One replay per session at a time.
 */
import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import type { LogEvent } from '../../core/events/logEvent';
import { planReplay, replayableEvents, replayRange, type ReplaySummary } from '../../core/messageBook';
import type { Session } from '../../core/session/session';
import { replayStepText } from '../messageBooks/progressText';
import { inert } from '../notificationText';
import { describeThrown, type OutputLog } from '../outputLog';
import type { ActionResult } from '../panel/panelLogActions';
import { redactorFor } from '../sessionRedaction';
import { pickReplaySpeed } from './replaySpeeds';

const running = new Set<string>();
/** Events read per page while collecting the range. */
const PAGE = 1000;

export interface ReplayRangeRequest {
  requestId: number;
  from: number;
  to: number;
}

/** Checks the range and starts the replay (not awaited); the answer says what happens next, or why not. */
export function replayRangeAction(session: Session, request: ReplayRangeRequest, log: OutputLog): ActionResult {
  const { requestId, from, to } = request;
  const refuse = (message: string): ActionResult => ({ type: 'action/result', requestId, ok: false, message });
  if (running.has(session.id)) return refuse('A replay is already running on this session.');
  if (session.info.state !== 'open') return refuse('The session is not open: a replay sends on this session.');
  const events = eventsBetween(session, from, to);
  if (events.length === 0) return refuse(`Events #${from}–#${to} are no longer in the log.`);
  const picked = replayableEvents(events);
  if (picked.events.length === 0)
    return refuse(`There are no outgoing messages to replay between #${from} and #${to}.`);
  const plan = planReplay(picked.events, session.options.kind, 1);
  if (!plan.ok) return refuse(`${redactorFor(session).text(plan.error.message)} Nothing was sent.`);
  const count = plan.steps.length;
  const label = `#${from}–#${to}`;
  running.add(session.id);
  run(session, picked.events, label, log)
    .catch((error: unknown) => log.error(`[${session.id}] replay ${label} failed: ${describeThrown(error)}`))
    .finally(() => running.delete(session.id));
  const what = `${count} ${count === 1 ? 'message' : 'messages'}`;
  return { type: 'action/result', requestId, ok: true, message: `Replay ${label}: ${what} — choose the speed…` };
}

/** The events #from…#to still in the log. */
function eventsBetween(session: Session, from: number, to: number): LogEvent[] {
  const events: LogEvent[] = [];
  let seq = Math.max(from, session.log.dropped + 1);
  while (seq <= to) {
    const page = session.log.page(seq, Math.min(PAGE, to - seq + 1));
    if (page.length === 0) break;
    events.push(...page);
    seq = page[page.length - 1].seq + 1;
  }
  return events;
}

async function run(session: Session, events: LogEvent[], label: string, log: OutputLog): Promise<void> {
  const speed = await pickReplaySpeed(events, session.options.kind);
  if (speed === undefined) return;
  const title = `Replaying ${label} at ${speed.label}`;
  const options = { location: vscode.ProgressLocation.Notification, title, cancellable: true };
  const summary = await vscode.window.withProgress(options, (progress, token) => {
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    return replayRange(session, events, {
      clock: systemClock,
      speed: speed.factor,
      signal: controller.signal,
      onProgress: (index, total, state) => {
        const message = replayStepText(index, total, state);
        progress.report(state === 'done' ? { message, increment: 100 / total } : { message });
      },
    }).finally(() => cancel.dispose());
  });
  report(session, label, summary, log);
}

function report(session: Session, label: string, summary: ReplaySummary, log: OutputLog): void {
  const redactor = redactorFor(session);
  if (summary.outcome === 'completed') {
    void vscode.window.showInformationMessage(`Replay ${label}: ${inert(summary.message, 200)}`);
    return;
  }
  const error = summary.stoppedAt?.error;
  log.info(redactor.text(`[${session.id}] replay ${label} ${summary.outcome}: ${error?.code}: ${summary.message}`));
  const text = inert(redactor.text(error?.hint ? `${summary.message} ${error.hint}` : summary.message), 300);
  if (summary.outcome === 'cancelled') void vscode.window.showInformationMessage(`Replay ${label}: ${text}`);
  else void vscode.window.showErrorMessage(`Replay ${label} stopped: ${text}`);
}
