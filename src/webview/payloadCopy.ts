/**
 * Copy as text, JSON or hex (issue #9): what each format copies — the real content as received, never
 * the display with its escapes, masked or revealed as on screen — and the clipboard write, with a
 * textarea-selection fallback for webviews where navigator.clipboard is refused.
 */
import { h } from './dom';

/** The formats the payload can be copied as. */
export type CopyFormat = 'text' | 'json' | 'hex';
export const COPY_FORMATS: readonly CopyFormat[] = ['text', 'json', 'hex'];

/** The payload's views as received from the host (undefined: the payload has no such view). */
export interface CopySources {
  text?: string;
  json?: string;
  hex?: string;
}

/** What copying `format` puts on the clipboard, or undefined when the payload has no such view. */
export function copyContent(sources: CopySources, format: CopyFormat): string | undefined {
  return sources[format];
}

/** Writes `text` to the clipboard; true when it worked (by the Clipboard API or the fallback). */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}

/** The old way: select the text in an off-screen textarea and ask the document to copy it. */
function copyBySelection(text: string): boolean {
  const area = h('textarea', { class: 'copy-fallback', attrs: { readonly: true, 'aria-hidden': 'true' } });
  area.value = text;
  document.body.append(area);
  try {
    area.select();
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
