/**
 * The sessions an editor can send to: open (or still connecting) and of a kind that sends (Server-Sent Events
 * and polling sessions only receive, issue 11), the active panel's session first. Send Selection, Send File and
 * the message books choose among these.
 */
import * as vscode from 'vscode';
import { SEND_KINDS_BY_SESSION } from '../../core/session/sendRequest';
import type { Session } from '../../core/session/session';
import { shortUrl } from '../../core/view/sessionProjection';
import { KIND_LABELS } from '../connectKinds';
import { redactorFor } from '../sessionRedaction';
import type { SessionRegistry } from '../sessionRegistry';

export const CONNECT_COMMAND = 'realtimeInspector.connect';

/** Whether `session` can send now or once it has connected. */
export function canSend(session: Session): boolean {
  const live = session.info.state === 'open' || session.info.state === 'connecting';
  return live && SEND_KINDS_BY_SESSION[session.options.kind].length > 0;
}

/** The sessions that can send, the active one (its panel was focused last) first, then the newest first. */
export function sendableSessions(registry: SessionRegistry): Session[] {
  const all = registry.all().filter(canSend).reverse();
  const active = registry.active;
  return active && canSend(active) ? [active, ...all.filter((s) => s !== active)] : all;
}

/**
 * The session to send to: the only one, or the user's pick when several (the active one first); undefined when
 * there is none (said, with a Connect… button) or the user cancels.
 */
export async function pickSendSession(registry: SessionRegistry, title: string): Promise<Session | undefined> {
  const sessions = sendableSessions(registry);
  if (sessions.length === 0) {
    void offerConnect('There is no open Realtime Inspector session that can send. Connect first.');
    return undefined;
  }
  if (sessions.length === 1) return sessions[0];
  const picked = await vscode.window.showQuickPick(
    sessions.map((session, i) => ({
      label: shortUrl(redactorFor(session).url(session.options.url)),
      description: `${KIND_LABELS[session.options.kind]} · ${session.info.state}${i === 0 ? ' · active' : ''}`,
      detail: redactorFor(session).url(session.options.url),
      session,
    })),
    { title: `Realtime Inspector: ${title}`, placeHolder: 'Session to send to' },
  );
  return picked?.session;
}

/** An information message with a Connect… button (our words only). */
export async function offerConnect(message: string): Promise<void> {
  const connect = 'Connect…';
  const choice = await vscode.window.showInformationMessage(message, connect);
  if (choice === connect) await vscode.commands.executeCommand(CONNECT_COMMAND);
}
