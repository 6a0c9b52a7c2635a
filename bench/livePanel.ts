/**
 * The host's work for a live panel that follows the tail, without VS Code: the panel controller's wiring
 * (src/host/panel/panelController.ts) around the real PanelViews and SessionView — each appended event
 * tracked and noted, a range (with the newest rows) at most every APPEND_FLUSH_MS, the header with its
 * rates on "changed" — and each message serialized as `webview.postMessage` would (JSON).
 */
import { systemClock } from '../src/core/clock';
import type { Session } from '../src/core/session/session';
import { PanelViews } from '../src/host/panel/panelViews';
import { RowBatcher } from '../src/host/panel/rowBatcher';
import { SessionView } from '../src/host/panel/sessionView';
import { TrafficRates } from '../src/host/panel/trafficRates';
import { redactorFor } from '../src/host/sessionRedaction';
import { APPEND_FLUSH_MS, type HostToWebview } from '../src/shared/protocol';

export interface LivePanel {
  /** Bytes of JSON the webview would have been sent. */
  readonly postedBytes: number;
  dispose(): void;
}

/** Attaches a ready panel following the tail; `onPost` sees every message the webview would be sent. */
export function attachLivePanel(session: Session, onPost: (message: HostToWebview) => void): LivePanel {
  const view = new SessionView(session, redactorFor(session));
  const rates = new TrafficRates();
  let postedBytes = 0;
  const post = (message: HostToWebview): void => {
    postedBytes += JSON.stringify(message).length;
    onPost(message);
  };
  const views = new PanelViews({ log: session.log, rows: (events) => view.rows(events), timer: systemClock, post });
  const header = (): ReturnType<SessionView['header']> => view.header(rates.sample(Date.now(), session.info));
  const changes = new RowBatcher<true>({
    intervalMs: APPEND_FLUSH_MS,
    maxPerChunk: Number.MAX_SAFE_INTEGER,
    timer: systemClock,
    flush: () => post({ type: 'session/changed', session: header() }),
  });
  post({ type: 'session/snapshot', session: header(), ...views.snapshotParts(undefined, true) });
  const appended = session.log.onAppend((event) => {
    if (view.track(event)) changes.push(true);
    views.noteAppended();
  });
  const changed = session.onDidChange((info) => {
    rates.note(Date.now(), info);
    changes.push(true);
  });
  return {
    get postedBytes() {
      return postedBytes;
    },
    dispose: () => {
      appended.dispose();
      changed.dispose();
      views.dispose();
      changes.dispose();
    },
  };
}
