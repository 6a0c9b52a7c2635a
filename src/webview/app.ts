/**
 * The panel app: owns the components, the row store and the request helper, turns host messages
 * into component updates, and renders at most once per animation frame.
 */
import type { SessionInfoDto } from '../shared/dto';
import type { HostToWebview } from '../shared/protocol';
import type { SendRequest } from '../shared/sendRequest';
import { Composer, type ComposerDraft, type SendOutcome } from './composer';
import { DetailsPane, type ReplayOutcome } from './detailsPane';
import { DisposableStore, toDisposable, type Disposable } from './disposables';
import { codicon, h, listen, setText } from './dom';
import { EventTable, type SelectionSource } from './eventTable';
import { formatCount } from './format';
import { FrameScheduler } from './frameScheduler';
import type { HostBridge } from './hostBridge';
import { FilteredRows, LAYER_GROUPS, type LayerGroup } from './rowFilter';
import { MemoryRowStore, type RowStore } from './rowStore';
import { RpcClient } from './rpc';
import { SessionHeader } from './sessionHeader';
import { UpgradeTimeline } from './upgradeTimeline';

const LAYER_LABELS: Record<LayerGroup, string> = { http: 'HTTP', ws: 'WS', eio: 'Engine.IO', sio: 'Socket.IO' };

/** Pause after an arrow key before loading details, so holding the key does not flood the host. */
const KEYBOARD_DETAILS_DELAY_MS = 120;

/** What the webview keeps in VS Code's state across reloads. */
interface SavedState {
  composer?: Partial<ComposerDraft>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The whole panel. */
export class PanelApp implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly store: RowStore = new MemoryRowStore();
  private readonly rows = new FilteredRows(this.store);
  private readonly rpc: RpcClient;
  private readonly frame = this.disposables.add(new FrameScheduler(() => this.renderFrame()));
  private readonly header: SessionHeader;
  private readonly table: EventTable;
  private readonly details: DetailsPane;
  private readonly composer: Composer;
  private readonly timeline: UpgradeTimeline;
  private readonly filter = h('input', { id: 'filter', class: 'filter-input', attrs: { type: 'search', placeholder: 'Filter (type, layer, data)', 'aria-label': 'Filter events', spellcheck: 'false' } });
  private readonly count = h('span', { id: 'event-count', class: 'event-count', attrs: { 'aria-live': 'off' } });
  private readonly layerBoxes = LAYER_GROUPS.map((group) => h('input', { attrs: { type: 'checkbox', checked: true, 'data-layer': group, 'aria-label': `Show ${LAYER_LABELS[group]} rows` } }));
  private readonly layerFilter = h('div', { id: 'layer-filter', class: 'layer-filter', attrs: { role: 'group', 'aria-label': 'Layers' } },
    LAYER_GROUPS.map((group, i) => h('label', { class: 'layer-toggle', attrs: { title: `Show ${LAYER_LABELS[group]} rows` } }, [this.layerBoxes[i], h('span', { text: LAYER_LABELS[group] })])));

  private session: SessionInfoDto | undefined;
  /** The session received since the last frame, drawn on the next one. */
  private pendingSession: SessionInfoDto | undefined;
  /** Filter text typed since the last frame: applied once per frame however fast the user types. */
  private pendingQuery: string | undefined;
  /** Bumped per details request; a reply for an older token is stale and dropped. */
  private detailsToken = 0;
  private detailsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement, private readonly host: HostBridge) {
    this.rpc = this.disposables.add(new RpcClient((message) => host.post(message)));
    this.header = this.disposables.add(new SessionHeader({
      disconnect: () => host.post({ type: 'session/disconnect' }),
      reconnect: () => host.post({ type: 'session/reconnect' }),
    }));
    this.table = this.disposables.add(new EventTable(this.rows, {
      onSelect: (seq, source) => this.onSelect(seq, source),
      requestRender: () => this.frame.schedule(),
      onToggleChildren: (seq) => {
        this.rows.toggleCollapsed(seq);
        this.table.rowsReset(this.emptyText());
        this.frame.schedule();
      },
    }));
    const reveal = (seq: number): void => {
      this.table.reveal(seq);
      this.onSelect(seq, 'pointer');
    };
    this.details = this.disposables.add(new DetailsPane({
      replay: (seq) => this.replay(seq),
      select: reveal,
      reload: (seq, revealSecrets) => void this.loadDetails(seq, revealSecrets),
    }));
    this.timeline = this.disposables.add(new UpgradeTimeline({ select: reveal }));
    const saved = host.getState<SavedState>();
    this.composer = this.disposables.add(new Composer(
      { send: (request) => this.send(request), onDraftChange: () => this.saveState() },
      saved?.composer,
    ));

    const toolbar = h('div', { class: 'table-toolbar' }, [
      h('label', { class: 'filter' }, [codicon('filter'), this.filter]),
      this.layerFilter,
      this.count,
    ]);
    root.classList.add('panel');
    root.append(
      this.header.element,
      this.timeline.element,
      h('div', { class: 'main-split' }, [h('div', { class: 'table-column' }, [toolbar, this.table.element]), this.details.element]),
      this.composer.element,
    );
    this.disposables.add(toDisposable(() => root.replaceChildren()));
    this.disposables.add(listen(this.filter, 'input', () => { this.pendingQuery = this.filter.value; this.frame.schedule(); }));
    this.disposables.add(listen(this.filter, 'keydown', (e) => {
      if (e.key === 'Escape' && this.filter.value) { this.filter.value = ''; this.pendingQuery = ''; this.frame.schedule(); }
      if (e.key === 'ArrowDown') { e.preventDefault(); this.table.focus(); }
    }));
    this.disposables.add(listen(this.layerFilter, 'change', () => {
      this.rows.setHiddenLayers(new Set(this.layerBoxes.filter((box) => !box.checked).map((box) => box.dataset.layer ?? '')));
      this.table.rowsReset(this.emptyText());
      this.frame.schedule();
    }));
    this.disposables.add(toDisposable(() => clearTimeout(this.detailsTimer)));
    this.disposables.add(host.onMessage((message) => this.onMessage(message)));
    this.frame.schedule();
    // Last: the listener is in place before the host can answer with a snapshot.
    host.post({ type: 'webview/ready' });
  }

  private onMessage(message: HostToWebview): void {
    if (this.rpc.handleReply(message)) return;
    switch (message.type) {
      case 'session/snapshot': {
        const sameSession = this.session?.id === message.session.id;
        this.session = message.session;
        this.pendingSession = message.session;
        this.store.reset(message.rows, message.total);
        this.rows.rebuild();
        if (!sameSession) {
          // Another session (Reconnect opens a new one): the old selection means nothing here.
          this.table.select(undefined);
          this.detailsToken++;
          this.details.showPlaceholder('Select an event to see its details.');
        }
        this.table.rowsReset(this.emptyText());
        break;
      }
      case 'session/changed':
        this.session = message.session;
        this.pendingSession = message.session;
        break;
      case 'events/appended':
        this.table.rowsAppended(this.rows.noteAppended(this.store.append(message.rows, message.total)));
        break;
      case 'composer/focus':
        this.composer.focus();
        return;
      case 'events/page':
      case 'events/details':
      case 'send/result':
        return; // Replies: handled by the rpc helper above.
      default:
        return; // An unknown type from a newer host: ignore rather than break.
    }
    this.frame.schedule();
  }

  private emptyText(): string {
    return this.rows.isFiltered ? 'No events match the filter.' : 'No events yet.';
  }

  /** The single render pass per frame. */
  private renderFrame(): void {
    if (this.pendingQuery !== undefined) {
      this.rows.setQuery(this.pendingQuery);
      this.pendingQuery = undefined;
      this.table.rowsReset(this.emptyText());
    }
    if (this.pendingSession) {
      this.header.update(this.pendingSession);
      this.timeline.update(this.pendingSession.kind === 'websocket' ? undefined : this.pendingSession.timeline ?? [], this.pendingSession);
      this.composer.setSessionKind(this.pendingSession.kind);
      this.composer.setSessionOpen(this.pendingSession.state === 'open');
      this.pendingSession = undefined;
    }
    this.table.render();
    this.renderCount();
  }

  private renderCount(): void {
    const held = this.store.count;
    let text = this.rows.isFiltered ? `${formatCount(this.rows.count)} of ${formatCount(held)}` : `${formatCount(held)} events`;
    if (this.store.hostTotal > held) text += ` · newest ${formatCount(held)} of ${formatCount(this.store.hostTotal)} shown`;
    // Dropped by the host to stay within the log's memory limits (issue #7): say so, or they just vanish.
    const notKept = this.session?.eventsNotKept ?? 0;
    if (notKept > 0) text += ` · ${formatCount(notKept)} oldest ${notKept === 1 ? 'event' : 'events'} not kept (log limit)`;
    setText(this.count, text);
    // The toolbar may cut the line short: the title carries all of it.
    const title = notKept > 0 ? `${text}. The log keeps a limited number of events and payload bytes in memory; older events were dropped.` : '';
    if (this.count.title !== title) this.count.title = title;
  }

  private onSelect(seq: number, source: SelectionSource): void {
    clearTimeout(this.detailsTimer);
    if (source === 'keyboard') this.detailsTimer = setTimeout(() => void this.loadDetails(seq), KEYBOARD_DETAILS_DELAY_MS);
    else void this.loadDetails(seq);
  }

  /**
   * Loads the details of `seq`. `reveal` only comes from the pane's "Show secrets" button: selecting a
   * row never reveals, and revealed details live only in the pane's DOM, never in saveState().
   */
  private async loadDetails(seq: number, reveal = false): Promise<void> {
    const token = ++this.detailsToken;
    this.details.showLoading(this.store.getBySeq(seq));
    try {
      const reply = await this.rpc.request('events/getDetails', reveal ? { seq, reveal: true } : { seq });
      if (token !== this.detailsToken) return;
      if (reply.details) this.details.show(reply.details);
      else this.details.showPlaceholder(`Event #${seq} is no longer in the log.`);
    } catch (error) {
      if (token === this.detailsToken) this.details.showPlaceholder(`Could not load event #${seq}: ${errorText(error)}`, true);
    }
  }

  private async send(request: SendRequest): Promise<SendOutcome> {
    const reply = await this.rpc.request('composer/send', { request });
    return { ok: reply.ok, error: reply.error, seq: reply.seq };
  }

  private async replay(seq: number): Promise<ReplayOutcome> {
    try {
      const reply = await this.rpc.request('events/replay', { seq });
      if (!reply.ok) return { ok: false, message: reply.error || 'The message was not sent again.' };
      return { ok: true, message: reply.seq !== undefined ? `Replayed as #${reply.seq}` : 'Replayed' };
    } catch (error) {
      return { ok: false, message: errorText(error) };
    }
  }

  private saveState(): void {
    const state: SavedState = { composer: this.composer.draft };
    this.host.setState(state);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
