/**
 * The details pane (`#details`): what the host tells us about one event — headline, warning, facts,
 * explanation, request/response headers, the payload views — a Replay button for outgoing messages,
 * and Show/Hide secrets for masked details. Server-controlled text shows its invisible characters.
 */
import { LINKED_FACT_LABELS, type EventDetailsDto, type EventRowDto, type HeaderDto } from '../shared/dto';
import { DisposableStore, type Disposable } from './disposables';
import { clearChildren, codicon, h, iconButton, listen, setText } from './dom';
import { formatClock, formatElapsed, formatSize } from './format';
import { PayloadView } from './payloadView';
import { SecretsBar } from './secretsBar';
import { cutIndex, type VisibleTextOptions } from './visibleText';
import { appendVisibleText, MULTI_LINE, setVisibleText } from './visibleTextDom';

const SUMMARY_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 500 };
const LABEL_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 200 };
const LINKED_TEXT: VisibleTextOptions = { mode: 'line' };
/** Linked facts (`#N` links) are one line, cut at this length. */
const LINKED_MAX_CHARS = 2000;

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
}

/** Fills a linked fact's cell: text with each `#N` as a link button (`.fact-link[data-seq]`). */
function appendLinkedValue(cell: HTMLElement, value: string): void {
  const end = cutIndex(value, LINKED_MAX_CHARS);
  for (const part of value.slice(0, end).split(/(#\d+)/)) {
    const seq = /^#(\d+)$/.exec(part)?.[1];
    if (seq) cell.append(h('button', { class: 'fact-link', text: part, attrs: { type: 'button', 'data-seq': seq, title: `Show event ${part}` } }));
    else if (part) appendVisibleText(cell, part, LINKED_TEXT);
  }
  if (end < value.length) cell.append('…');
}

const DIRECTION_WORD: Record<EventRowDto['direction'], string> = { in: 'Received', out: 'Sent', local: 'Local' };

/** Fills a two-column table from label/value pairs. Values may hold line breaks (long header values wrap). */
function fillTable(table: HTMLTableElement, pairs: ReadonlyArray<readonly [string, string]>, links = false): void {
  clearChildren(table);
  const body = h('tbody');
  for (const [label, value] of pairs) {
    const cell = h('td');
    if (links && LINKED_FACT_LABELS.includes(label)) appendLinkedValue(cell, value);
    else appendVisibleText(cell, value, MULTI_LINE);
    const heading = h('th', { attrs: { scope: 'row' } });
    appendVisibleText(heading, label, LABEL_TEXT);
    body.append(h('tr', { attrs: { 'data-fact': label } }, [heading, cell]));
  }
  table.append(body);
}

/** A titled section holding one table. */
function tableSection(id: string, title: string): { section: HTMLElement; table: HTMLTableElement } {
  const table = h('table', { id, class: 'kv-table' });
  const section = h('section', { id: `${id}-section`, class: 'details-section' }, [h('h3', { text: title }), table]);
  return { section, table };
}

/** Renders details; the app decides when to load and which reply is current. */
export class DetailsPane implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly placeholder = h('div', { id: 'details-placeholder', class: 'details-placeholder', text: 'Select an event to see its details.' });
  private readonly summary = h('h2', { id: 'details-summary', class: 'details-summary' });
  private readonly meta = h('div', { id: 'details-meta', class: 'details-meta' });
  private readonly warningText = h('span', { class: 'details-warning-text' });
  private readonly warning = h('div', { id: 'details-warning', class: 'details-warning', attrs: { role: 'note', hidden: true } }, [
    codicon('warning'), h('span', { class: 'details-warning-label', text: 'Warning' }), this.warningText,
  ]);
  private readonly secrets: SecretsBar;
  private readonly facts = h('table', { id: 'details-facts', class: 'kv-table' });
  private readonly explanation = h('p', { id: 'details-explanation', class: 'details-explanation' });
  private readonly requestHeaders = tableSection('details-request-headers', 'Request headers');
  private readonly responseHeaders = tableSection('details-response-headers', 'Response headers');
  private readonly payload = this.disposables.add(new PayloadView());
  private readonly replayButton = iconButton('btn-replay', 'debug-restart', 'Replay', 'small');
  private readonly status = h('span', { id: 'details-status', class: 'details-status', attrs: { role: 'status' } });
  private readonly content: HTMLElement;
  private shownSeq: number | undefined;
  /** Unmasked details are on screen: they must go before anything else loads. */
  private showingSecrets = false;

  constructor(private readonly actions: DetailsActions) {
    this.secrets = this.disposables.add(new SecretsBar({ reload: (seq, reveal) => this.actions.reload?.(seq, reveal) }));
    this.content = h('div', { class: 'details-content', attrs: { hidden: true } }, [
      h('div', { class: 'details-heading' }, [this.summary, h('span', { class: 'toolbar-spacer' }), this.replayButton]),
      this.meta,
      this.warning,
      this.secrets.element,
      this.status,
      this.explanation,
      this.facts,
      this.requestHeaders.section,
      this.responseHeaders.section,
      this.payload.element,
    ]);
    this.element = h('aside', { id: 'details', class: 'details', attrs: { 'aria-label': 'Event details' } }, [this.placeholder, this.content]);
    this.disposables.add(listen(this.replayButton, 'click', () => void this.replay()));
    this.disposables.add(listen(this.facts, 'click', (event) => {
      const seq = Number((event.target as Element | null)?.closest('.fact-link')?.getAttribute('data-seq'));
      if (Number.isSafeInteger(seq) && seq > 0) this.actions.select?.(seq);
    }));
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
    setVisibleText(this.summary, details.summary ?? `${row.layer} ${row.type}`, SUMMARY_TEXT);
    setText(this.meta, `#${row.seq} · ${DIRECTION_WORD[row.direction]} · ${row.layer} ${row.type} · ${formatSize(row.size)} · ${formatClock(row.time)} (${formatElapsed(row.elapsed)})`);
    this.warning.hidden = !row.warning;
    setVisibleText(this.warningText, row.warning ?? '', MULTI_LINE);
    this.secrets.update(details);
    // The row's warning is drawn above; a host that also lists it as a fact would show it twice.
    const facts = details.facts.filter(([label, value]) => !(label === 'Warning' && value === row.warning));
    fillTable(this.facts, facts, true);
    this.facts.hidden = facts.length === 0;
    this.explanation.hidden = !details.explanation;
    setVisibleText(this.explanation, details.explanation ?? '', MULTI_LINE);
    this.showHeaders(this.requestHeaders, details.requestHeaders);
    this.showHeaders(this.responseHeaders, details.responseHeaders);
    this.payload.show(details.payload);
    this.replayButton.hidden = !details.replayable;
    this.replayButton.disabled = false;
    this.setStatus('', false);
  }

  /** Empties everything that may hold unmasked values, so none outlives its screen (DOM or caches). */
  private forgetSecrets(): void {
    this.secrets.clear();
    if (!this.showingSecrets) return;
    this.showingSecrets = false;
    for (const table of [this.facts, this.requestHeaders.table, this.responseHeaders.table]) clearChildren(table);
    for (const el of [this.summary, this.explanation, this.warningText]) setVisibleText(el, '', MULTI_LINE);
    this.payload.clear();
  }

  private showHeaders(target: { section: HTMLElement; table: HTMLTableElement }, headers: HeaderDto[] | undefined): void {
    target.section.hidden = !headers || headers.length === 0;
    fillTable(target.table, headers ?? []);
  }

  private setStatus(text: string, isError: boolean): void {
    setText(this.status, text);
    this.status.hidden = !text;
    this.status.classList.toggle('error', isError);
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

  dispose(): void {
    this.disposables.dispose();
  }
}
