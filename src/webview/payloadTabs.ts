/**
 * The payload part of the details pane (`#details-payload`): tabs Tree / Text / JSON / Hex (a JSON tree
 * and three `<pre>` views), a note when the payload was truncated, Copy (the view on screen) and Copy as
 * text, JSON or hex, and "Open in editor" for payloads bigger than the preview (issue #9).
 */
import type { PayloadViewDto } from '../shared/dto';
import { DisposableStore, type Disposable } from './disposables';
import { h, iconButton, listen, setText } from './dom';
import { formatCount, formatSize } from './format';
import { JsonTreeView } from './jsonTreeView';
import { COPY_FORMATS, copyContent, writeClipboard, type CopyFormat } from './payloadCopy';
import { MULTI_LINE, setVisibleText } from './visibleTextDom';

/** Said when a view stopped at its escape budget (each escape is a DOM node): the data is all there. */
const TOO_MANY_ESCAPES_NOTE =
  'The view stops early: too many invisible characters to show as escapes. ' +
  'The Hex view shows every byte; Copy copies everything.';

/** The payload views, in tab order. */
export type PayloadTab = 'tree' | 'text' | 'json' | 'hex';
const TABS: readonly PayloadTab[] = ['tree', 'text', 'json', 'hex'];
const TAB_LABEL: Record<PayloadTab, string> = { tree: 'Tree', text: 'Text', json: 'JSON', hex: 'Hex' };
const COPY_LABEL: Record<CopyFormat, string> = { text: 'Text', json: 'JSON', hex: 'Hex' };

/** What the payload section asks of the details pane. */
export interface PayloadActions {
  /** Open the whole payload in an editor; resolves with an error message, or undefined when it opened. */
  openInEditor?(): Promise<string | undefined>;
}

/** Whether the pane offers "Open in editor": the payload is bigger than the preview it shows. */
export function offersEditor(payload: PayloadViewDto): boolean {
  return payload.shownBytes < payload.byteLength;
}

/** The tab a payload opens on: the JSON tree when it parsed, else text, else the hex dump (always present). */
export function defaultPayloadTab(payload: PayloadViewDto): PayloadTab {
  if (payload.json !== undefined) return 'tree';
  if (payload.text !== undefined) return 'text';
  return 'hex';
}

/** The truncation note, or undefined when the whole payload is shown. */
export function truncationNote(payload: PayloadViewDto): string | undefined {
  if (!payload.truncated && payload.shownBytes >= payload.byteLength) return undefined;
  const hash = payload.sha256 ? ` SHA-256 of the full payload: ${payload.sha256}.` : '';
  const total = `${formatSize(payload.byteLength)} (${formatCount(payload.byteLength)} bytes)`;
  const shown =
    payload.shownBytes < payload.byteLength
      ? `Showing the first ${formatSize(payload.shownBytes)} of ${total}.`
      : `Truncated; the full payload is ${total}.`;
  return `${shown}${hash}`;
}

/** The text of each view as received, before escapes: what Copy copies (the tree copies its JSON). */
type ReceivedViews = Record<CopyFormat, string | undefined>;
const NOTHING_RECEIVED: ReceivedViews = { text: undefined, json: undefined, hex: undefined };

/** One tab button (`#payload-tab-<tab>`) and the view it controls (`#payload-<tab>`). */
function tabAndView(tab: PayloadTab): { button: HTMLButtonElement; view: HTMLElement } {
  const button = h('button', {
    id: `payload-tab-${tab}`,
    class: 'payload-tab',
    text: TAB_LABEL[tab],
    attrs: { type: 'button', role: 'tab', 'aria-controls': `payload-${tab}`, 'aria-selected': 'false' },
  });
  const view = h(tab === 'tree' ? 'div' : 'pre', {
    id: `payload-${tab}`,
    class: `payload-view payload-${tab}`,
    attrs: { role: 'tabpanel', tabindex: '0', 'aria-labelledby': `payload-tab-${tab}`, hidden: true },
  });
  return { button, view };
}

/** The `#details-payload` section: the details pane's payload tabs. */
export class PayloadTabs implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly tabs = new Map<PayloadTab, HTMLButtonElement>();
  private readonly views = new Map<PayloadTab, HTMLElement>();
  private readonly tree = new JsonTreeView();
  private readonly copyAs = new Map<CopyFormat, HTMLButtonElement>();
  private readonly openButton = iconButton('btn-open-payload', 'go-to-file', 'Open in editor', 'secondary small');
  private readonly title = h('span', { class: 'payload-title', text: 'Payload' });
  private readonly note = h('p', { id: 'payload-note', class: 'payload-note', attrs: { hidden: true } });
  private readonly copyButton = iconButton('btn-copy', 'copy', 'Copy', 'secondary small');
  private readonly copyStatus = h('span', { class: 'copy-status', attrs: { role: 'status' } });
  private activeTab: PayloadTab = 'hex';
  /** The views as received: Copy gives the user the real text, not the display with its escapes. */
  private received: ReceivedViews = NOTHING_RECEIVED;

  constructor(private readonly actions: PayloadActions = {}) {
    this.disposables.add(this.tree);
    const tabList = h('div', { class: 'payload-tabs', attrs: { role: 'tablist', 'aria-label': 'Payload view' } });
    for (const tab of TABS) {
      const { button, view } = tabAndView(tab);
      this.tabs.set(tab, button);
      this.views.set(tab, view);
      tabList.append(button);
      this.disposables.add(listen(button, 'click', () => this.activate(tab)));
    }
    this.disposables.add(listen(tabList, 'keydown', (e) => this.onTabKey(e)));
    this.views.get('tree')!.append(this.tree.element);
    this.disposables.add(listen(this.copyButton, 'click', () => void this.copy(this.activeFormat())));
    this.disposables.add(listen(this.openButton, 'click', () => void this.open()));
    const toolbar = h('div', { class: 'payload-toolbar' }, [
      this.title,
      tabList,
      h('span', { class: 'toolbar-spacer' }),
      this.copyStatus,
      this.openButton,
      this.copyButton,
      this.copyAsGroup(),
    ]);
    this.element = h('section', { id: 'details-payload', class: 'details-section payload-section' }, [
      toolbar,
      this.note,
      ...this.views.values(),
    ]);
  }

  /** Shows `payload` (or hides the section when the event has none). */
  show(payload: PayloadViewDto | undefined): void {
    this.element.hidden = !payload;
    setText(this.copyStatus, '');
    if (!payload) return;
    setText(this.title, `Payload · ${formatSize(payload.byteLength)}${payload.binary ? ' binary' : ''}`);
    this.received = { text: payload.text, json: payload.json, hex: payload.hex };
    for (const format of COPY_FORMATS) this.copyAs.get(format)!.disabled = this.received[format] === undefined;
    this.openButton.hidden = !(this.actions.openInEditor && offersEditor(payload));
    this.openButton.disabled = false;
    this.tabs.get('tree')!.disabled = !this.tree.show(payload.json);
    let tooManyEscapes = false;
    for (const tab of COPY_FORMATS) {
      const value = this.received[tab];
      this.tabs.get(tab)!.disabled = value === undefined;
      // Invisible characters as escapes (issue #7); LF and CRLF stay real line breaks.
      tooManyEscapes = setVisibleText(this.views.get(tab)!, value ?? '', MULTI_LINE).cut || tooManyEscapes;
    }
    const notes = [truncationNote(payload), tooManyEscapes ? TOO_MANY_ESCAPES_NOTE : undefined];
    const note = notes.filter(Boolean).join(' ') || undefined;
    this.note.hidden = !note;
    setText(this.note, note ?? '');
    const tab = defaultPayloadTab(payload);
    this.activate(this.tabs.get(tab)!.disabled ? 'json' : tab);
  }

  /** Empties the views and what Copy would copy (used when unmasked details leave the screen). */
  clear(): void {
    this.received = NOTHING_RECEIVED;
    for (const format of COPY_FORMATS) setVisibleText(this.views.get(format)!, '', MULTI_LINE);
    this.tree.clear();
    this.element.hidden = true;
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private activate(tab: PayloadTab): void {
    if (this.tabs.get(tab)!.disabled) return;
    this.activeTab = tab;
    for (const t of TABS) {
      const selected = t === tab;
      const button = this.tabs.get(t)!;
      button.classList.toggle('active', selected);
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      this.views.get(t)!.hidden = !selected;
    }
  }

  /** Left/Right between enabled tabs, as the WAI-ARIA tabs pattern expects. */
  private onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const enabled = TABS.filter((t) => !this.tabs.get(t)!.disabled);
    const at = enabled.indexOf(this.activeTab);
    const next = enabled[(at + (event.key === 'ArrowRight' ? 1 : enabled.length - 1)) % enabled.length];
    if (!next) return;
    event.preventDefault();
    this.activate(next);
    this.tabs.get(next)!.focus();
  }

  /** "Copy as" Text / JSON / Hex (`#btn-copy-<format>`). */
  private copyAsGroup(): HTMLElement {
    const group = h('span', { class: 'copy-as', attrs: { role: 'group', 'aria-label': 'Copy as' } }, [
      h('span', { class: 'copy-as-label', text: 'Copy as' }),
    ]);
    for (const format of COPY_FORMATS) {
      const button = h('button', {
        id: `btn-copy-${format}`,
        class: 'button secondary small',
        text: COPY_LABEL[format],
        attrs: { type: 'button', title: `Copy the payload as ${COPY_LABEL[format]}` },
      });
      this.copyAs.set(format, button);
      this.disposables.add(listen(button, 'click', () => void this.copy(format)));
      group.append(button);
    }
    return group;
  }

  /** The format of the view on screen (the tree copies its JSON). */
  private activeFormat(): CopyFormat {
    return this.activeTab === 'tree' ? 'json' : this.activeTab;
  }

  private async copy(format: CopyFormat): Promise<void> {
    const text = copyContent(this.received, format) ?? '';
    const copied = await writeClipboard(text);
    setText(this.copyStatus, copied ? `Copied ${COPY_LABEL[format]}` : 'Copy failed');
  }

  private async open(): Promise<void> {
    if (!this.actions.openInEditor) return;
    this.openButton.disabled = true;
    setText(this.copyStatus, 'Opening…');
    const error = await this.actions.openInEditor();
    this.openButton.disabled = false;
    setText(this.copyStatus, error ?? 'Opened in an editor');
  }
}
