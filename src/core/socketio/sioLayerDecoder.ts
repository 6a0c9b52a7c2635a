/**
 * The Socket.IO layer of a log, decoded from its Engine.IO messages (issue #8): an `eio-message` event
 * in, the Socket.IO packet it carried out, as a child event whose `parent` is that message's seq. The
 * wire type is kept (BINARY_EVENT stays BINARY_EVENT); binary attachments are regrouped with the packet
 * that announced them, across carriers; acks are matched to the emits they answer, with the round trip;
 * reserved event names and namespaces nobody asked for are shown as data, with a warning on the row.
 *
 * Stateful but pure: no socket, no clock (events take their message's time stamps). What it learns of
 * the other direction it learns from the outgoing events it is shown (`noteOutgoing`): a live session,
 * an imported HAR and a proxied stream decode alike.
 */
import type { EventMeta, LogEvent, NewLogEvent, SioMeta } from '../events/logEvent';
import type { EioPacket } from '../engineio/eioPacket';
import { decodeSioPacket } from './sioCodec';
import { decodeMsgpackPacket, displayJson } from './sioMsgpack';
import { NamespaceTracker, type NamespaceInfo } from './sioNamespaces';
import type { SioPacket } from './sioPacket';
import { ServerAckRequests } from './serverAckRequests';
import { applyIncomingPacket, decodeErrorEvent, sioEvent, unannouncedAttachmentEvent } from './sioIncomingEvents';

export interface SioDecoderOptions {
  parser: 'default' | 'msgpack';
  /** Socket.IO protocol: 5 (Socket.IO 3+) or 4 (Socket.IO 2); a session that detects 4 sets it. */
  protocol: 4 | 5;
  maxStoredPayloadBytes: number;
  /** Binary attachments one packet may announce (default MAX_ATTACHMENTS; the setting's, issue 12). */
  maxAttachments?: number;
  /** A new list each time a tracked namespace changes (the session header), and only then. */
  onNamespacesChanged?(list: NamespaceInfo[]): void;
}

/** A BINARY_EVENT/BINARY_ACK waiting for its attachments. */
interface PendingBinary {
  packet: SioPacket;
  parentSeq: number;
  attachmentSeqs: number[];
}

/** An emit of ours with an ack id, waiting for its answer. */
interface PendingAck {
  seq: number;
  mono: number;
}

export class SioLayerDecoder {
  protocol: 4 | 5;
  /** The namespaces asked for (by outgoing CONNECTs, or by the protocol) and their states. */
  readonly namespaces: NamespaceTracker;
  /** Acks the server asked for and that were not answered yet. */
  readonly serverAcks = new ServerAckRequests();
  private pendingBinary: PendingBinary | undefined;
  private readonly pendingAcks = new Map<number, PendingAck>();

  constructor(private readonly options: SioDecoderOptions) {
    this.protocol = options.protocol;
    this.namespaces = new NamespaceTracker((list) => options.onNamespacesChanged?.(list));
  }

  /**
   * The Socket.IO events of one incoming `eio-message` event. `packet` is the message in full when the
   * caller has it (a stored payload may be truncated); else it is read from the event.
   */
  push(message: LogEvent, packet: EioPacket | undefined = messagePacket(message)): NewLogEvent[] {
    if (!packet) return [];
    const max = this.options.maxStoredPayloadBytes;
    if (this.options.parser === 'msgpack') {
      if (!packet.binary) {
        const error = 'A text message arrived, but the msgpack parser sends every packet as binary.';
        return [decodeErrorEvent(error, packet.data ?? '', message, max)];
      }
      const decoded = decodeMsgpackPacket(packet.data);
      if (decoded.ok) return [this.packetEvent(decoded.packet, message.seq, message)];
      return [decodeErrorEvent(decoded.error, displayJson(packet.data), message, max)];
    }
    if (packet.binary) return this.onAttachment(packet.data, message);
    const text = packet.data ?? '';
    const events: NewLogEvent[] = [];
    if (this.pendingBinary) {
      const missing = this.pendingBinary.packet.attachments! - this.pendingBinary.attachmentSeqs.length;
      const error = `A text packet arrived while ${missing} binary attachment(s) were still expected.`;
      events.push(decodeErrorEvent(error, text, message, max));
      this.pendingBinary = undefined;
    }
    const decoded = decodeSioPacket(text, this.options.maxAttachments);
    if (!decoded.ok) {
      events.push(decodeErrorEvent(decoded.error, text, message, max));
      return events;
    }
    const sioPacket = decoded.packet;
    const binary = sioPacket.type === 'BINARY_EVENT' || sioPacket.type === 'BINARY_ACK';
    if (binary && (sioPacket.attachments ?? 0) > 0) {
      this.pendingBinary = { packet: sioPacket, parentSeq: message.seq, attachmentSeqs: [] };
      return events;
    }
    events.push(this.packetEvent(sioPacket, message.seq, message));
    return events;
  }

  /** Learns from an outgoing Socket.IO event: CONNECT asks, DISCONNECT leaves, emits wait, acks answer. */
  noteOutgoing(event: LogEvent): void {
    const sio = event.meta?.sio;
    if (!sio || event.direction !== 'out') return;
    switch (sio.packetType) {
      case 'CONNECT':
        this.namespaces.ask(sio.namespace);
        break;
      case 'DISCONNECT':
        this.namespaces.leave(sio.namespace, 'client disconnect');
        break;
      case 'EVENT':
      case 'BINARY_EVENT':
        if (sio.ackId !== undefined) this.pendingAcks.set(sio.ackId, { seq: event.seq, mono: event.mono });
        break;
      case 'ACK':
      case 'BINARY_ACK':
        if (sio.ackId !== undefined) this.serverAcks.answered(sio.namespace, sio.ackId);
        break;
    }
  }

  /** A namespace the protocol joins by itself (Socket.IO 2 joins "/" unprompted). */
  expectNamespace(name: string): void {
    this.namespaces.ask(name);
  }

  /** The session ended: every live namespace ends with it; no ack will come any more. */
  endSession(reason: string): void {
    this.namespaces.closeAll(reason);
    this.pendingAcks.clear();
  }

  private onAttachment(bytes: Uint8Array, message: LogEvent): NewLogEvent[] {
    const pending = this.pendingBinary;
    // A raw binary message that no BINARY_* announced: a real server drops the connection for this.
    if (!pending) return [unannouncedAttachmentEvent(bytes, message)];
    pending.attachmentSeqs.push(message.seq);
    if (pending.attachmentSeqs.length !== pending.packet.attachments) return [];
    this.pendingBinary = undefined;
    return [this.packetEvent(pending.packet, pending.parentSeq, message, pending.attachmentSeqs)];
  }

  /** The event of a decoded packet (`at`: the message whose arrival completed it). */
  private packetEvent(packet: SioPacket, parentSeq: number, at: LogEvent, attachmentSeqs?: number[]): NewLogEvent {
    const query = packet.nsp.indexOf('?');
    const namespace = query < 0 ? packet.nsp : packet.nsp.slice(0, query);
    const sio: SioMeta = {
      packetType: packet.type,
      namespace,
      ackId: packet.id,
      attachments: packet.attachments,
      protocol: this.protocol,
    };
    const meta: EventMeta = { sio };
    const warnings = packet.warning ? [packet.warning] : [];
    if (attachmentSeqs?.length) {
      sio.attachmentSeqs = attachmentSeqs;
      meta.note = `${attachmentSeqs.length} binary attachment(s): events #${attachmentSeqs.join(', #')}`;
    }
    applyIncomingPacket(packet, { meta, sio, warnings, at }, this);
    if (warnings.length) meta.warning = warnings.join(' ');
    return sioEvent('in', packet.type, meta, packet.dataText, parentSeq, at, this.options.maxStoredPayloadBytes);
  }

  /** The emit of ours that ack `id` answers, taken off the waiting list. */
  takePendingAck(id: number | undefined): PendingAck | undefined {
    const pending = id !== undefined ? this.pendingAcks.get(id) : undefined;
    if (pending) this.pendingAcks.delete(id!);
    return pending;
  }
}

/** The Engine.IO message an `eio-message` event stands for, read from its stored payload. */
export function messagePacket(event: LogEvent): EioPacket | undefined {
  if (event.type !== 'eio-message') return undefined;
  if (event.payload?.kind === 'binary') return { type: 'message', data: event.payload.bytes, binary: true };
  return { type: 'message', data: event.payload?.kind === 'text' ? event.payload.text : '' };
}
