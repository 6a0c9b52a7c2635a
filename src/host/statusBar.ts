/**
 * The status bar item for the active session: codicon, state and host. Clicking it focuses that
 * session's panel. Hidden when there is no session.
 */
import * as vscode from 'vscode';
import type { Disposable } from '../core/disposable';
import type { Session, SessionState } from '../core/session/session';
import { shortUrl } from '../core/view/sessionProjection';
import type { SessionRegistry } from './sessionRegistry';

/** Internal command behind the status bar item (hidden from the palette in package.json). */
export const FOCUS_SESSION_COMMAND = 'realtimeInspector.focusSession';

const ICONS: Record<SessionState, string> = {
  connecting: '$(loading~spin)',
  open: '$(plug)',
  closing: '$(loading~spin)',
  closed: '$(debug-disconnect)',
};

export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('realtimeInspector.session', vscode.StatusBarAlignment.Left, 50);
  private readonly registryListener: vscode.Disposable;
  private sessionListener: Disposable | undefined;
  private shown: Session | undefined;

  constructor(private readonly registry: SessionRegistry) {
    this.item.name = 'Realtime Inspector session';
    this.registryListener = registry.onDidChange(() => this.track());
    this.track();
  }

  dispose(): void {
    this.sessionListener?.dispose();
    this.registryListener.dispose();
    this.item.dispose();
  }

  /** Follows the registry's active session. */
  private track(): void {
    const active = this.registry.active;
    if (active !== this.shown) {
      this.sessionListener?.dispose();
      this.sessionListener = active?.onDidChange(() => this.render());
      this.shown = active;
    }
    this.render();
  }

  private render(): void {
    const session = this.shown;
    if (!session) {
      this.item.hide();
      return;
    }
    const state = session.info.state;
    const host = shortUrl(session.options.url);
    this.item.text = `${ICONS[state]} ${state} · ${host}`;
    this.item.tooltip = `Realtime Inspector: ${session.options.url} is ${state}.${session.info.closeSummary ? ` ${session.info.closeSummary}` : ''} Click to show its panel.`;
    this.item.command = { title: 'Show session', command: FOCUS_SESSION_COMMAND, arguments: [session.id] };
    this.item.show();
  }
}
