/**
 * The Engine.IO and Socket.IO layers of an imported conversation, decoded by the same pure decoders a live
 * session uses (EioLayerDecoder, SioLayerDecoder): an incoming carrier (a polling GET's response, an incoming
 * WebSocket message) gets its packets as child rows and each message its Socket.IO packet — acks matched,
 * attachments regrouped — exactly as live. What went out is decoded the way the live session logs what it
 * sends: a POST's packets before the POST (which carries them), a WebSocket message's packet as its child, and
 * each Socket.IO packet as an outgoing row the decoder learns acks and namespaces from.
 */
import { EioLayerDecoder, type CarrierInput } from '../engineio/eioLayerDecoder';
import { isDecodeError, type EioVersion } from '../engineio/eioPacket';
import { packetEvent, type EventTime } from '../engineio/eioPacketEvents';
import type { EventLog } from '../events/eventLog';
import type { LogEvent, NewLogEvent, Payload } from '../events/logEvent';
import { decodeSioPacket } from '../socketio/sioCodec';
import { decodeErrorEvent, sioEvent } from '../socketio/sioIncomingEvents';
import { SioLayerDecoder } from '../socketio/sioLayerDecoder';
import type { NamespaceInfo } from '../socketio/sioNamespaces';

export interface EngineLayerOptions {
  version: EioVersion;
  /** Socket.IO over the Engine.IO messages (`socketio` sessions); its protocol follows the Engine.IO version. */
  socketIo: boolean;
  maxStoredPayloadBytes: number;
}

export class EngineLayers {
  private readonly eio: EioLayerDecoder;
  private readonly sio: SioLayerDecoder | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly options: EngineLayerOptions,
  ) {
    const max = options.maxStoredPayloadBytes;
    this.eio = new EioLayerDecoder({ version: options.version, maxStoredPayloadBytes: max });
    // Socket.IO 2 clients speak Engine.IO 3 and protocol 4, in which the server joins "/" unprompted.
    const protocol = options.version === 3 ? 4 : 5;
    this.sio = options.socketIo
      ? new SioLayerDecoder({ parser: 'default', protocol, maxStoredPayloadBytes: max })
      : undefined;
    if (protocol === 4) this.sio?.expectNamespace('/');
  }

  /** The Socket.IO namespaces seen, ended with the file. */
  namespaces(): NamespaceInfo[] | undefined {
    if (!this.sio) return undefined;
    this.sio.endSession('end of the imported file');
    return [...this.sio.namespaces.namespaces];
  }

  /** After an incoming carrier was appended: its Engine.IO packets, and their Socket.IO packets. */
  incoming(carrier: LogEvent): void {
    for (const child of this.eio.decode(carrier)) this.appendIncoming(child);
  }

  /** The packets of a POST's body, appended before the POST; returns their seqs for its `carries`. */
  outgoingPollBody(body: Payload, at: EventTime, contentType: string): number[] {
    const data = body.kind === 'text' ? body.text : body.bytes;
    const carrier: CarrierInput = { seq: 0, ...at, transport: 'polling', data, contentType };
    const seqs: number[] = [];
    const records = this.eio.bodyRecords(carrier);
    for (let next = records.next(); !next.done; next = records.next()) {
      const record = next.value;
      if (isDecodeError(record)) {
        const { parent: _parent, ...error } = this.eio.errorChild(record, carrier).event;
        seqs.push(this.log.append({ ...error, direction: 'out' }).seq);
        break;
      }
      const eio = { packetType: record.type, transport: 'polling' as const };
      const row = this.log.append(packetEvent('out', record, { eio }, at, this.options.maxStoredPayloadBytes));
      seqs.push(row.seq);
      this.outgoingMessage(row);
    }
    return seqs;
  }

  /** After an outgoing WebSocket message was appended: its Engine.IO packet, and its Socket.IO packet. */
  outgoingFrame(carrier: LogEvent): void {
    const payload = carrier.payload;
    const data = payload?.kind === 'binary' ? payload.bytes : payload?.kind === 'text' ? payload.text : '';
    const input: CarrierInput = {
      seq: carrier.seq,
      time: carrier.time,
      mono: carrier.mono,
      transport: 'websocket',
      data,
    };
    for (const child of this.eio.frameChildren(input)) {
      const row = this.log.append({ ...child.event, direction: 'out' });
      this.outgoingMessage(row);
    }
  }

  private appendIncoming(child: NewLogEvent): void {
    const row = this.log.append(child);
    if (row.type === 'eio-message' && this.sio) for (const sioRow of this.sio.push(row)) this.log.append(sioRow);
  }

  /** The Socket.IO row of an outgoing text message (attachments, binary, go out without one, as live). */
  private outgoingMessage(row: LogEvent): void {
    if (!this.sio || row.type !== 'eio-message' || row.payload?.kind !== 'text') return;
    const text = row.payload.text;
    const max = this.options.maxStoredPayloadBytes;
    const decoded = decodeSioPacket(text);
    if (!decoded.ok) {
      this.log.append({ ...decodeErrorEvent(decoded.error, text, row, max), direction: 'out' });
      return;
    }
    const packet = decoded.packet;
    const query = packet.nsp.indexOf('?');
    const namespace = query < 0 ? packet.nsp : packet.nsp.slice(0, query);
    const event = packet.type.endsWith('EVENT') && Array.isArray(packet.data) ? String(packet.data[0]) : undefined;
    const sio = { packetType: packet.type, namespace, ackId: packet.id, event, attachments: packet.attachments };
    const meta = { sio: { ...withoutUndefined(sio), protocol: this.sio.protocol }, note: describe(sio) };
    const out = this.log.append(sioEvent('out', packet.type, meta, packet.dataText, row.seq, row, max));
    this.sio.noteOutgoing(out);
  }
}

/** The note of an outgoing row, as the live session writes it: type, namespace, event, ack id, attachments. */
function describe(sio: {
  packetType: string;
  namespace: string;
  event?: string;
  ackId?: number;
  attachments?: number;
}) {
  const parts = [`${sio.packetType} ${sio.namespace}`];
  if (sio.event !== undefined) parts.push(`"${sio.event}"`);
  if (sio.ackId !== undefined) parts.push(`ack id ${sio.ackId}`);
  if (sio.attachments) parts.push(`${sio.attachments} attachment(s)`);
  return parts.join(', ');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
