/**
 * Collects items (appended events, "the session changed" marks) and hands them over in batches: at
 * most one flush per `intervalMs`, each flush split into chunks of at most `maxPerChunk` items.
 * This is what keeps a flood of frames from becoming a flood of postMessage calls (design.md,
 * "Performance principles"). The timer is injected so tests can drive it. No vscode.
 */
import type { Clock } from '../../core/clock';
import type { Disposable } from '../../core/disposable';

export type BatchTimer = Pick<Clock, 'setTimeout' | 'clearTimeout'>;

export interface RowBatcherOptions<T> {
  /** Minimum time between two flushes, ms (APPEND_FLUSH_MS). */
  intervalMs: number;
  /** Most items per chunk (MAX_ROWS_PER_MESSAGE); several chunks go out back to back. */
  maxPerChunk: number;
  timer: BatchTimer;
  /** Receives each chunk, in order. A throwing callback does not stop the batcher. */
  flush(chunk: T[]): void;
  onFlushError?(error: unknown): void;
}

export class RowBatcher<T> implements Disposable {
  private pending: T[] = [];
  private handle: unknown;
  private scheduled = false;
  private disposed = false;

  constructor(private readonly options: RowBatcherOptions<T>) {}

  /** Number of items waiting for the next flush. */
  get size(): number {
    return this.pending.length;
  }

  /** Queues an item; the first item after a flush schedules the next one. */
  push(item: T): void {
    if (this.disposed) return;
    this.pending.push(item);
    if (!this.scheduled) {
      this.scheduled = true;
      this.handle = this.options.timer.setTimeout(() => this.onTimer(), this.options.intervalMs);
    }
  }

  /** Drops everything queued (a snapshot is about to cover it) and cancels the timer. */
  clear(): void {
    this.pending = [];
    if (this.scheduled) {
      this.options.timer.clearTimeout(this.handle);
      this.scheduled = false;
    }
  }

  /** Flushes now, regardless of the interval. */
  flushNow(): void {
    if (this.scheduled) {
      this.options.timer.clearTimeout(this.handle);
      this.scheduled = false;
    }
    this.deliver();
  }

  dispose(): void {
    this.clear();
    this.disposed = true;
  }

  private onTimer(): void {
    this.scheduled = false;
    this.deliver();
  }

  private deliver(): void {
    const items = this.pending;
    this.pending = [];
    for (let start = 0; start < items.length; start += this.options.maxPerChunk) {
      try {
        this.options.flush(items.slice(start, start + this.options.maxPerChunk));
      } catch (error) {
        this.options.onFlushError?.(error);
      }
    }
  }
}
