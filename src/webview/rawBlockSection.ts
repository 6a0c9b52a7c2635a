/**
 * The details pane's "Raw" section (issue 11): a Server-Sent Events block as it arrived. Its text shows its
 * invisible characters as escapes (visibleText.ts); each line end is drawn as the escapes of its characters
 * (`\r\n`, `\n`, `\r`, styled like every escape, so CRLF, LF and CR streams never look alike) before a real line
 * break, and `┆` marks where one network read ended and the next began. Text nodes and spans only.
 */
import type { RawBlockDto, RawPartDto } from '../shared/dto';
import { clearChildren, h, setText } from './dom';
import { escapeFor, type VisibleTextOptions } from './visibleText';
import { appendVisibleText, ESCAPE_CLASS } from './visibleTextDom';

/** Text runs hold no line ends (they are parts of their own); a tab or a NUL shows as an escape. */
const RAW_TEXT: VisibleTextOptions = { mode: 'line', maxEscapes: 8192 };
/** The mark drawn where a network read ended. */
export const READ_END_MARK = '┆';

type LineEnd = Extract<RawPartDto, { kind: 'lineEnd' }>;

const LINE_END_TEXT: Record<LineEnd['ends'], string> = {
  CRLF: escapeFor(13) + escapeFor(10),
  LF: escapeFor(10),
  CR: escapeFor(13),
};
const LINE_END_TITLES: Record<LineEnd['ends'], string> = {
  CRLF: 'CRLF line end (U+000D, U+000A)',
  LF: 'LF line end (U+000A)',
  CR: 'CR line end (U+000D)',
};

/** One part as nodes. */
function partNodes(part: Exclude<RawPartDto, { kind: 'text' }>): Array<Node | string> {
  if (part.kind === 'readEnd') {
    const title = 'A network read ended here; the next one began';
    return [h('span', { class: 'raw-read-end', text: READ_END_MARK, attrs: { title } })];
  }
  const title = part.breaks ? LINE_END_TITLES[part.ends] : 'CR of a CRLF (U+000D), its LF in the next read';
  const mark = h('span', { class: `${ESCAPE_CLASS} raw-eol`, text: LINE_END_TEXT[part.ends], attrs: { title } });
  return part.breaks ? [mark, '\n'] : [mark];
}

/** The section; hidden for rows without a raw block. */
export class RawBlockSection {
  readonly element: HTMLElement;
  private readonly note = h('p', { id: 'details-raw-note', class: 'raw-note', attrs: { hidden: true } });
  private readonly body = h('pre', { id: 'details-raw', class: 'raw-block', attrs: { tabindex: '0' } });

  constructor() {
    const legend = h('p', {
      class: 'raw-legend',
      text: `Line ends shown as \\r and \\n; ${READ_END_MARK} marks where a network read ended.`,
    });
    this.element = h('section', { id: 'details-raw-section', class: 'details-section', attrs: { hidden: true } }, [
      h('h3', { text: 'Raw, as received' }),
      legend,
      this.note,
      this.body,
    ]);
  }

  /** Draws `raw`, or hides the section when there is none. */
  show(raw: RawBlockDto | undefined): void {
    this.clear();
    if (!raw) return;
    for (const part of raw.parts) {
      if (part.kind === 'text') appendVisibleText(this.body, part.text, RAW_TEXT);
      else this.body.append(...partNodes(part));
    }
    if (raw.truncated) this.body.append('…');
    setText(this.note, raw.note ?? '');
    this.note.hidden = !raw.note;
    this.element.hidden = false;
  }

  /** Empties and hides the section (its text may hold revealed secrets). */
  clear(): void {
    clearChildren(this.body);
    setText(this.note, '');
    this.note.hidden = true;
    this.element.hidden = true;
  }
}
