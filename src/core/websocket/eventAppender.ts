/**
 * How every part of a WebSocket session writes to its log: one finished event per call, stamped with
 * the session's clock. An event is complete when appended (style.md): callers build the whole meta
 * first and never change it afterwards.
 */
import type { Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { Direction, EventMeta, Layer, Payload } from '../events/logEvent';

/** Appends one event and returns its seq. */
export type AppendEvent = (
  direction: Direction,
  layer: Layer,
  type: string,
  meta?: EventMeta,
  payload?: Payload,
  size?: number,
) => { seq: number };

/** An AppendEvent writing to `log` with wall and monotonic times from `clock`. */
export function createEventAppender(log: EventLog, clock: Clock): AppendEvent {
  return (direction, layer, type, meta, payload, size = 0) =>
    log.append({ time: clock.now(), mono: clock.mono(), direction, layer, type, size, payload, meta });
}
