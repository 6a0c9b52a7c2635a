/**
 * A panel's view of its session's log (issue #9): every event, or the events a query matches less the
 * children of folded rows. Each row has a position that stays put while the view lives (every event:
 * seq − 1; a filtered view: its rank among the matches), so the webview can cache pages by position and
 * a page stays right when the log lets its oldest events go. No vscode.
 */
import type { EventLog } from '../../core/events/eventLog';
import type { LogEvent } from '../../core/events/logEvent';
import type { EventQuery } from '../../core/query/eventQuery';
import type { HiddenByDto, RequestErrorDto, ViewRangeDto, ViewSpecDto } from '../../shared/protocol';
import { runQuery } from '../../core/query/queryRunner';
import { foldedAncestors } from './viewMatching';

/** What the panel asks of a view. */
export interface EventView {
  readonly id: number;
  range(): ViewRangeDto;
  /** The events at positions [from, from + limit) still in the log. */
  eventsAt(from: number, limit: number): LogEvent[];
  /** The position of `seq`, or -1. */
  positionOf(seq: number): number;
  /** Why `seq` has no position (only asked after positionOf said -1). */
  hiddenBy(seq: number): Promise<HiddenByDto>;
  /** Resolves once the view has looked at `seq` (a filtered view may still be scanning toward it). */
  whenScanned(seq: number): Promise<void>;
  /** Events were appended: look at them (a filtered view scans them in the background). */
  noteAppended(): void;
  dispose(): void;
}

function rangeOf(log: EventLog, view: number, start: number, end: number, complete: boolean): ViewRangeDto {
  return { view, start, end, complete, logTotal: log.count, dropped: log.dropped };
}

/** Every event in the log: position = seq − 1. */
export class AllEventsView implements EventView {
  constructor(
    readonly id: number,
    private readonly log: EventLog,
  ) {}

  range(): ViewRangeDto {
    return rangeOf(this.log, this.id, this.log.dropped, this.log.count, true);
  }

  eventsAt(from: number, limit: number): LogEvent[] {
    const first = Math.max(from, this.log.dropped);
    return this.log.page(first + 1, Math.max(0, from + limit - first));
  }

  positionOf(seq: number): number {
    return seq > this.log.dropped && seq <= this.log.count ? seq - 1 : -1;
  }

  async hiddenBy(): Promise<HiddenByDto> {
    return { folds: [], query: false, gone: true };
  }

  async whenScanned(): Promise<void> {}

  noteAppended(): void {}

  dispose(): void {}
}

/** What a filtered view needs besides its spec. */
export interface MatchingViewDeps {
  log: EventLog;
  /** The scan found more matches, or caught up: time for a flush. */
  onProgress(): void;
  onFailed(error: RequestErrorDto): void;
  /** Gives the host's event loop a turn between scan steps. */
  yieldTurn(): Promise<void>;
}

/** Matches looked for per runQuery call. */
const SCAN_MATCHES = 2000;
/** Matches let go from the front are removed in batches of at least this many. */
const COMPACT_EVERY = 4096;

/** The events matching a query, less folded children; found by scanning the log in the background. */
export class MatchingView implements EventView {
  private seqs: number[] = [];
  /** Index in `seqs` of the first match still in the log. */
  private head = 0;
  /** Positions removed from `seqs` by compaction (position = compacted + index). */
  private compacted = 0;
  /** Every seq ≤ scannedTo has been looked at. */
  private scannedTo: number;
  private scanning = false;
  /** The first scan reached the end of the log (later appends are looked at as they come). */
  private caughtUp = false;
  private failed = false;
  private disposed = false;
  private readonly collapsed: ReadonlySet<number>;
  private readonly query: EventQuery;
  /** Callers of whenScanned waiting for the scan to reach their seq. */
  private waiters: Array<{ seq: number; resolve(): void }> = [];

  constructor(
    readonly id: number,
    spec: ViewSpecDto,
    private readonly deps: MatchingViewDeps,
  ) {
    this.collapsed = new Set(spec.collapsed);
    this.query = spec.query;
    this.scannedTo = deps.log.dropped;
    this.noteAppended();
    // Nothing to scan (an empty log): caught up already.
    if (!this.scanning) this.caughtUp = true;
  }

  range(): ViewRangeDto {
    this.trim();
    const complete = this.caughtUp || this.failed;
    return rangeOf(this.deps.log, this.id, this.compacted + this.head, this.compacted + this.seqs.length, complete);
  }

  eventsAt(from: number, limit: number): LogEvent[] {
    this.trim();
    const first = Math.max(this.head, from - this.compacted);
    const end = Math.min(this.seqs.length, from - this.compacted + limit);
    const events: LogEvent[] = [];
    for (let i = first; i < end; i++) {
      const event = this.deps.log.get(this.seqs[i]);
      if (event) events.push(event);
    }
    return events;
  }

  positionOf(seq: number): number {
    let lo = this.head;
    let hi = this.seqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] === seq) return this.compacted + mid;
      if (this.seqs[mid] < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  async hiddenBy(seq: number): Promise<HiddenByDto> {
    const log = this.deps.log;
    if (!log.get(seq)) return { folds: [], query: false, gone: true };
    const folds = foldedAncestors(log, seq, this.collapsed);
    const page = await runQuery(log, this.query, { fromSeq: seq, direction: 'forward', limit: 1 });
    return { folds, query: !(page.ok && page.seqs[0] === seq), gone: false };
  }

  whenScanned(seq: number): Promise<void> {
    if (this.isScanned(seq)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  noteAppended(): void {
    if (this.scanning || this.failed || this.disposed || this.scannedTo >= this.deps.log.count) return;
    void this.scan();
  }

  dispose(): void {
    this.disposed = true;
    this.wakeWaiters();
  }

  private isScanned(seq: number): boolean {
    const stopped = this.failed || this.disposed || (!this.scanning && this.scannedTo >= this.deps.log.count);
    return stopped || this.scannedTo >= seq;
  }

  private wakeWaiters(): void {
    const ready = this.waiters.filter((w) => this.isScanned(w.seq));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }

  private async scan(): Promise<void> {
    this.scanning = true;
    try {
      while (!this.disposed && this.scannedTo < this.deps.log.count) {
        if (!(await this.step())) return;
        this.wakeWaiters();
        this.deps.onProgress();
        await this.deps.yieldTurn();
      }
      if (!this.disposed && !this.caughtUp) {
        this.caughtUp = true;
        this.deps.onProgress();
      }
    } catch (error) {
      this.fail({ code: 'RI_INTERNAL', message: `The filter stopped: ${(error as Error)?.message ?? String(error)}` });
    } finally {
      this.scanning = false;
      this.wakeWaiters();
    }
  }

  /** One runQuery call; false when the scan must stop (failed or disposed). */
  private async step(): Promise<boolean> {
    const log = this.deps.log;
    const from = Math.max(this.scannedTo + 1, log.dropped + 1);
    const countAtStart = log.count;
    const page = await runQuery(log, this.query, { fromSeq: from, direction: 'forward', limit: SCAN_MATCHES });
    if (this.disposed) return false;
    if (!page.ok) {
      this.fail(page.error);
      return false;
    }
    // Only seqs the runner certainly looked at, and each once (a worker may see a longer log than we did).
    const upTo = Math.max(from, page.nextSeq !== undefined ? page.nextSeq - 1 : countAtStart);
    for (const seq of page.seqs) {
      if (seq >= from && seq <= upTo && foldedAncestors(log, seq, this.collapsed).length === 0) this.seqs.push(seq);
    }
    this.scannedTo = upTo;
    return true;
  }

  private fail(error: RequestErrorDto): void {
    this.failed = true;
    if (!this.disposed) this.deps.onFailed(error);
  }

  /** Lets go of matches the log no longer holds. */
  private trim(): void {
    const dropped = this.deps.log.dropped;
    while (this.head < this.seqs.length && this.seqs[this.head] <= dropped) this.head++;
    if (this.head >= COMPACT_EVERY && this.head * 2 >= this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.compacted += this.head;
      this.head = 0;
    }
  }
}
