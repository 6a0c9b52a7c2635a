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
import { h } from './dom';
import { EventTable, type SelectionSource } from './eventTable';
import { FrameScheduler } from './frameScheduler';
import type { HostBridge } from './hostBridge';
import { FilteredRows } from './rowFilter';
import { MemoryRowStore, type RowStore } from './rowStore';
import { RpcClient, RpcError } from './rpc';
import { SessionHeader } from './sessionHeader';
import { TableToolbar } from './tableToolbar';
import { UpgradeSequenceDiagram } from './upgradeSequenceDiagram';

/** Pause after an arrow key before loading details, so holding the key does not flood the host. */
const KEYBOARD_DETAILS_DELAY_MS = 120;

/** What the webview keeps in VS Code's state across reloads. */
interface SavedState {
  composer?: Partial<ComposerDraft>;
}

function errorText(error: unknown): string {
  if (error instanceof RpcError) return withHint(error.message, error.hint) ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/** "message — hint", as one status line. */
function withHint(message: string | undefined, hint: string | undefined): string | undefined {
  return message !== undefined && hint ? `${message} ${hint}` : message;
}

/** The whole panel. */
export class PanelApp implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly store: RowStore = new MemoryRowStore();
  private readonly rows = new FilteredRows(this.store);
  private readonly rpc: RpcClient;
  private readonly frame = this.disposables.add(new FrameScheduler(() => this.renderFrame()));
  private readonly header: SessionHeader;
  private readonly toolbar: TableToolbar;
  private readonly table: EventTable;
  private readonly details: DetailsPane;
  private readonly composer: Composer;
  private readonly upgradeDiagram: UpgradeSequenceDiagram;

  private session: SessionInfoDto | undefined;
  /** The session received since the last frame, drawn on the next one. */
  private pendingSession: SessionInfoDto | undefined;
  /** Filter text typed since the last frame: applied once per frame however fast the user types. */
  private pendingQuery: string | undefined;
  /** Bumped per details request; a reply for an older token is stale and dropped. */
  private detailsToken = 0;
  private detailsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: HostBridge,
  ) {
    this.rpc = this.disposables.add(new RpcClient((message) => host.post(message)));
    this.header = this.disposables.add(
      new SessionHeader({
        disconnect: () => host.post({ type: 'session/disconnect' }),
        reconnect: () => host.post({ type: 'session/reconnect' }),
      }),
    );
    this.table = this.disposables.add(
      new EventTable(this.rows, {
        onSelect: (seq, source) => this.onSelect(seq, source),
        requestRender: () => this.frame.schedule(),
        onToggleChildren: (seq) => this.refilter(() => this.rows.toggleCollapsed(seq)),
      }),
    );
    this.toolbar = this.disposables.add(
      new TableToolbar({
        onQuery: (query) => {
          this.pendingQuery = query;
          this.frame.schedule();
        },
        onHiddenLayers: (groups) => this.refilter(() => this.rows.setHiddenLayers(groups)),
        onLeaveToTable: () => this.table.focus(),
      }),
    );
    const reveal = (seq: number): void => {
      this.table.reveal(seq);
      this.onSelect(seq, 'pointer');
    };
    this.details = this.disposables.add(
      new DetailsPane({
        replay: (seq) => this.replay(seq),
        select: reveal,
        reload: (seq, revealSecrets) => void this.loadDetails(seq, revealSecrets),
      }),
    );
    this.upgradeDiagram = this.disposables.add(new UpgradeSequenceDiagram({ select: reveal }));
    this.composer = this.disposables.add(
      new Composer(
        { send: (request) => this.send(request), onDraftChange: () => this.saveState() },
        host.getState<SavedState>()?.composer,
      ),
    );
    this.mount(root);
    this.disposables.add(toDisposable(() => clearTimeout(this.detailsTimer)));
    this.disposables.add(host.onMessage((message) => this.onMessage(message)));
    this.frame.schedule();
    // Last: the listener is in place before the host can answer with a snapshot.
    host.post({ type: 'webview/ready' });
  }

  dispose(): void {
    this.disposables.dispose();
  }

  /** Puts the components into `root`, and takes them out again on dispose. */
  private mount(root: HTMLElement): void {
    const tableColumn = h('div', { class: 'table-column' }, [this.toolbar.element, this.table.element]);
    root.classList.add('panel');
    root.append(
      this.header.element,
      this.upgradeDiagram.element,
      h('div', { class: 'main-split' }, [tableColumn, this.details.element]),
      this.composer.element,
    );
    this.disposables.add(toDisposable(() => root.replaceChildren()));
  }

  /** Changes what the filtered rows show (layers, folds); the table then keeps the selection in view. */
  private refilter(change: () => void): void {
    change();
    this.table.rowsReset(this.emptyText());
    this.frame.schedule();
  }

  private onMessage(message: HostToWebview): void {
    if (this.rpc.handleReply(message)) return;
    switch (message.type) {
      case 'session/snapshot':
        this.applySnapshot(message);
        break;
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

  /** A `session/snapshot`: replaces the rows, and forgets the selection when the session is another. */
  private applySnapshot(snapshot: Extract<HostToWebview, { type: 'session/snapshot' }>): void {
    const sameSession = this.session?.id === snapshot.session.id;
    this.session = snapshot.session;
    this.pendingSession = snapshot.session;
    this.store.reset(snapshot.rows, snapshot.total);
    this.rows.rebuild();
    if (!sameSession) {
      // Another session (Reconnect opens a new one): the old selection means nothing here.
      this.table.select(undefined);
      this.detailsToken++;
      this.details.showPlaceholder('Select an event to see its details.');
    }
    this.table.rowsReset(this.emptyText());
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
      this.renderSession(this.pendingSession);
      this.pendingSession = undefined;
    }
    this.table.render();
    this.toolbar.showCount({
      shown: this.rows.count,
      held: this.store.count,
      hostTotal: this.store.hostTotal,
      notKept: this.session?.eventsNotKept ?? 0,
      filtered: this.rows.isFiltered,
    });
  }

  private renderSession(session: SessionInfoDto): void {
    this.header.update(session);
    this.upgradeDiagram.update(session.kind === 'websocket' ? undefined : (session.timeline ?? []), session);
    this.composer.setSendKinds(session.kind, session.sendKinds);
    this.composer.setSessionOpen(session.state === 'open');
  }

  private onSelect(seq: number, source: SelectionSource): void {
    clearTimeout(this.detailsTimer);
    if (source === 'keyboard') {
      this.detailsTimer = setTimeout(() => void this.loadDetails(seq), KEYBOARD_DETAILS_DELAY_MS);
    } else {
      void this.loadDetails(seq);
    }
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
      if (token !== this.detailsToken) return;
      this.details.showPlaceholder(`Could not load event #${seq}: ${errorText(error)}`, true);
    }
  }

  private async send(request: SendRequest): Promise<SendOutcome> {
    try {
      const reply = await this.rpc.request('composer/send', { request });
      return { ok: reply.ok, error: withHint(reply.error, reply.hint), seq: reply.seq };
    } catch (error) {
      // The host refused the request itself (request/failed): its words, at once, not a timeout.
      if (error instanceof RpcError && error.code === 'failed')
        return { ok: false, error: withHint(error.message, error.hint) };
      throw error;
    }
  }

  private async replay(seq: number): Promise<ReplayOutcome> {
    try {
      const reply = await this.rpc.request('events/replay', { seq });
      if (!reply.ok)
        return { ok: false, message: withHint(reply.error, reply.hint) || 'The message was not sent again.' };
      return { ok: true, message: reply.seq !== undefined ? `Replayed as #${reply.seq}` : 'Replayed' };
    } catch (error) {
      return { ok: false, message: errorText(error) };
    }
  }

  private saveState(): void {
    const saved: SavedState = { composer: this.composer.draft };
    this.host.setState(saved);
  }
}
