/** How an Engine.IO session logs one packet it sends: its event (see eioPacketEvents.ts), stamped now. */
import type { EventWriter } from '../events/eventWriter';
import type { Direction, LogEvent } from '../events/logEvent';
import type { EioPacket } from './eioPacket';
import { packetEvent, type PacketEventFacts } from './eioPacketEvents';

/** Appends the event of `packet` to the writer's log, stamped now. */
export function appendPacket(
  writer: EventWriter,
  direction: Direction,
  packet: EioPacket,
  facts: PacketEventFacts,
  maxStoredBytes: number,
): LogEvent {
  return writer.appendBuilt(packetEvent(direction, packet, facts, writer.now(), maxStoredBytes));
}
