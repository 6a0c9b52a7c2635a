/**
 * The details pane (`#details`): what the host tells us about one event — headline, warning, facts,
 * explanation, request/response headers, the payload views, an SSE block as it arrived — a Replay button for
 * outgoing messages, and Show/Hide secrets for masked details. Server-controlled text shows its invisible
 * characters.
 */
import type { EventDetailsDto, EventRowDto, HeaderDto } from '../shared/dto';
import { fillTable, tableSection, type TableSection } from './detailsTables';
import { DisposableStore, type Disposable } from './disposables';
import { clearChildren, codicon, h, iconButton, listen, setText } from './dom';
import { formatClock, formatElapsed, formatSize } from './format';
import { PayloadTabs } from './payloadTabs';
import { RawBlockSection } from './rawBlockSection';
import { SecretsBar } from './secretsBar';
import type { VisibleTextOptions } from './visibleText';
import { MULTI_LINE, setVisibleText } from './visibleTextDom';

const SUMMARY_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 500 };

/** The outcome of a replay, in words for the status line. */
export interface ReplayOutcome {
  ok: boolean;
  message: string;
}

/** What the pane asks of the app. */
export interface DetailsActions {
  replay(seq: number): Promise<ReplayOutcome>;
  /** A `#N` link in the facts was clicked: select event N. */
  select?(seq: number): void;
  /** Load the details of `seq` again, unmasked when `reveal` is true ("Show secrets" / "Hide secrets"). */
  reload?(seq: number, reveal: boolean): void;
  /** Open the whole payload of `seq` in an editor; resolves with an error message, or undefined. */
  openPayload?(seq: number): Promise<string | undefined>;
  /** More actions on the row, drawn under the heading (rowActions.ts). */
  rowActions?: { readonly element: HTMLElement; show(details: EventDetailsDto): void };
}

const DIRECTION_WORD: Record<EventRowDto['direction'], string> = { in: 'Received', out: 'Sent', local: 'Local' };

/** The line under the headline: `#12 · Received · ws frame · 1.2 KiB · 13:05:09.007 (+1.234s)`. */
function metaLine(row: EventRowDto): string {
  const when = `${formatClock(row.time)} (${formatElapsed(row.elapsed)})`;
  const what = `${DIRECTION_WORD[row.direction]} · ${row.layer} ${row.type} · ${formatSize(row.size)}`;
  return `#${row.seq} · ${what} · ${when}`;
}

/** Renders details; the app decides when to load and which reply is current. */
export class DetailsPane implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly placeholder = h('div', {
    id: 'details-placeholder',
    class: 'details-placeholder',
    text: 'Select an event to see its details.',
  });
  private readonly summary = h('h2', { id: 'details-summary', class: 'details-summary' });
  private readonly meta = h('div', { id: 'details-meta', class: 'details-meta' });
  private readonly warningText = h('span', { class: 'details-warning-text' });
  private readonly warning = h(
    'div',
    {
      id: 'details-warning',
      class: 'details-warning',
      attrs: { role: 'note', hidden: true },
    },
    [codicon('warning'), h('span', { class: 'details-warning-label', text: 'Warning' }), this.warningText],
  );
  private readonly secrets: SecretsBar;
  private readonly facts = h('table', { id: 'details-facts', class: 'kv-table' });
  private readonly explanation = h('p', { id: 'details-explanation', class: 'details-explanation' });
  private readonly requestHeaders = tableSection('details-request-headers', 'Request headers');
  private readonly responseHeaders = tableSection('details-response-headers', 'Response headers');
  private readonly payloadTabs = this.disposables.add(
    new PayloadTabs({
      openInEditor: async () => {
        const seq = this.shownSeq;
        if (seq === undefined || !this.actions.openPayload) return 'Nothing to open.';
        return this.actions.openPayload(seq);
      },
    }),
  );
  private readonly rawBlock = new RawBlockSection();
  private readonly replayButton = iconButton('btn-replay', 'debug-restart', 'Replay', 'small');
  private readonly statusLine = h('span', { id: 'details-status', class: 'details-status', attrs: { role: 'status' } });
  private readonly content: HTMLElement;
  private shownSeq: number | undefined;
  /** Unmasked details are on screen: they must go before anything else loads. */
  private showingSecrets = false;

  constructor(private readonly actions: DetailsActions) {
    this.secrets = this.disposables.add(
      new SecretsBar({
        reload: (seq, reveal) => this.actions.reload?.(seq, reveal),
      }),
    );
    const heading = h('div', { class: 'details-heading' }, [
      this.summary,
      h('span', { class: 'toolbar-spacer' }),
      this.replayButton,
    ]);
    this.content = h('div', { class: 'details-content', attrs: { hidden: true } }, [
      heading,
      this.actions.rowActions?.element,
      this.meta,
      this.warning,
      this.secrets.element,
      this.statusLine,
      this.explanation,
      this.facts,
      this.requestHeaders.section,
      this.responseHeaders.section,
      this.payloadTabs.element,
      this.rawBlock.element,
    ]);
    const paneAttrs = { 'aria-label': 'Event details' };
    this.element = h('aside', { id: 'details', class: 'details', attrs: paneAttrs }, [this.placeholder, this.content]);
    this.disposables.add(listen(this.replayButton, 'click', () => void this.replay()));
    this.disposables.add(
      listen(this.facts, 'click', (event) => {
        const seq = Number((event.target as Element | null)?.closest('.fact-link')?.getAttribute('data-seq'));
        if (Number.isSafeInteger(seq) && seq > 0) this.actions.select?.(seq);
      }),
    );
  }

  /** Shows the placeholder text instead of details (nothing selected, event gone, load failed). */
  showPlaceholder(text: string, isError = false): void {
    this.shownSeq = undefined;
    this.forgetSecrets();
    this.element.removeAttribute('aria-busy');
    this.content.hidden = true;
    this.placeholder.hidden = false;
    this.placeholder.classList.toggle('error', isError);
    setText(this.placeholder, text);
  }

  /**
   * Marks the pane as loading. With details on screen they stay, dimmed, until the reply replaces them:
   * walking the table with the arrow keys must not flash a placeholder on every row.
   */
  showLoading(row: EventRowDto | undefined): void {
    this.element.setAttribute('aria-busy', 'true');
    // Unmasked values never stay on screen, not even dimmed, while other details load (issue #7).
    if (!this.content.hidden && !this.showingSecrets) {
      this.content.classList.add('stale');
      return;
    }
    this.showPlaceholder(row ? `Loading #${row.seq} ${row.type}…` : 'Loading…');
    this.element.setAttribute('aria-busy', 'true'); // showPlaceholder cleared it.
  }

  /** Renders a details reply. */
  show(details: EventDetailsDto): void {
    const row = details.row;
    this.shownSeq = row.seq;
    this.placeholder.hidden = true;
    this.content.hidden = false;
    this.content.classList.remove('stale');
    this.element.removeAttribute('aria-busy');
    this.content.classList.toggle('is-error', row.isError);
    this.showingSecrets = details.revealed === true;
    this.showHeadline(details);
    this.secrets.update(details);
    this.showFacts(details);
    this.showHeaders(this.requestHeaders, details.requestHeaders);
    this.showHeaders(this.responseHeaders, details.responseHeaders);
    this.payloadTabs.show(details.payload);
    this.rawBlock.show(details.raw);
    this.replayButton.hidden = !details.replayable;
    this.replayButton.disabled = false;
    this.setStatus('', false);
    this.actions.rowActions?.show(details);
  }

  dispose(): void {
    this.disposables.dispose();
  }

  /** Summary, meta line and the row's warning. */
  private showHeadline(details: EventDetailsDto): void {
    const row = details.row;
    setVisibleText(this.summary, details.summary ?? `${row.layer} ${row.type}`, SUMMARY_TEXT);
    setText(this.meta, metaLine(row));
    this.warning.hidden = !row.warning;
    setVisibleText(this.warningText, row.warning ?? '', MULTI_LINE);
  }

  /** The facts table and the explanation under it. */
  private showFacts(details: EventDetailsDto): void {
    const warning = details.row.warning;
    // The row's warning is drawn above; a host that also lists it as a fact would show it twice.
    const facts = details.facts.filter(([label, value]) => !(label === 'Warning' && value === warning));
    fillTable(this.facts, facts, true);
    this.facts.hidden = facts.length === 0;
    this.explanation.hidden = !details.explanation;
    setVisibleText(this.explanation, details.explanation ?? '', MULTI_LINE);
  }

  /** Empties everything that may hold unmasked values, so none outlives its screen (DOM or caches). */
  private forgetSecrets(): void {
    this.secrets.clear();
    if (!this.showingSecrets) return;
    this.showingSecrets = false;
    for (const table of [this.facts, this.requestHeaders.table, this.responseHeaders.table]) clearChildren(table);
    for (const el of [this.summary, this.explanation, this.warningText]) setVisibleText(el, '', MULTI_LINE);
    this.payloadTabs.clear();
    this.rawBlock.clear();
  }

  private showHeaders(target: TableSection, headers: HeaderDto[] | undefined): void {
    target.section.hidden = !headers || headers.length === 0;
    fillTable(target.table, headers ?? []);
  }

  private setStatus(text: string, isError: boolean): void {
    setText(this.statusLine, text);
    this.statusLine.hidden = !text;
    this.statusLine.classList.toggle('error', isError);
  }

  private async replay(): Promise<void> {
    const seq = this.shownSeq;
    if (seq === undefined) return;
    this.replayButton.disabled = true;
    this.setStatus('Replaying…', false);
    const outcome = await this.actions.replay(seq);
    // The user may have moved on to another row meanwhile: report only on the row that asked.
    if (this.shownSeq !== seq) return;
    this.replayButton.disabled = false;
    this.setStatus(outcome.message, !outcome.ok);
  }
}
