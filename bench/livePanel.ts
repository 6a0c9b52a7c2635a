/**
 * The host's work per appended event for a live panel that follows the tail, without VS Code:
 * SessionView tracks each event, a RowBatcher flushes rows every APPEND_FLUSH_MS in chunks of
 * MAX_ROWS_PER_MESSAGE, a second one sends the header on "changed", and each message is serialized as
 * `webview.postMessage` would (JSON). `onRows` sees every row the webview would be sent. (The panel's
 * own message shapes are being reworked for issue #9: the rows and their cost are what counts here.)
 */
import { systemClock } from '../src/core/clock';
import type { LogEvent } from '../src/core/events/logEvent';
import type { Session } from '../src/core/session/session';
import { RowBatcher } from '../src/host/panel/rowBatcher';
import { SessionView } from '../src/host/panel/sessionView';
import { redactorFor } from '../src/host/sessionRedaction';
import type { EventRowDto } from '../src/shared/dto';
import { APPEND_FLUSH_MS, MAX_ROWS_PER_MESSAGE } from '../src/shared/protocol';

export interface LivePanel {
  /** Bytes of JSON the webview would have been sent. */
  readonly postedBytes: number;
  dispose(): void;
}

export function attachLivePanel(session: Session, onRows: (rows: readonly EventRowDto[]) => void): LivePanel {
  const view = new SessionView(session, redactorFor(session));
  let postedBytes = 0;
  const post = (message: object): void => {
    postedBytes += JSON.stringify(message).length;
  };
  const rows = new RowBatcher<LogEvent>({
    intervalMs: APPEND_FLUSH_MS,
    maxPerChunk: MAX_ROWS_PER_MESSAGE,
    timer: systemClock,
    flush: (events) => {
      const projected = view.rows(events);
      post({ type: 'events/appended', rows: projected, total: session.log.count });
      onRows(projected);
    },
  });
  const changes = new RowBatcher<true>({
    intervalMs: APPEND_FLUSH_MS,
    maxPerChunk: Number.MAX_SAFE_INTEGER,
    timer: systemClock,
    flush: () => post({ type: 'session/changed', session: view.header() }),
  });
  const appended = session.log.onAppend((event) => {
    if (view.track(event)) changes.push(true);
    rows.push(event);
  });
  const changed = session.onDidChange(() => changes.push(true));
  return {
    get postedBytes() {
      return postedBytes;
    },
    dispose: () => {
      appended.dispose();
      changed.dispose();
      rows.dispose();
      changes.dispose();
    },
  };
}
