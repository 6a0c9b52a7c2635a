/**
 * The log event of one Engine.IO packet, in either direction: `eio-<type>` with the packet's data as
 * payload and its facts in `meta.eio`. Pure: the time stamps are given (a decoder takes its carrier's).
 */
import type { Direction, EioMeta, EventMeta, NewLogEvent, Payload } from '../events/logEvent';
import type { SendRequest } from '../session/sendRequest';
import { binaryPayload, textPayload } from '../payload/storedPayload';
import { packetSize, type EioPacket, type EioPacketType } from './eioPacket';
import { describeRun } from './packetRuns';

/** `eio-<type>` per packet type: one string each, not built per packet. */
const eventTypes: Record<EioPacketType, string> = {
  open: 'eio-open',
  close: 'eio-close',
  ping: 'eio-ping',
  pong: 'eio-pong',
  message: 'eio-message',
  upgrade: 'eio-upgrade',
  noop: 'eio-noop',
};

/** When an event happened: wall clock and monotonic ms. */
export interface EventTime {
  time: number;
  mono: number;
}

/** What is known of a packet beyond itself: its facts, its carrier, and the request that sent it. */
export interface PacketEventFacts {
  eio: EioMeta;
  parent?: number;
  /** Outgoing messages: the request they were sent from (replay sends it again). */
  send?: SendRequest;
}

/** The stored payload of a packet's data (none for a packet without data). */
export function packetPayload(packet: EioPacket, maxStoredBytes: number): Payload | undefined {
  if (packet.binary) return binaryPayload(packet.data, maxStoredBytes);
  return packet.data !== undefined ? textPayload(packet.data, maxStoredBytes) : undefined;
}

/** The event of `packet`, complete; a collapsed run (`eio.repeat`) carries its warning. */
export function packetEvent(
  direction: Direction,
  packet: EioPacket,
  facts: PacketEventFacts,
  at: EventTime,
  maxStoredBytes: number,
): NewLogEvent {
  // The facts usually name the packet's type already (a decoder's, a transport's): shared, not copied.
  const eio = facts.eio.packetType === packet.type ? facts.eio : { ...facts.eio, packetType: packet.type };
  const meta: EventMeta = { eio };
  if (facts.eio.repeat) meta.warning = describeRun({ packet, count: facts.eio.repeat });
  if (facts.send) meta.send = facts.send;
  const payload = packetPayload(packet, maxStoredBytes);
  // A payload's byteLength is the packet's size, measured once.
  const size = payload ? payload.byteLength : packetSize(packet);
  return {
    time: at.time,
    mono: at.mono,
    direction,
    layer: 'eio',
    type: eventTypes[packet.type],
    size: size * (facts.eio.repeat ?? 1),
    payload,
    parent: facts.parent,
    meta,
  };
}
