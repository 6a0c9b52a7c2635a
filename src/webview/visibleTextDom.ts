/**
 * Draws server-controlled text with its invisible characters made visible (see visibleText.ts):
 * plain runs become text nodes, escapes become `<span class="esc" title="U+200B ZERO WIDTH SPACE">`.
 * Built with `h` only (text nodes, never markup), like the rest of the panel.
 */
import { h } from './dom';
import { splitVisible, type TextSegment, type VisibleTextOptions } from './visibleText';

/** The class of an escape span (styled in media/panel.css; UI tests look for it). */
export const ESCAPE_CLASS = 'esc';

/** One-line cells: LF, CR and tab are escapes. */
export const ONE_LINE: VisibleTextOptions = { mode: 'line', maxChars: 300 };
/** Multi-line views: LF and CRLF stay line breaks; at most 20,000 escape spans per view (DOM cost). */
export const MULTI_LINE: VisibleTextOptions = { mode: 'block', maxEscapes: 20_000 };

/** What was drawn: the text as it reads on screen (escapes written out), and whether a limit cut it. */
export interface DrawnText {
  shown: string;
  cut: boolean;
}

function escapeNode(segment: TextSegment): Node | string {
  if (segment.kind === 'plain') return segment.text;
  return h('span', { class: ESCAPE_CLASS, text: segment.text, attrs: { title: segment.title } });
}

/** Appends `text` to `parent` (after what is there), escapes as spans, an ellipsis when cut. */
export function appendVisibleText(parent: Element, text: string, options: VisibleTextOptions): DrawnText {
  const { segments, cut } = splitVisible(text, options);
  parent.append(...segments.map(escapeNode), ...(cut ? ['…'] : []));
  return { shown: segments.map((s) => s.text).join('') + (cut ? '…' : ''), cut };
}

/** What `setVisibleText` drew last in each element, so redrawing the same text costs nothing. */
const lastDrawn = new WeakMap<Element, { text: string; options: VisibleTextOptions; drawn: DrawnText }>();

/**
 * Replaces the content of `el` with `text` made visible. Text with nothing to escape (the common case)
 * costs one regex test and one textContent write; unchanged text costs a comparison.
 */
export function setVisibleText(el: Element, text: string, options: VisibleTextOptions): DrawnText {
  const last = lastDrawn.get(el);
  // textContent is checked too: someone may have cleared the element since (a recycled table row).
  if (last && last.text === text && last.options === options && el.textContent === last.drawn.shown) return last.drawn;
  const { segments, cut } = splitVisible(text, options);
  let drawn: DrawnText;
  if (segments.length <= 1 && segments[0]?.kind !== 'escape') {
    const shown = (segments[0]?.text ?? '') + (cut ? '…' : '');
    el.textContent = shown;
    drawn = { shown, cut };
  } else {
    el.replaceChildren(...segments.map(escapeNode), ...(cut ? ['…'] : []));
    drawn = { shown: segments.map((s) => s.text).join('') + (cut ? '…' : ''), cut };
  }
  lastDrawn.set(el, { text, options, drawn });
  return drawn;
}
