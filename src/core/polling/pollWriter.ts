/**
 * How a polling session writes its log: one finished event per call (style.md: "an event is finished when
 * it is appended"), on layer `poll`, stamped with the session's clock. Output only: nothing reads it back.
 */
import type { Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { Direction, EventMeta, LogEvent, NewLogEvent, Payload } from '../events/logEvent';

/** Row types of a polling session besides the common ones (connecting, open, error, closed). */
export type PollRowType = 'poll-request' | 'poll-response' | 'poll-retry' | 'connecting' | 'open' | 'error' | 'closed';

export class PollWriter {
  constructor(
    readonly log: EventLog,
    private readonly clock: Clock,
  ) {}

  append(
    direction: Direction,
    type: PollRowType,
    meta: EventMeta,
    payload?: Payload,
    size = 0,
    parent?: number,
  ): LogEvent {
    const time = this.clock.now();
    const mono = this.clock.mono();
    const layer = 'poll';
    // Literals in one key order (issue #9: the events of a log share a hidden class; a spread copy would not).
    const event: NewLogEvent =
      parent === undefined
        ? { time, mono, direction, layer, type, size, payload, meta }
        : { time, mono, direction, layer, type, size, payload, parent, meta };
    return this.log.append(event);
  }
}
