/**
 * The only way the webview builds DOM: elements from createElement, text from textContent.
 * No markup strings anywhere — the panel renders hostile payloads, and the CSP forbids inline styles.
 */
import { type Disposable, toDisposable } from './disposables';

/** What `h` accepts as a child: nodes, plain text (becomes a text node), or nothing. */
export type Child = Node | string | null | undefined | false;

/** Options for `h`. `attrs` values: `false`/`undefined` leave the attribute out, `true` sets it empty. */
export interface ElementOptions {
  id?: string;
  class?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
}

/** Creates `<tag>` with an id, classes, attributes and children. Text goes through text nodes only. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (options.id) el.id = options.id;
  if (options.class) el.className = options.class;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  if (options.text !== undefined) el.textContent = options.text;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** A codicon glyph, hidden from screen readers (callers put the meaning in text or a label). */
export function codicon(name: string): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** A button with a codicon and a label. */
export function iconButton(id: string, iconName: string, label: string, extraClass = ''): HTMLButtonElement {
  return h('button', { id, class: `button ${extraClass}`.trim(), attrs: { type: 'button' } }, [
    codicon(iconName),
    h('span', { text: label }),
  ]);
}

/** Sets textContent only when it changes, so re-rendering an unchanged row costs no layout. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Removes every child of `el`. */
export function clearChildren(el: Element): void {
  while (el.lastChild) el.lastChild.remove();
}

type AnyEventMap = HTMLElementEventMap & WindowEventMap & DocumentEventMap;

/**
 * Adds a listener and returns its disposer. The disposer removes the very function that was added
 * (wrapping it anew on removal is the classic leak).
 */
export function listen<K extends keyof AnyEventMap>(
  target: EventTarget,
  type: K,
  handler: (event: AnyEventMap[K]) => void,
  options?: AddEventListenerOptions,
): Disposable {
  const listener = handler as EventListener;
  target.addEventListener(type, listener, options);
  return toDisposable(() => target.removeEventListener(type, listener, options));
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG `<tag>` (createElementNS) with attributes and children; text only through text nodes. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  children: Child[] = [],
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}
