/**
 * How every part of a WebSocket session writes to its log: one finished event per call, stamped with
 * the session's clock. An event is complete when appended (style.md): callers build the whole meta
 * first and never change it afterwards.
 */
import type { Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { Direction, EventMeta, Layer, LogEvent, Payload } from '../events/logEvent';

/** Appends one event and returns its seq. */
export type AppendEvent = (
  direction: Direction,
  layer: Layer,
  type: string,
  meta?: EventMeta,
  payload?: Payload,
  size?: number,
) => { seq: number };

/**
 * An AppendEvent writing to `log` with wall and monotonic times from `clock`. Every event goes in with
 * the same fields in the same order, `seq` included as a placeholder the log replaces (issue #9): a log
 * that stores `{ ...event, seq }` then keeps one hidden class for all of them. Adding a property the
 * spread source lacks gives each copy a hidden class of its own (~300 bytes per event in a flood).
 */
export function createEventAppender(log: EventLog, clock: Clock): AppendEvent {
  return (direction, layer, type, meta, payload, size = 0) => {
    const event: LogEvent = {
      time: clock.now(),
      mono: clock.mono(),
      direction,
      layer,
      type,
      size,
      payload,
      meta,
      seq: 0,
    };
    return log.append(event);
  };
}
