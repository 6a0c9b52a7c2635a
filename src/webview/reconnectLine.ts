/**
 * The header's reconnect line (issue 12), for a session with a reconnect policy: while it waits, the countdown
 * and the attempt ("Reconnecting in 4 s — attempt 3 of 10 · offline 12 s") with Retry now and Cancel; while an
 * attempt runs, the attempt with Cancel; once it stopped, why — with Retry now when it gave up on its attempts.
 * The countdown is redrawn when its number changes, only while waiting. Every word here is the host's own (never a
 * server's); it still goes in as text only.
 */
import type { ReconnectStatusDto, SessionInfoDto } from '../shared/dto';
import { CountdownTicker, countdownText, type CountdownTimers } from '../shared/reconnectCountdown';
import { DisposableStore, type Disposable } from './disposables';
import { codicon, h, iconButton, listen, setText } from './dom';

/** What the line's buttons ask for. */
export interface ReconnectActions {
  retryNow(): void;
  cancelReconnect(): void;
}

/** The browser's timers and wall clock, for the countdown. */
const BROWSER_TIMERS: CountdownTimers = {
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
  now: () => Date.now(),
};

export class ReconnectLine implements Disposable {
  private readonly text = h('span', { id: 'reconnect-text', class: 'session-close-text', attrs: { role: 'status' } });
  private readonly retryButton = iconButton('btn-retry-now', 'debug-restart', 'Retry now', 'secondary');
  private readonly cancelButton = iconButton('btn-cancel-reconnect', 'close', 'Cancel', 'secondary');
  readonly element = h(
    'div',
    { id: 'session-reconnect', class: 'session-close session-reconnect', attrs: { hidden: true } },
    [codicon('sync'), this.text, h('span', { class: 'session-actions' }, [this.retryButton, this.cancelButton])],
  );
  private readonly disposables = new DisposableStore();
  private status: ReconnectStatusDto | undefined;
  private readonly ticker = new CountdownTicker(BROWSER_TIMERS, () => this.render());

  constructor(actions: ReconnectActions) {
    this.disposables.add(listen(this.retryButton, 'click', () => actions.retryNow()));
    this.disposables.add(listen(this.cancelButton, 'click', () => actions.cancelReconnect()));
  }

  /** Shows where `session` stands; hidden for a session without a policy, and while it is open. */
  update(session: SessionInfoDto | undefined): void {
    this.status = session?.reconnect;
    this.ticker.follow(this.status);
    this.render();
  }

  dispose(): void {
    this.ticker.dispose();
    this.disposables.dispose();
  }

  private render(): void {
    const status = this.status;
    const line = status && lineText(status, Date.now());
    this.element.hidden = !line;
    setText(this.text, line ?? '');
    // Offered while waiting and after giving up on attempts, never after a stop the user must act on (core decides).
    this.retryButton.hidden = status?.canRetryNow !== true;
    this.cancelButton.hidden = !(status?.phase === 'waiting' || (status?.phase === 'connecting' && status.attempt > 0));
  }
}

/** The line for a status, or undefined when there is nothing to say (open, or the first connection). */
function lineText(status: ReconnectStatusDto, now: number): string | undefined {
  if (status.phase === 'stopped') return status.stoppedReason && `Not reconnecting: ${status.stoppedReason}`;
  const countdown = countdownText(status, now);
  if (!countdown) return undefined;
  const offlineSeconds = status.offlineSince === undefined ? 0 : Math.round((now - status.offlineSince) / 1000);
  const offline = status.offlineSince === undefined ? '' : ` · offline ${Math.max(0, offlineSeconds)} s`;
  return `${countdown.charAt(0).toUpperCase()}${countdown.slice(1)}${offline}`;
}
