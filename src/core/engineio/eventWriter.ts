/**
 * Appends a session's events, each complete when appended (design.md: "An event is finished when it is
 * appended"): time and monotonic stamps come from the session's clock; nothing appended is changed later.
 * The log is output only: nothing here reads it back.
 */
import type { Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import type { Direction, EventMeta, Layer, LogEvent, NewLogEvent, Payload } from '../events/logEvent';
import type { EioPacket } from './eioPacket';
import { packetEvent, type PacketEventFacts } from './eioPacketEvents';

export class EventWriter {
  constructor(
    readonly log: EventLog,
    private readonly clock: Clock,
  ) {}

  /** Appends an event stamped now. */
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
    return this.log.append({ time, mono, direction, layer, type, size, payload, parent, meta });
  }

  /** Appends the event of a packet (see eioPacketEvents.ts), stamped now. */
  appendPacket(direction: Direction, packet: EioPacket, facts: PacketEventFacts, maxStoredBytes: number): LogEvent {
    const at = { time: this.clock.now(), mono: this.clock.mono() };
    return this.log.append(packetEvent(direction, packet, facts, at, maxStoredBytes));
  }

  /** Appends an event a decoder built (stamped with its carrier's times). */
  appendBuilt(event: NewLogEvent): LogEvent {
    return this.log.append(event);
  }
}
