/**
 * Which session a command acts on: the one named by the argument, else the active panel's, else
 * the only open one, else the user's pick.
 */
import * as vscode from 'vscode';
import type { Session } from '../../core/session/session';
import { shortUrl } from '../../core/view/sessionProjection';
import { inert } from '../notificationText';
import type { SessionLauncher } from '../sessionLauncher';
import { redactorFor } from '../sessionRedaction';
import type { SessionRegistry } from '../sessionRegistry';

export interface SessionContext {
  registry: SessionRegistry;
  launcher: SessionLauncher;
}

/** Resolves the target session; undefined when there is none or the user cancels (already reported). */
export async function resolveSession(
  ctx: SessionContext,
  sessionId: unknown,
  placeHolder: string,
  filter: (s: Session) => boolean = () => true,
  /** What to say when no session passes `filter` (our words only); default: there is no open session. */
  noneText = 'There is no open Realtime Inspector session. Use "Realtime Inspector: Connect…" first.',
): Promise<Session | undefined> {
  if (typeof sessionId === 'string') {
    const named = ctx.registry.get(sessionId);
    if (!named)
      void vscode.window.showErrorMessage(
        `There is no open Realtime Inspector session with id "${inert(sessionId, 40)}".`,
      );
    return named;
  }
  const active = ctx.launcher.activePanelSession();
  if (active && filter(active)) return active;
  const candidates = ctx.registry.all().filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(noneText);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((session) => ({
      label: redactorFor(session).text(shortUrl(session.options.url)),
      description: session.info.state,
      detail: redactorFor(session).url(session.options.url),
      session,
    })),
    { placeHolder, title: 'Realtime Inspector' },
  );
  return picked?.session;
}

/** Sessions that can still send or be closed. */
export function isLive(session: Session): boolean {
  return session.info.state === 'open' || session.info.state === 'connecting';
}
