/**
 * The host's side of the paged table (issue #9): the view the webview shows (every event, or a query's
 * matches less folded children), its pages, where a seq sits in it, and what goes out when events are
 * appended — the new range at most every APPEND_FLUSH_MS, and the newest rows only while the webview
 * follows the tail. The webview never gets the log, only what it shows. No vscode.
 */
import type { Disposable } from '../../core/disposable';
import type { EventLog } from '../../core/events/eventLog';
import type { LogEvent } from '../../core/events/logEvent';
import { compileQuery } from '../../core/query/eventQuery';
import type { EventRowDto } from '../../shared/dto';
import {
  APPEND_FLUSH_MS,
  MAX_ROWS_PER_MESSAGE,
  TAIL_ROWS,
  PAGE_ROWS,
  type HostToWebview,
  type ViewRangeDto,
  type ViewSpecDto,
} from '../../shared/protocol';
import { AllEventsView, MatchingView, type EventView } from './eventViews';
import { RowBatcher, type BatchTimer } from './rowBatcher';
import { isEmptySpec } from './viewMatching';

type Message<K extends HostToWebview['type']> = Extract<HostToWebview, { type: K }>;

export interface PanelViewsDeps {
  log: EventLog;
  /** Projects events to rows (credentials masked, nesting filled in). */
  rows(events: readonly LogEvent[]): EventRowDto[];
  timer: BatchTimer;
  /** Posts a pushed message (the controller drops it while the webview is not ready). */
  post(message: HostToWebview): void;
  onFlushError?(error: unknown): void;
}

/** Gives the event loop a turn (I/O included) between scan steps. */
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class PanelViews implements Disposable {
  private view: EventView;
  private nextId = 1;
  private following = true;
  /** Positions pushed as tail rows (or skipped while not following): the next push starts here. */
  private sentEnd = 0;
  private readonly flushes: RowBatcher<true>;

  constructor(private readonly deps: PanelViewsDeps) {
    this.view = new AllEventsView(this.nextId++, deps.log);
    this.flushes = new RowBatcher<true>({
      intervalMs: APPEND_FLUSH_MS,
      maxPerChunk: Number.MAX_SAFE_INTEGER,
      timer: deps.timer,
      onFlushError: deps.onFlushError,
      flush: () => this.flush(),
    });
  }

  /** The webview said ready: a fresh view as it asks, and its newest rows. */
  snapshotParts(
    spec: ViewSpecDto | undefined,
    following: boolean,
  ): Pick<Message<'session/snapshot'>, 'range' | 'rows' | 'rowsFrom'> {
    this.flushes.clear();
    this.following = following;
    const valid = spec !== undefined && compileQuery(spec.query).ok;
    const range = this.start(valid ? spec : { query: {}, collapsed: [] });
    const rowsFrom = Math.max(range.start, range.end - PAGE_ROWS);
    this.sentEnd = range.end;
    return { range, rows: this.deps.rows(this.view.eventsAt(rowsFrom, range.end - rowsFrom)), rowsFrom };
  }

  /** `events/query`: the view becomes `spec`; a regular expression that does not compile is refused, in its words. */
  query(requestId: number, spec: ViewSpecDto): Message<'events/queryStarted' | 'request/failed'> {
    const compiled = compileQuery(spec.query);
    if (!compiled.ok)
      return { type: 'request/failed', requestId, error: { code: 'RI_INVALID_QUERY', message: compiled.message } };
    this.flushes.clear();
    const range = this.start(spec);
    this.sentEnd = range.end;
    return { type: 'events/queryStarted', requestId, range };
  }

  /** `events/getPage`: rows of the current view (none when the webview asks about an older one). */
  page(requestId: number, view: number, from: number, limit: number): Message<'events/page'> {
    const range = this.view.range();
    const count = Math.min(limit, MAX_ROWS_PER_MESSAGE);
    const rows = view === this.view.id ? this.deps.rows(this.view.eventsAt(from, count)) : [];
    return { type: 'events/page', requestId, range, from, rows };
  }

  /** `events/locate`: the seq's position in the current view, or why it has none. */
  async locate(requestId: number, view: number, seq: number): Promise<Message<'events/located'>> {
    const current = this.view;
    if (view === current.id) await current.whenScanned(seq);
    const position = view === current.id ? current.positionOf(seq) : -1;
    const reply: Message<'events/located'> = {
      type: 'events/located',
      requestId,
      range: current.range(),
      seq,
      position,
    };
    if (position < 0 && view === current.id) reply.hiddenBy = await current.hiddenBy(seq);
    return reply;
  }

  /** `view/follow`: push the newest rows from now on, or only the range. */
  setFollowing(following: boolean): void {
    this.following = following;
    this.sentEnd = this.view.range().end;
  }

  /** An event was appended to the log (only while the webview is ready). */
  noteAppended(): void {
    this.view.noteAppended();
    this.flushes.push(true);
  }

  /** The webview went away: nothing more to push until it is ready again. */
  pause(): void {
    this.flushes.clear();
  }

  dispose(): void {
    this.flushes.dispose();
    this.view.dispose();
  }

  private start(spec: ViewSpecDto): ViewRangeDto {
    this.view.dispose();
    const id = this.nextId++;
    this.view = isEmptySpec(spec)
      ? new AllEventsView(id, this.deps.log)
      : new MatchingView(id, spec, {
          log: this.deps.log,
          onProgress: () => this.flushes.push(true),
          onFailed: (error) => this.deps.post({ type: 'events/queryFailed', view: id, error }),
          yieldTurn,
        });
    return this.view.range();
  }

  private flush(): void {
    const range = this.view.range();
    const message: Message<'events/appended'> = { type: 'events/appended', range };
    if (this.following) {
      const rowsFrom = Math.max(range.start, this.sentEnd, range.end - TAIL_ROWS);
      if (rowsFrom < range.end) {
        message.rows = this.deps.rows(this.view.eventsAt(rowsFrom, range.end - rowsFrom));
        message.rowsFrom = rowsFrom;
      }
    }
    this.sentEnd = range.end;
    this.deps.post(message);
  }
}
