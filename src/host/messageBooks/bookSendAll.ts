/**
 * Send all: runs a book's entries in order on its session (runMessageBook) under a cancellable progress
 * notification (`3/13 · waiting for /welcome/`), then says how it ended. One run per book at a time.
 */
import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import { bookResolver, runMessageBook, type RunSummary, type StepState } from '../../core/messageBook';
import type { Session } from '../../core/session/session';
import { inert } from '../notificationText';
import { redactorFor } from '../sessionRedaction';
import { bookFilesFor } from './bookFileAccess';
import { bookSession, fillValues, openBook, showFailure, type BookSendDeps, type OpenBook } from './bookSendContext';
import { bookStepText } from './progressText';
import { targetLabel } from './lensModel';

const running = new Set<string>();

/** `realtimeInspector.book.sendAll [bookUri] [sessionId]`: the run's summary, or undefined when it did not start. */
export async function sendAll(
  deps: BookSendDeps,
  uriArg: unknown,
  sessionId: unknown,
): Promise<RunSummary | undefined> {
  const open = await openBook(deps.cache, uriArg);
  if (!open) return undefined;
  const key = open.document.uri.toString();
  if (running.has(key)) {
    void vscode.window.showInformationMessage('Send all is already running for this book.');
    return undefined;
  }
  if (open.book.entries.length === 0) {
    void vscode.window.showInformationMessage('This book has no entries yet: start one with ### and a kind line.');
    return undefined;
  }
  const session = bookSession(deps, open.document.uri, sessionId);
  if (!session) return undefined;
  running.add(key);
  try {
    const values = await fillValues(deps, open, open.book.entries, session);
    if (!values) return undefined;
    const summary = await withProgress(open, session, (onProgress, signal) =>
      runMessageBook(session, open.book.entries, {
        clock: systemClock,
        signal,
        onProgress,
        values,
        resolve: bookResolver(values, session.options.kind, bookFilesFor(open.document)),
      }),
    );
    report(deps, session, summary);
    return summary;
  } finally {
    running.delete(key);
  }
}

type Run = (
  onProgress: (index: number, total: number, state: StepState) => void,
  signal: AbortSignal,
) => Promise<RunSummary>;

function withProgress(open: OpenBook, session: Session, run: Run): Promise<RunSummary> {
  const target = targetLabel(redactorFor(session).url(session.options.url), session.info.state);
  const title = `Send all → ${inert(target, 80)}`;
  const options = { location: vscode.ProgressLocation.Notification, title, cancellable: true };
  return Promise.resolve(
    vscode.window.withProgress(options, (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      const onProgress = (index: number, total: number, state: StepState): void => {
        const message = inert(bookStepText(index, total, state, open.book.entries[index]), 120);
        progress.report(state === 'done' ? { message, increment: 100 / total } : { message });
      };
      return run(onProgress, controller.signal).finally(() => cancel.dispose());
    }),
  );
}

function report(deps: BookSendDeps, session: Session, summary: RunSummary): void {
  if (summary.outcome === 'completed') {
    void vscode.window.showInformationMessage(`Send all: ${inert(summary.message, 200)}`);
  } else if (summary.outcome === 'cancelled') {
    const sent = summary.sent.length;
    void vscode.window.showInformationMessage(
      `Send all cancelled after ${sent} ${sent === 1 ? 'message' : 'messages'}: nothing more was sent.`,
    );
  } else if (summary.stoppedAt) {
    showFailure(deps, session, 'Send all stopped', summary.stoppedAt.error);
  }
}
