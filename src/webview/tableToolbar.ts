/**
 * The toolbar above the event table: the filter (`#filter`, with `#filter-regex` to read it as a
 * regular expression), the layer toggles (`#layer-filter`), the filter's error (`#filter-error`: a bad
 * expression, a query too slow) and the event count (`#event-count`). It reports what the user set; the
 * app turns it into a query the host runs (issue #9).
 */
import { DisposableStore, type Disposable } from './disposables';
import { codicon, h, listen, setText } from './dom';
import { eventCountText, type EventCounts } from './eventCountText';
import { EMPTY_FILTER, LAYER_GROUPS, type FilterState, type LayerGroup } from './rowFilter';

const LAYER_LABELS: Record<LayerGroup, string> = { http: 'HTTP', ws: 'WS', eio: 'Engine.IO', sio: 'Socket.IO' };

/** What the toolbar tells the app. */
export interface TableToolbarEvents {
  /** The filter changed: text typed or cleared, the regex toggle, a layer toggle. */
  onFilter(filter: FilterState): void;
  /** ArrowDown in the filter: the user wants to walk the rows. */
  onLeaveToTable(): void;
}

function createFilterInput(): HTMLInputElement {
  return h('input', {
    id: 'filter',
    class: 'filter-input',
    attrs: {
      type: 'search',
      placeholder: 'Filter (type, data)',
      'aria-label': 'Filter events',
      'aria-describedby': 'filter-error',
      spellcheck: 'false',
    },
  });
}

function layerCheckbox(group: LayerGroup): HTMLInputElement {
  const label = `Show ${LAYER_LABELS[group]} rows`;
  return h('input', { attrs: { type: 'checkbox', checked: true, 'data-layer': group, 'aria-label': label } });
}

/** `.*`: the filter is a regular expression. A toggle button, as in VS Code's own find widget. */
function regexToggle(): HTMLButtonElement {
  const attrs = {
    type: 'button',
    'aria-pressed': 'false',
    title: 'Use Regular Expression',
    'aria-label': 'Use regular expression',
  };
  return h('button', { id: 'filter-regex', class: 'filter-toggle', attrs }, [codicon('regex')]);
}

/** The toggles offered per kind of session; a kind not listed gets them all. */
const LAYERS_BY_KIND: Readonly<Record<string, readonly LayerGroup[]>> = {
  sse: ['http'],
  longpoll: [],
  shortpoll: [],
};

/** `.table-toolbar`: filter, layer toggles, error, count. */
export class TableToolbar implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly filterInput = createFilterInput();
  private readonly regexButton = regexToggle();
  private readonly error = h('span', {
    id: 'filter-error',
    class: 'filter-error',
    attrs: { role: 'alert', hidden: true },
  });
  private readonly eventCount = h('span', { id: 'event-count', class: 'event-count', attrs: { 'aria-live': 'off' } });
  private readonly layerBoxes = LAYER_GROUPS.map(layerCheckbox);
  private readonly layerFilter: HTMLElement;
  private regex = false;

  constructor(private readonly events: TableToolbarEvents) {
    const toggles = LAYER_GROUPS.map((group, i) =>
      h('label', { class: 'layer-toggle', attrs: { title: `Show ${LAYER_LABELS[group]} rows` } }, [
        this.layerBoxes[i],
        h('span', { text: LAYER_LABELS[group] }),
      ]),
    );
    const groupAttrs = { role: 'group', 'aria-label': 'Layers' };
    this.layerFilter = h('div', { id: 'layer-filter', class: 'layer-filter', attrs: groupAttrs }, toggles);
    this.element = h('div', { class: 'table-toolbar' }, [
      h('label', { class: 'filter' }, [codicon('filter'), this.filterInput, this.regexButton]),
      this.layerFilter,
      this.error,
      this.eventCount,
    ]);
    this.disposables.add(listen(this.filterInput, 'input', () => this.changed()));
    this.disposables.add(listen(this.filterInput, 'keydown', (e) => this.onFilterKey(e)));
    this.disposables.add(listen(this.regexButton, 'click', () => this.setRegex(!this.regex, true)));
    this.disposables.add(listen(this.layerFilter, 'change', () => this.changed()));
  }

  /** What the toolbar holds now. */
  get filter(): FilterState {
    const hiddenLayers = this.layerBoxes.filter((box) => !box.checked).map((box) => box.dataset.layer ?? '');
    return { text: this.filterInput.value, regex: this.regex, hiddenLayers };
  }

  /**
   * Offers only the layer toggles that mean something for a session of `kind` (issue 11): an SSE session has
   * HTTP rows beside its always-shown SSE rows; a polling session's rows are all one layer, so it has none. A
   * toggle taken away is switched back on (reported), so no row stays hidden behind it.
   */
  showLayersFor(kind: string): void {
    const shown = LAYERS_BY_KIND[kind] ?? LAYER_GROUPS;
    let changed = false;
    this.layerBoxes.forEach((box, i) => {
      const offered = shown.includes(LAYER_GROUPS[i]);
      if (box.parentElement) box.parentElement.hidden = !offered;
      if (offered || box.checked) return;
      box.checked = true;
      changed = true;
    });
    this.layerFilter.hidden = shown.length === 0;
    if (changed) this.changed();
  }

  /** Shows `filter` without reporting it (a restored state, a cleared filter). */
  setFilter(filter: FilterState): void {
    this.filterInput.value = filter.text;
    this.setRegex(filter.regex, false);
    for (const box of this.layerBoxes) box.checked = !filter.hiddenLayers.includes(box.dataset.layer ?? '');
  }

  /** Clears the filter (a link to a row it hides) and reports the change. */
  clear(): void {
    this.setFilter(EMPTY_FILTER);
    this.changed();
  }

  /** Shows why the filter failed, where the filter is; undefined hides it. */
  showError(message: string | undefined): void {
    this.error.hidden = message === undefined;
    setText(this.error, message ?? '');
    this.filterInput.classList.toggle('invalid', message !== undefined);
  }

  /** Shows the count; cheap when unchanged, so it may run every frame. */
  showCount(counts: EventCounts): void {
    const { text, title } = eventCountText(counts);
    setText(this.eventCount, text);
    if (this.eventCount.title !== title) this.eventCount.title = title;
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private setRegex(on: boolean, report: boolean): void {
    this.regex = on;
    this.regexButton.setAttribute('aria-pressed', String(on));
    this.regexButton.classList.toggle('checked', on);
    if (report) this.changed();
  }

  private changed(): void {
    this.events.onFilter(this.filter);
  }

  private onFilterKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.filterInput.value) {
      this.filterInput.value = '';
      this.changed();
    }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.events.onLeaveToTable();
    }
  }
}
