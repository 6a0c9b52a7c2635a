/**
 * The toolbar above the event table: the quick filter (`#filter`), the layer toggles
 * (`#layer-filter`) and the event count (`#event-count`). It reports what the user set; the app
 * applies it to the rows once per frame.
 */
import { DisposableStore, type Disposable } from './disposables';
import { codicon, h, listen, setText } from './dom';
import { eventCountText, type EventCounts } from './eventCountText';
import { LAYER_GROUPS, type LayerGroup } from './rowFilter';

const LAYER_LABELS: Record<LayerGroup, string> = { http: 'HTTP', ws: 'WS', eio: 'Engine.IO', sio: 'Socket.IO' };

/** What the toolbar tells the app. */
export interface TableToolbarEvents {
  /** The filter text changed (typed, or cleared with Escape). */
  onQuery(query: string): void;
  /** The set of hidden layer groups changed. */
  onHiddenLayers(groups: ReadonlySet<string>): void;
  /** ArrowDown in the filter: the user wants to walk the rows. */
  onLeaveToTable(): void;
}

function createFilterInput(): HTMLInputElement {
  return h('input', {
    id: 'filter',
    class: 'filter-input',
    attrs: {
      type: 'search',
      placeholder: 'Filter (type, layer, data)',
      'aria-label': 'Filter events',
      spellcheck: 'false',
    },
  });
}

function layerCheckbox(group: LayerGroup): HTMLInputElement {
  const label = `Show ${LAYER_LABELS[group]} rows`;
  return h('input', { attrs: { type: 'checkbox', checked: true, 'data-layer': group, 'aria-label': label } });
}

/** `.table-toolbar`: filter, layer toggles, count. */
export class TableToolbar implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly filterInput = createFilterInput();
  private readonly eventCount = h('span', { id: 'event-count', class: 'event-count', attrs: { 'aria-live': 'off' } });
  private readonly layerBoxes = LAYER_GROUPS.map(layerCheckbox);
  private readonly layerFilter: HTMLElement;

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
      h('label', { class: 'filter' }, [codicon('filter'), this.filterInput]),
      this.layerFilter,
      this.eventCount,
    ]);
    this.disposables.add(listen(this.filterInput, 'input', () => this.events.onQuery(this.filterInput.value)));
    this.disposables.add(listen(this.filterInput, 'keydown', (e) => this.onFilterKey(e)));
    this.disposables.add(listen(this.layerFilter, 'change', () => this.events.onHiddenLayers(this.hiddenLayers())));
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

  private hiddenLayers(): Set<string> {
    return new Set(this.layerBoxes.filter((box) => !box.checked).map((box) => box.dataset.layer ?? ''));
  }

  private onFilterKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.filterInput.value) {
      this.filterInput.value = '';
      this.events.onQuery('');
    }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.events.onLeaveToTable();
    }
  }
}
