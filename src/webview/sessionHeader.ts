/**
 * The session header above the log: URL, state badge, kind, negotiated values, counters, the close
 * summary, and the Disconnect / Reconnect / Export… buttons. An imported session (issue 10) is shown offline:
 * where it came from, and no Disconnect or Reconnect.
 */
import type { SessionInfoDto, SessionStateDto } from '../shared/dto';
import { DisposableStore, type Disposable } from './disposables';
import { codicon, h, iconButton, listen, setText } from './dom';
import { formatCount, formatDuration, formatSize } from './format';
import { ReconnectLine, type ReconnectActions } from './reconnectLine';
import type { VisibleTextOptions } from './visibleText';
import { appendVisibleText, setVisibleText } from './visibleTextDom';

const URL_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 2000 };
const FACT_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 300 };
const CLOSE_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 1000 };
const REASON_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 80 };

/** What the header's buttons ask for (Retry now and Cancel: the reconnect line's, issue 12). */
export interface SessionActions extends ReconnectActions {
  disconnect(): void;
  reconnect(): void;
  /** Export… (issue 10): the host asks for the format, the sanitizing and the file. */
  exportSession(): void;
}

const STATES: readonly SessionStateDto[] = ['connecting', 'open', 'closing', 'closed'];

/** One labelled value in the facts line. */
function fact(id: string, label: string): { element: HTMLElement; label: HTMLElement; value: HTMLElement } {
  const value = h('span', { id, class: 'fact-value' });
  const name = h('span', { class: 'fact-label', text: label });
  return { element: h('span', { class: 'fact' }, [name, value]), label: name, value };
}

/** What the handshake time measures, per kind: a `101`, a response head (SSE), the first answer (polling). */
const HANDSHAKE_LABELS: Readonly<Record<string, string>> = {
  sse: 'Response',
  longpoll: 'First answer',
  shortpoll: 'First answer',
};

/** `12 msgs · 1.2 KiB`, and while traffic flows `· 5 msg/s · 300 B/s` (issue #9). */
function trafficText(messages: number, bytes: number, perSec?: [messages: number, bytes: number]): string {
  const total = `${formatCount(messages)} msgs · ${formatSize(bytes)}`;
  return perSec ? `${total} · ${formatCount(perSec[0])} msg/s · ${formatSize(perSec[1])}/s` : total;
}

/** The transport and where its upgrade stands: `websocket (upgraded from polling)`. */
function transportText(session: SessionInfoDto): string {
  const upgrade =
    session.upgrade === 'upgraded'
      ? ' (upgraded from polling)'
      : session.upgrade === 'failed'
        ? ' (upgrade failed)'
        : session.upgrade && session.upgrade !== 'none'
          ? ` (upgrade ${session.upgrade})`
          : '';
  return `${session.transport ?? '—'}${upgrade}`;
}

/** The heartbeat the server asked for: `every 25.00 s, timeout 20.00 s`. */
function pingText(session: SessionInfoDto): string {
  if (session.pingInterval === undefined) return '—';
  return `every ${formatDuration(session.pingInterval)}, timeout ${formatDuration(session.pingTimeout ?? 0)}`;
}

/** Renders a SessionInfoDto; `update` is cheap and may run every frame. */
export class SessionHeader implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly stateBadge = h('span', { id: 'session-state', class: 'state-badge', attrs: { role: 'status' } });
  private readonly kindLabel = h('span', { id: 'session-kind', class: 'session-kind' });
  private readonly url = h('span', { id: 'session-url', class: 'session-url' });
  private readonly subprotocol = fact('session-subprotocol', 'Subprotocol');
  private readonly extensions = fact('session-extensions', 'Extensions');
  private readonly handshake = fact('session-handshake', 'Handshake');
  /** The proxy the session goes through (issue 12); hidden when it connects directly. */
  private readonly via = fact('session-via', 'Proxy');
  private readonly messagesIn = fact('session-in', 'In');
  private readonly messagesOut = fact('session-out', 'Out');
  // Engine.IO / Socket.IO facts, hidden for raw WebSocket sessions.
  private readonly sid = fact('session-sid', 'sid');
  private readonly transport = fact('session-transport', 'Transport');
  private readonly protocol = fact('session-protocol', 'Protocol');
  private readonly ping = fact('session-ping', 'Ping');
  private readonly namespaces = fact('session-namespaces', 'Namespaces');
  private readonly eioFacts = h('div', { class: 'session-facts eio-facts', attrs: { hidden: true } }, [
    this.sid.element,
    this.transport.element,
    this.protocol.element,
    this.ping.element,
    this.namespaces.element,
  ]);
  private readonly closeText = h('span', { class: 'session-close-text' });
  private readonly closeLine = h('div', { id: 'session-close', class: 'session-close', attrs: { hidden: true } }, [
    codicon('info'),
    this.closeText,
  ]);
  private readonly disconnectButton = iconButton('btn-disconnect', 'debug-disconnect', 'Disconnect', 'secondary');
  private readonly reconnectButton = iconButton('btn-reconnect', 'debug-restart', 'Reconnect', 'secondary');
  private readonly exportButton = iconButton('btn-export', 'export', 'Export…', 'secondary');
  /** "Imported from Chrome DevTools HAR": shown for an offline session only. */
  private readonly importedText = h('span', { class: 'session-close-text' });
  private readonly importedLine = h(
    'div',
    { id: 'session-imported', class: 'session-close session-imported', attrs: { hidden: true } },
    [codicon('archive'), this.importedText],
  );
  /** The namespaces as last drawn (JSON), so an unchanged list is not rebuilt. */
  private namespacesShown = '';
  private readonly reconnectLine: ReconnectLine;

  constructor(actions: SessionActions) {
    this.reconnectLine = this.disposables.add(new ReconnectLine(actions));
    this.element = h('header', { id: 'session-header', class: 'session-header' }, [
      h('div', { class: 'session-title' }, [
        this.stateBadge,
        this.kindLabel,
        this.url,
        h('span', { class: 'session-actions' }, [this.disconnectButton, this.reconnectButton, this.exportButton]),
      ]),
      h('div', { class: 'session-facts' }, [
        this.subprotocol.element,
        this.extensions.element,
        this.handshake.element,
        this.via.element,
        this.messagesIn.element,
        this.messagesOut.element,
      ]),
      this.eioFacts,
      this.importedLine,
      this.closeLine,
      this.reconnectLine.element,
    ]);
    this.disposables.add(listen(this.disconnectButton, 'click', () => actions.disconnect()));
    this.disposables.add(listen(this.reconnectButton, 'click', () => actions.reconnect()));
    this.disposables.add(listen(this.exportButton, 'click', () => actions.exportSession()));
    this.update(undefined);
  }

  /** Shows `session`, or a waiting line before the first snapshot. */
  update(session: SessionInfoDto | undefined): void {
    const state = session?.state;
    setText(this.stateBadge, session?.offline ? 'offline' : (state ?? 'waiting'));
    for (const s of STATES) this.stateBadge.classList.toggle(`state-${s}`, s === state);
    setText(this.kindLabel, session ? session.kindLabel : '');
    if (session) this.element.dataset.kind = session.kind;
    // Server-controlled text: invisible characters as escapes (issue #7). The title writes them out.
    this.url.title = setVisibleText(this.url, session ? session.url : 'Waiting for the session…', URL_TEXT).shown;
    setVisibleText(this.subprotocol.value, session?.subprotocol || 'none', FACT_TEXT);
    setVisibleText(this.extensions.value, session?.extensions || 'none', FACT_TEXT);
    setText(this.handshake.label, (session && HANDSHAKE_LABELS[session.kind]) ?? 'Handshake');
    setText(this.handshake.value, session?.handshakeMs !== undefined ? formatDuration(session.handshakeMs) : '—');
    this.via.element.hidden = !session?.via;
    setVisibleText(this.via.value, session?.via ?? '', FACT_TEXT);
    const rates = session?.rates;
    const inRate: [number, number] | undefined = rates && [rates.messagesInPerSec, rates.bytesInPerSec];
    const outRate: [number, number] | undefined = rates && [rates.messagesOutPerSec, rates.bytesOutPerSec];
    setText(this.messagesIn.value, session ? trafficText(session.messagesIn, session.bytesIn, inRate) : '—');
    setText(this.messagesOut.value, session ? trafficText(session.messagesOut, session.bytesOut, outRate) : '—');
    this.updateEngineFacts(session);
    const closeSummary = state === 'closed' ? session?.closeSummary : undefined;
    this.closeLine.hidden = !closeSummary;
    setVisibleText(this.closeText, closeSummary ?? '', CLOSE_TEXT);
    this.disconnectButton.disabled = !(state === 'connecting' || state === 'open');
    this.reconnectButton.disabled = state !== 'closed';
    this.exportButton.disabled = !session;
    this.reconnectLine.update(session);
    this.showOffline(session);
  }

  /** An imported session: "offline", where it came from, and nothing to disconnect or reconnect. */
  private showOffline(session: SessionInfoDto | undefined): void {
    const offline = session?.offline === true;
    this.disconnectButton.hidden = offline;
    this.reconnectButton.hidden = offline;
    this.importedLine.hidden = !offline;
    const from = offline ? `${session.importedFrom ?? 'Imported'} · offline record` : '';
    setVisibleText(this.importedText, from, FACT_TEXT);
  }

  /**
   * Engine.IO / Socket.IO sessions show their sid, transport, protocol, heartbeat and namespaces; SSE and polling
   * sessions (issue 11) only their protocol ("Server-Sent Events over GET", "HTTP long-polling").
   */
  private updateEngineFacts(session: SessionInfoDto | undefined): void {
    const engine = session !== undefined && session.kind !== 'websocket';
    const eio = session?.kind === 'engineio' || session?.kind === 'socketio';
    this.eioFacts.hidden = !engine;
    this.subprotocol.element.hidden = engine;
    this.extensions.element.hidden = engine;
    for (const f of [this.sid, this.transport, this.ping]) f.element.hidden = !eio;
    if (!engine || !session) return;
    setVisibleText(this.sid.value, session.sid ?? '—', FACT_TEXT);
    setText(this.transport.value, transportText(session));
    setText(this.protocol.value, session.protocol ?? '—');
    setText(this.ping.value, pingText(session));
    this.namespaces.element.hidden = !session.namespaces?.length;
    this.showNamespaces(session.namespaces ?? []);
  }

  /** `/ connected, /admin failed (reason)`, each name and reason with its invisible characters shown. */
  private showNamespaces(namespaces: NonNullable<SessionInfoDto['namespaces']>): void {
    const key = JSON.stringify(namespaces);
    if (key === this.namespacesShown) return; // update() runs every frame the session changes.
    this.namespacesShown = key;
    const target = this.namespaces.value;
    target.replaceChildren();
    namespaces.forEach((n, i) => {
      if (i > 0) target.append(', ');
      appendVisibleText(target, n.name, FACT_TEXT);
      target.append(` ${n.state}`);
      if (n.reason) {
        target.append(' (');
        appendVisibleText(target, n.reason, REASON_TEXT);
        target.append(')');
      }
    });
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
