/**
 * The panel app: owns the components and the request helper, turns host messages into component
 * updates, saves its place in VS Code's webview state, and renders at most once per animation frame.
 * The rows come in pages from the host (tableController.ts, issue #9).
 */
import type { SessionInfoDto } from '../shared/dto';
import type { HostToWebview } from '../shared/protocol';
import { onReceiverClock } from '../shared/reconnectCountdown';
import type { SendRequest } from '../shared/sendRequest';
import { Composer, type ComposerDraft, type SendOutcome } from './composer';
import { DetailsPane, type ReplayOutcome } from './detailsPane';
import { DisposableStore, toDisposable, type Disposable } from './disposables';
import { h } from './dom';
import type { SelectionSource } from './eventTableParts';
import { FrameScheduler } from './frameScheduler';
import type { HostBridge } from './hostBridge';
import { readPanelState, stateChanged, type PanelState } from './panelState';
import { RowActions } from './rowActions';
import { rowActionRequests } from './rowActionRequests';
import { RpcClient, RpcError } from './rpc';
import { SessionHeader } from './sessionHeader';
import { TableController } from './tableController';
import { UpgradeSequenceDiagram } from './upgradeSequenceDiagram';

/** Pause after an arrow key before loading details, so holding the key does not flood the host. */
const KEYBOARD_DETAILS_DELAY_MS = 120;

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
  private readonly rpc: RpcClient;
  private readonly frame = this.disposables.add(new FrameScheduler(() => this.renderFrame()));
  private readonly header: SessionHeader;
  private readonly table: TableController;
  private readonly details: DetailsPane;
  private readonly rowActions: RowActions;
  private readonly composer: Composer;
  private readonly upgradeDiagram: UpgradeSequenceDiagram;

  private session: SessionInfoDto | undefined;
  /** The session received since the last frame, drawn on the next one. */
  private pendingSession: SessionInfoDto | undefined;
  /** What was saved last (setState runs only when the place changed). */
  private saved: PanelState;
  /** Bumped per details request; a reply for an older token is stale and dropped. */
  private detailsToken = 0;
  private detailsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: HostBridge,
  ) {
    this.rpc = this.disposables.add(new RpcClient((message) => host.post(message)));
    this.saved = readPanelState(host.getState());
    this.header = this.disposables.add(
      new SessionHeader({
        disconnect: () => host.post({ type: 'session/disconnect' }),
        reconnect: () => host.post({ type: 'session/reconnect' }),
        retryNow: () => host.post({ type: 'session/retryNow' }),
        cancelReconnect: () => host.post({ type: 'session/cancelReconnect' }),
        exportSession: () => host.post({ type: 'session/export' }),
      }),
    );
    this.table = this.disposables.add(
      new TableController(this.saved, {
        rpc: this.rpc,
        post: (message) => host.post(message),
        onSelect: (seq, source) => this.onSelect(seq, source),
        requestRender: () => this.frame.schedule(),
        onGone: (seq) => this.details.showPlaceholder(`Event #${seq} is no longer in the log.`),
        errorText,
      }),
    );
    const reveal = (seq: number): void => void this.table.revealSeq(seq);
    this.rowActions = this.disposables.add(new RowActions(rowActionRequests(this.rpc, errorText)));
    this.details = this.disposables.add(
      new DetailsPane({
        replay: (seq) => this.replay(seq),
        select: reveal,
        reload: (seq, revealSecrets) => void this.loadDetails(seq, revealSecrets),
        openPayload: (seq) => this.openPayload(seq),
        rowActions: this.rowActions,
      }),
    );
    this.upgradeDiagram = this.disposables.add(new UpgradeSequenceDiagram({ select: reveal }));
    this.composer = this.disposables.add(
      new Composer(
        { send: (request) => this.send(request), onDraftChange: () => this.frame.schedule() },
        this.saved.composer as Partial<ComposerDraft> | undefined,
      ),
    );
    this.mount(root);
    this.disposables.add(toDisposable(() => clearTimeout(this.detailsTimer)));
    this.disposables.add(host.onMessage((message) => this.onMessage(message)));
    this.frame.schedule();
    // Last: the listener is in place before the host can answer with a snapshot.
    host.post(this.table.readyMessage());
  }

  dispose(): void {
    this.disposables.dispose();
  }

  /** Puts the components into `root`, and takes them out again on dispose. */
  private mount(root: HTMLElement): void {
    const tableColumn = h('div', { class: 'table-column' }, [this.table.toolbar.element, this.table.table.element]);
    root.classList.add('panel');
    root.append(
      this.header.element,
      this.upgradeDiagram.element,
      h('div', { class: 'main-split' }, [tableColumn, this.details.element]),
      this.composer.element,
    );
    this.disposables.add(toDisposable(() => root.replaceChildren()));
  }

  private onMessage(message: HostToWebview): void {
    if (this.rpc.handleReply(message)) return;
    switch (message.type) {
      case 'session/snapshot':
        this.applySnapshot(message);
        break;
      case 'session/changed':
        // Issue 12: the reconnect countdown counts on this machine's clock from the time left on receipt.
        this.session = onReceiverClock(message.session, Date.now());
        this.pendingSession = this.session;
        this.table.onSessionChanged(message.session.eventsOnDisk);
        break;
      case 'events/appended':
        this.table.onAppended(message);
        break;
      case 'events/queryFailed':
        this.table.onQueryFailed(message);
        break;
      case 'composer/focus':
        this.composer.focus();
        return;
      case 'events/page':
      case 'events/located':
      case 'events/queryStarted':
      case 'events/details':
      case 'payload/opened':
      case 'send/result':
        return; // Replies: handled by the rpc helper above.
      default:
        return; // An unknown type from a newer host: ignore rather than break.
    }
    this.frame.schedule();
  }

  /** A `session/snapshot`: the view's newest rows; the selection goes when the session is another. */
  private applySnapshot(snapshot: Extract<HostToWebview, { type: 'session/snapshot' }>): void {
    const sameSession = this.session === undefined || this.session.id === snapshot.session.id;
    this.session = onReceiverClock(snapshot.session, Date.now());
    this.pendingSession = this.session;
    this.table.onSnapshot(snapshot, sameSession);
    if (!sameSession) {
      // Another session (Reconnect opens a new one): the old selection means nothing here.
      this.detailsToken++;
      this.details.showPlaceholder('Select an event to see its details.');
      this.rowActions.resetRange();
    }
  }

  /** The single render pass per frame. */
  private renderFrame(): void {
    if (this.pendingSession) {
      this.renderSession(this.pendingSession);
      this.pendingSession = undefined;
    }
    this.table.render();
    this.saveState();
  }

  private renderSession(session: SessionInfoDto): void {
    this.header.update(session);
    // Only Engine.IO sessions have an upgrade timeline (the host sends none for the other kinds).
    this.upgradeDiagram.update(session.timeline, session);
    this.composer.setSendKinds(session.kind, session.sendKinds, session.kindLabel, session.offline);
    this.table.toolbar.showLayersFor(session.kind);
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
    this.details.showLoading(this.table.rowBySeq(seq));
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

  /** Asks the host to open the whole payload of `seq` in an editor; the error in words, or undefined. */
  private async openPayload(seq: number): Promise<string | undefined> {
    try {
      const reply = await this.rpc.request('events/openPayload', { seq });
      return reply.ok ? undefined : (reply.error ?? 'The payload could not be opened.');
    } catch (error) {
      return errorText(error);
    }
  }

  /** Saves the place and the composer's draft when they changed (runs once per frame). */
  private saveState(): void {
    const state: PanelState = { ...this.table.state(), composer: this.composer.draft };
    if (!stateChanged(state, this.saved)) return;
    this.saved = state;
    this.host.setState(state);
  }
}
