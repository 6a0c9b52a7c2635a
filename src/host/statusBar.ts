/**
 * The status bar item for the active session: codicon, state and host. Clicking it focuses that
 * session's panel. Hidden when there is no session.
 */
import * as vscode from 'vscode';
import type { Disposable } from '../core/disposable';
import type { Session, SessionInfo, SessionState } from '../core/session/session';
import { shortUrl } from '../core/view/sessionProjection';
import { CountdownTicker, countdownText, type CountdownTimers } from '../shared/reconnectCountdown';
import { KIND_LABELS, type ConnectionKind } from './connectKinds';
import { redactorFor } from './sessionRedaction';
import type { SessionRegistry } from './sessionRegistry';

/** Internal command behind the status bar item (hidden from the palette in package.json). */
export const FOCUS_SESSION_COMMAND = 'realtimeInspector.focusSession';

const ICONS: Record<SessionState, string> = {
  connecting: '$(loading~spin)',
  open: '$(plug)',
  closing: '$(loading~spin)',
  closed: '$(debug-disconnect)',
};

/**
 * The item's text: state and host, with the transport in between for Engine.IO / Socket.IO
 * sessions ("$(plug) open · websocket · host:port/path"), so a stuck upgrade shows at a glance.
 */
export function statusText(
  kind: ConnectionKind,
  url: string,
  info: Readonly<Pick<SessionInfo, 'state' | 'transport' | 'reconnect'>>,
  now = Date.now(),
): string {
  // Issue 12: while a session waits to reconnect, the countdown and the attempt instead of the state.
  const countdown = info.reconnect && countdownText(info.reconnect, now);
  if (countdown) return `$(sync~spin) ${countdown} · ${shortUrl(url)}`;
  const transport = kind !== 'websocket' && info.transport ? ` · ${info.transport}` : '';
  return `${ICONS[info.state]} ${info.state}${transport} · ${shortUrl(url)}`;
}

/** Node's timers and wall clock, for the countdown. */
const HOST_TIMERS: CountdownTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'realtimeInspector.session',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly registryListener: vscode.Disposable;
  private sessionListener: Disposable | undefined;
  private shown: Session | undefined;
  /** Redraws the reconnect countdown when its number changes, only while the shown session waits (issue 12). */
  private readonly countdown = new CountdownTicker(HOST_TIMERS, () => this.render());

  constructor(private readonly registry: SessionRegistry) {
    this.item.name = 'Realtime Inspector session';
    this.registryListener = registry.onDidChange(() => this.track());
    this.track();
  }

  dispose(): void {
    this.countdown.dispose();
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
    this.countdown.follow(session?.info.reconnect);
    if (!session) {
      this.item.hide();
      return;
    }
    const info = session.info;
    const state = info.state;
    const redactor = redactorFor(session);
    // A profile's secret may sit in the URL's path: the short form is masked too (issue 10).
    this.item.text = redactor.text(statusText(session.options.kind, session.options.url, info));
    const transport = info.transport
      ? ` Transport: ${info.transport}${info.upgrade && info.upgrade !== 'none' ? ` (upgrade ${info.upgrade})` : ''}.`
      : '';
    // A plain-string tooltip is not rendered as markdown; the URL and the server's close reason are still masked.
    const closed = info.closeSummary ? ` ${redactor.text(info.closeSummary)}` : '';
    const where = `${redactor.url(session.options.url)} (${KIND_LABELS[session.options.kind]})`;
    // A stop reason is a sentence of its own (its full stop included); the policy is a phrase that needs one.
    const reconnectText = info.reconnect?.stoppedReason ?? info.reconnect?.policy ?? '';
    const sentence = reconnectText.endsWith('.') ? reconnectText : `${reconnectText}.`;
    const reconnect = info.reconnect ? ` Reconnect: ${sentence}` : '';
    // Issue 12: offered only when the session would act on it (while waiting, or after giving up on attempts).
    const retry = info.reconnect?.canRetryNow ? ' Retry now is in its panel.' : '';
    const facts = `${transport}${closed}${reconnect}${retry}`;
    this.item.tooltip = `Realtime Inspector: ${where} is ${state}.${facts} Click to show its panel.`;
    this.item.command = { title: 'Show session', command: FOCUS_SESSION_COMMAND, arguments: [session.id] };
    this.item.show();
  }
}
