/**
 * The engine's message arithmetic (eioEngine.ts), as pure functions so the engine keeps only its state machine:
 * how a caller's message (text or binary) becomes an Engine.IO `message` packet, and what one message in or out
 * adds to the header's counters.
 */
import type { SessionInfo } from '../session/session';
import { packetSize, type EioPacket } from './eioPacket';

/** A caller's message as the packet that carries it: binary when given bytes. */
export function messagePacket(data: string | Uint8Array): EioPacket {
  return typeof data === 'string' ? { type: 'message', data } : { type: 'message', data, binary: true };
}

/** The counters after one more message packet `direction`: the patch for the header's facts. */
export function countedMessage(
  info: Readonly<SessionInfo>,
  direction: 'in' | 'out',
  packet: EioPacket,
): Partial<SessionInfo> {
  if (direction === 'in') return { messagesIn: info.messagesIn + 1, bytesIn: info.bytesIn + packetSize(packet) };
  return { messagesOut: info.messagesOut + 1, bytesOut: info.bytesOut + packetSize(packet) };
}
