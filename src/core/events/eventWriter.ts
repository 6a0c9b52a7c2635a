/**
 * How a session writes its log: one finished event per call (style.md: "an event is finished when it is
 * appended"), stamped with the session's wall and monotonic clock. Output only: nothing reads it back.
 */
import type { Clock } from '../clock';
import type { EventLog } from './eventLog';
import type { Direction, EventMeta, Layer, LogEvent, NewLogEvent, Payload } from './logEvent';

/** Appends finished events to one session's log, stamped with its clock. */
export class EventWriter {
  constructor(
    readonly log: EventLog,
    private readonly clock: Clock,
  ) {}

  /** The wall and monotonic times of now, for an event built elsewhere. */
  now(): { time: number; mono: number } {
    return { time: this.clock.now(), mono: this.clock.mono() };
  }

  /** Appends an event stamped now; it has a `parent` key only when it has a parent. */
  append(
    direction: Direction,
    layer: Layer,
    type: string,
    meta?: EventMeta,
    payload?: Payload,
    size = 0,
    parent?: number,
  ): LogEvent {
    const time = this.clock.now();
    const mono = this.clock.mono();
    // Literals in one key order (issue #9: the events of a log share a hidden class; a spread copy would not).
    const event: NewLogEvent =
      parent === undefined
        ? { time, mono, direction, layer, type, size, payload, meta }
        : { time, mono, direction, layer, type, size, payload, parent, meta };
    return this.log.append(event);
  }

  /** Appends an event built elsewhere (a decoder's, stamped with its carrier's times). */
  appendBuilt(event: NewLogEvent): LogEvent {
    return this.log.append(event);
  }
}
