/**
 * The event table's row pool: enough absolutely positioned row elements for one viewport plus
 * overscan, recycled for whichever rows are on screen. The DOM node count depends on the viewport
 * height, never on the number of events. Rows are placed relative to the first row on screen: the table
 * scrolls by position (issue #9), so no element is ever taller than the viewport.
 */
import type { EventRowDto } from '../shared/dto';
import { bindRow, createPooledRow, unbindRow, type PooledRow } from './eventRow';
import type { RowList } from './rowStore';

/** A row wanted on screen this frame, by its display index. */
interface WantedRow {
  dto: EventRowDto;
  index: number;
}

/** The pooled row elements inside the table's row layer. */
export class EventRowPool {
  private readonly rows: PooledRow[] = [];
  /** The display index drawn at the top of the layer: rows sit at (index − origin) × row height. */
  private origin = 0;

  /**
   * @param layer the `.event-table-rows` element the row elements live in.
   * @param rowHeight row height in px, for positioning.
   */
  constructor(
    private readonly layer: HTMLElement,
    private readonly rowHeight: number,
  ) {}

  /** Adds hidden row elements until the pool holds `size`; never shrinks (a resize back is likely). */
  grow(size: number): void {
    while (this.rows.length < size) {
      const pooled = createPooledRow(this.rows.length);
      pooled.element.hidden = true;
      this.rows.push(pooled);
      this.layer.append(pooled.element);
    }
  }

  /**
   * Binds rows [first, end) of `list` to pool elements, keyed by seq: a row that stays on screen keeps
   * its element (only its offset changes), and only rows that scrolled out are recycled for rows that
   * scrolled in. So an element found by a test, a screen reader or a click handler keeps meaning the
   * same event while the list scrolls. Returns the id of the selected row's element, or ''.
   */
  place(list: RowList, first: number, end: number, selectedSeq: number | undefined): string {
    this.origin = first;
    const wanted = new Map<number, WantedRow>();
    for (let index = first; index < end; index++) {
      const dto = list.at(index);
      if (dto) wanted.set(dto.seq, { dto, index });
    }
    const { kept, free } = this.partition(wanted);
    let activeId = '';
    for (const [seq, { dto, index }] of wanted) {
      const pooled = kept.get(seq) ?? free.pop()!;
      bindRow(pooled, dto, list.nesting?.(dto));
      pooled.element.hidden = false;
      this.position(pooled, index);
      const selected = seq === selectedSeq;
      pooled.element.classList.toggle('selected', selected);
      pooled.element.setAttribute('aria-selected', String(selected));
      if (selected) activeId = pooled.element.id;
    }
    for (const pooled of free) if (!pooled.element.hidden || pooled.bound) unbindRow(pooled);
    this.keepDomOrder();
    return activeId;
  }

  /** Splits the pool into elements that keep their row (by seq) and elements free for reuse. */
  private partition(wanted: ReadonlyMap<number, WantedRow>): { kept: Map<number, PooledRow>; free: PooledRow[] } {
    const free: PooledRow[] = [];
    const kept = new Map<number, PooledRow>();
    for (const pooled of this.rows) {
      const seq = pooled.bound?.seq;
      if (seq !== undefined && wanted.has(seq) && !kept.has(seq)) kept.set(seq, pooled);
      else free.push(pooled);
    }
    return { kept, free };
  }

  private position(pooled: PooledRow, index: number): void {
    const offset = (index - this.origin) * this.rowHeight;
    if (pooled.index === index && pooled.offset === offset) return;
    pooled.index = index;
    pooled.offset = offset;
    // CSSOM, not a style attribute: allowed by the CSP (style-src has no 'unsafe-inline').
    pooled.element.style.transform = `translateY(${offset}px)`;
    pooled.element.setAttribute('aria-rowindex', String(index + 2));
  }

  /**
   * Recycling leaves elements in arbitrary DOM order; screen readers read DOM order, and so do
   * `querySelector`-style lookups. Re-appends the placed rows in display order when they drifted
   * (a few dozen node moves at most, and only in frames where rows were recycled).
   */
  private keepDomOrder(): void {
    const placed = this.rows.filter((p) => p.bound).sort((a, b) => a.index - b.index);
    let i = 0;
    let inOrder = true;
    for (let child = this.layer.firstElementChild; child && inOrder; child = child.nextElementSibling) {
      if ((child as HTMLElement).hidden) continue;
      inOrder = child === placed[i]?.element;
      i++;
    }
    if (!inOrder) for (const p of placed) this.layer.append(p.element);
  }
}
