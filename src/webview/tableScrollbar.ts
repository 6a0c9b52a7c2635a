/**
 * The event table's scrollbar (`.event-scrollbar`): a track and a thumb that map to row positions
 * (scrollbarMap.ts), dragged with the pointer or clicked to page. Native scrolling cannot reach past
 * ~1.5M rows; this reaches every row of any log.
 */
import { DisposableStore, type Disposable } from './disposables';
import { h, listen } from './dom';
import { thumbOffset, thumbSize, topForThumb, topForTrackClick, type ScrollGeometry } from './scrollbarMap';

export class TableScrollbar implements Disposable {
  readonly element: HTMLDivElement;
  private readonly thumb: HTMLDivElement;
  private readonly disposables = new DisposableStore();
  private geometry: ScrollGeometry = { start: 0, end: 0, visibleRows: 1, trackPx: 0 };
  private top = 0;
  /** While dragging: the pointer's offset inside the thumb. */
  private grab: number | undefined;

  /** @param scrollTo called with the first row position the user scrolled to. */
  constructor(private readonly scrollTo: (top: number) => void) {
    this.thumb = h('div', { class: 'event-scrollbar-thumb' });
    this.element = h('div', { class: 'event-scrollbar', attrs: { 'aria-hidden': 'true' } }, [this.thumb]);
    this.disposables.add(listen(this.thumb, 'pointerdown', (e) => this.onThumbDown(e)));
    this.disposables.add(listen(this.thumb, 'pointermove', (e) => this.onThumbMove(e)));
    this.disposables.add(listen(this.thumb, 'pointerup', () => (this.grab = undefined)));
    this.disposables.add(listen(this.thumb, 'lostpointercapture', () => (this.grab = undefined)));
    this.disposables.add(listen(this.element, 'pointerdown', (e) => this.onTrackDown(e)));
  }

  /** Draws the thumb for rows [start, end), `visibleRows` of them on screen from `top`. */
  update(geometry: Omit<ScrollGeometry, 'trackPx'>, top: number, trackPx: number): void {
    this.geometry = { ...geometry, trackPx };
    this.top = top;
    const needed = geometry.end - geometry.start > geometry.visibleRows;
    this.element.classList.toggle('idle', !needed);
    if (!needed) return;
    // CSSOM, not style attributes: allowed by the CSP.
    this.thumb.style.height = `${thumbSize(this.geometry)}px`;
    this.thumb.style.transform = `translateY(${thumbOffset(top, this.geometry)}px)`;
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private onThumbDown(event: PointerEvent): void {
    event.stopPropagation();
    event.preventDefault();
    this.grab = event.clientY - this.thumb.getBoundingClientRect().top;
    this.thumb.setPointerCapture(event.pointerId);
  }

  private onThumbMove(event: PointerEvent): void {
    if (this.grab === undefined) return;
    const offset = event.clientY - this.element.getBoundingClientRect().top - this.grab;
    this.scrollTo(topForThumb(offset, this.geometry));
  }

  private onTrackDown(event: PointerEvent): void {
    if (event.target !== this.element) return;
    const y = event.clientY - this.element.getBoundingClientRect().top;
    this.scrollTo(topForTrackClick(y, this.top, this.geometry));
  }
}
