/**
 * The table's Data cell: the row's warning icon (issue #7: a reserved event name, an unexpected
 * namespace… shown on the row, not only in the details) and the preview with invisible characters
 * made visible. Bound once per row change, only for rows on screen.
 */
import type { EventRowDto } from '../shared/dto';
import { h } from './dom';
import { visibleString } from './visibleText';
import { ONE_LINE, setVisibleText } from './visibleTextDom';

/** The pooled elements of one Data cell. */
export interface PreviewCell {
  /** The gridcell (`.col-preview`). */
  element: HTMLSpanElement;
  /** `.row-warning`: a warning codicon, hidden when the row has no warning. */
  warning: HTMLSpanElement;
  /** `.preview-text`: the one-line preview. */
  text: HTMLSpanElement;
}

/** Creates an empty Data cell for the row pool. */
export function createPreviewCell(): PreviewCell {
  // role=img with a label: the icon alone carries the warning for screen readers.
  const warning = h('span', { class: 'codicon codicon-warning row-warning', attrs: { role: 'img', hidden: true } });
  const text = h('span', { class: 'preview-text' });
  const element = h('span', { class: 'col-preview', attrs: { role: 'gridcell' } }, [warning, text]);
  return { element, warning, text };
}

/** Shows `row`'s warning and preview. The preview's title is the visible form (escapes written out). */
export function bindPreviewCell(cell: PreviewCell, row: EventRowDto): void {
  const warning = row.warning;
  cell.warning.hidden = !warning;
  if (warning) {
    // A title cannot hold styled escapes: write them out, so a hidden character still shows.
    const label = `Warning: ${visibleString(warning, ONE_LINE)}`;
    cell.warning.title = label;
    cell.warning.setAttribute('aria-label', label);
  } else {
    cell.warning.removeAttribute('title');
    cell.warning.removeAttribute('aria-label');
  }
  cell.element.classList.toggle('has-warning', !!warning);
  cell.text.title = setVisibleText(cell.text, row.preview, ONE_LINE).shown;
}

/** Empties the cell of a row that left the screen. */
export function clearPreviewCell(cell: PreviewCell): void {
  cell.text.textContent = '';
  cell.text.removeAttribute('title');
  cell.warning.hidden = true;
  cell.warning.removeAttribute('title');
  cell.warning.removeAttribute('aria-label');
  cell.element.classList.remove('has-warning');
}
