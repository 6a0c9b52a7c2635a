import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { EventLog } from './eventLog';
import type { LogEvent, NewLogEvent } from './logEvent';

/** EventLog kept in an array. Seq n lives at index n-1, so `get` and `page` are O(1) + O(limit). */
export class MemoryEventLog implements EventLog {
  private readonly events: LogEvent[] = [];
  private readonly appended = new Emitter<LogEvent>();

  get count(): number {
    return this.events.length;
  }

  append(event: NewLogEvent): LogEvent {
    const stored: LogEvent = { ...event, seq: this.events.length + 1 };
    this.events.push(stored);
    this.appended.fire(stored);
    return stored;
  }

  get(seq: number): LogEvent | undefined {
    return Number.isInteger(seq) && seq >= 1 ? this.events[seq - 1] : undefined;
  }

  page(fromSeq: number, limit: number): LogEvent[] {
    const start = Math.max(0, Math.ceil(fromSeq) - 1);
    const size = Math.max(0, Math.floor(limit));
    return this.events.slice(start, start + size);
  }

  onAppend(listener: (event: LogEvent) => void): Disposable {
    return this.appended.on(listener);
  }

  dispose(): void {
    this.appended.dispose();
  }
}
