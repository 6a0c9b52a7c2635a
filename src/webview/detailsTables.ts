/**
 * The label/value tables of the details pane (`.kv-table`): facts, request headers, response headers.
 * Values show their invisible characters; facts that name other events (`#N`) get link buttons.
 */
import { LINKED_FACT_LABELS } from '../shared/dto';
import { clearChildren, h } from './dom';
import { cutIndex, type VisibleTextOptions } from './visibleText';
import { appendVisibleText, MULTI_LINE } from './visibleTextDom';

const LABEL_TEXT: VisibleTextOptions = { mode: 'line', maxChars: 200 };
const LINKED_TEXT: VisibleTextOptions = { mode: 'line' };
/** Linked facts (`#N` links) are one line, cut at this length. */
const LINKED_MAX_CHARS = 2000;

/** A titled section holding one table (`#<id>` in `#<id>-section`). */
export interface TableSection {
  section: HTMLElement;
  table: HTMLTableElement;
}

/** Fills a linked fact's cell: text with each `#N` as a link button (`.fact-link[data-seq]`). */
function appendLinkedValue(cell: HTMLElement, value: string): void {
  const end = cutIndex(value, LINKED_MAX_CHARS);
  for (const part of value.slice(0, end).split(/(#\d+)/)) {
    const seq = /^#(\d+)$/.exec(part)?.[1];
    if (seq) {
      const attrs = { type: 'button', 'data-seq': seq, title: `Show event ${part}` };
      cell.append(h('button', { class: 'fact-link', text: part, attrs }));
    } else if (part) {
      appendVisibleText(cell, part, LINKED_TEXT);
    }
  }
  if (end < value.length) cell.append('…');
}

/**
 * Fills a two-column table from label/value pairs. Values may hold line breaks (long header values
 * wrap). With `links`, the values of LINKED_FACT_LABELS get `#N` link buttons.
 */
export function fillTable(
  table: HTMLTableElement,
  pairs: ReadonlyArray<readonly [string, string]>,
  links = false,
): void {
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
export function tableSection(id: string, title: string): TableSection {
  const table = h('table', { id, class: 'kv-table' });
  const section = h('section', { id: `${id}-section`, class: 'details-section' }, [h('h3', { text: title }), table]);
  return { section, table };
}
