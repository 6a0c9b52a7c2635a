/**
 * What a Socket.IO session sends: CONNECT (with auth), DISCONNECT, EVENT (with binary attachments and
 * an optional ack id) and ACK, each checked against what the server would accept, encoded (JSON text
 * or msgpack), sent as Engine.IO messages, and logged as one `sio` row — complete, with the request
 * it was sent from, before it is appended — which the decoder then learns from.
 */
import { ErrorCode } from '../errors';
import type { EventMeta, SioMeta } from '../events/logEvent';
import type { EioEngine } from '../engineio/eioEngine';
import type { SendRequest } from '../session/sendRequest';
import type { SendOutcome } from '../session/session';
import { parseSioArguments, parseSioAuth, restoreAttachments } from './sioArguments';
import { encodeSioPacket, extractAttachments } from './sioCodec';
import { sioEvent } from './sioIncomingEvents';
import type { SioLayerDecoder } from './sioLayerDecoder';
import { displayJson, encodeMsgpackPacket } from './sioMsgpack';
import { RESERVED_EVENTS, type SioPacket } from './sioPacket';

export class SioOutbound {
  private nextAckId = 0;

  constructor(
    private readonly engine: EioEngine,
    private readonly decoder: SioLayerDecoder,
  ) {}

  /** Joins a namespace. v5 sends CONNECT for every namespace (auth as data); v4 joins `/` by itself. */
  connect(name: string, auth?: string, request?: SendRequest): SendOutcome {
    const refused = this.notOpen();
    if (refused) return refused;
    const current = this.decoder.namespaces.get(name);
    if (current && (current.state === 'connected' || current.state === 'connecting')) {
      return invalid(`Namespace ${name} is already ${current.state}.`);
    }
    const parsedAuth = parseSioAuth(auth);
    if (!parsedAuth.ok) return invalid(parsedAuth.error);
    const authData = parsedAuth.value;
    if (this.decoder.protocol === 5) return this.send({ type: 'CONNECT', nsp: name, data: authData }, [], { request });
    // Socket.IO 2: the server connects `/` unprompted; other namespaces carry auth as a query string.
    if (name === '/') {
      this.decoder.expectNamespace('/');
      return { ok: true, seq: this.engine.log.count };
    }
    const query =
      authData && typeof authData === 'object'
        ? new URLSearchParams(
            Object.entries(authData as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)]),
          ).toString()
        : '';
    return this.send({ type: 'CONNECT', nsp: query ? `${name}?${query}` : name }, [], { request, namespace: name });
  }

  /** Leaves a namespace. */
  disconnect(name: string, request?: SendRequest): SendOutcome {
    const refused = this.notOpen();
    if (refused) return refused;
    const ns = this.decoder.namespaces.get(name);
    if (!ns || ns.state !== 'connected') return invalid(`Namespace ${name} is not connected.`);
    return this.send({ type: 'DISCONNECT', nsp: name }, [], { request });
  }

  /**
   * Emits `event` with the arguments in `argsJson` (a JSON array; `{"$binary":"<base64>"}` values are
   * sent as attachments). With `ack`, an ack id is allocated and the reply is matched and timed.
   */
  emit(namespace: string, event: string, argsJson: string, ack: boolean, request?: SendRequest): SendOutcome {
    const refused = this.notOpen();
    if (refused) return refused;
    const ns = this.decoder.namespaces.get(namespace);
    // An EVENT before the CONNECT reply kills the connection on the server (protocols.md).
    if (!ns || ns.state !== 'connected') {
      const state = ns ? ns.state : 'not joined';
      const message = `Namespace ${namespace} is ${state}: emit after the server accepted the CONNECT.`;
      return {
        ok: false,
        error: { code: ErrorCode.InvalidMessage, message, hint: ns ? undefined : 'Join it first (sio-connect).' },
      };
    }
    if (event === '') return invalid('The event name is empty.');
    if (RESERVED_EVENTS.has(event))
      return invalid(`"${event}" is a reserved event name; Socket.IO clients do not emit it.`);
    const args = parseSioArguments(argsJson);
    if (!args.ok) return invalid(args.error);
    const { data, buffers } = extractAttachments([event, ...args.value]);
    const id = ack ? this.nextAckId++ : undefined;
    const packet: SioPacket = buffers.length
      ? { type: 'BINARY_EVENT', nsp: namespace, id, data, attachments: buffers.length }
      : { type: 'EVENT', nsp: namespace, id, data };
    return this.send(packet, buffers, { request, event });
  }

  /**
   * Answers an event the server sent with an ack id (its callback then runs with these arguments).
   * Only ids the server is waiting for: an unknown one would be dropped by the server anyway.
   */
  answerAck(namespace: string, id: number, argsJson: string, request?: SendRequest): SendOutcome {
    const refused = this.notOpen();
    if (refused) return refused;
    if (!this.decoder.serverAcks.has(namespace, id)) {
      return invalid(`The server is not waiting for ack ${id} on ${namespace} (or it was answered already).`);
    }
    const args = parseSioArguments(argsJson);
    if (!args.ok) return invalid(args.error);
    const { data, buffers } = extractAttachments(args.value);
    const packet: SioPacket = buffers.length
      ? { type: 'BINARY_ACK', nsp: namespace, id, data, attachments: buffers.length }
      : { type: 'ACK', nsp: namespace, id, data };
    return this.send(packet, buffers, { request });
  }

  /** Encodes, sends and logs a packet (and its attachments); the decoder learns from the row. */
  private send(
    packet: SioPacket,
    buffers: Uint8Array[],
    facts: { request?: SendRequest; event?: string; namespace?: string },
  ): SendOutcome {
    const { engine } = this;
    const namespace = facts.namespace ?? packet.nsp;
    const msgpack = engine.options.parser === 'msgpack';
    // msgpack: one map per packet, bytes inline where the placeholders were, so no BINARY_* types.
    const wire = msgpack ? inlineAttachments(packet, buffers) : packet;
    const sio: SioMeta = {
      packetType: wire.type,
      namespace,
      ackId: wire.id,
      event: facts.event,
      attachments: wire.attachments,
      protocol: this.decoder.protocol,
    };
    const meta: EventMeta = { sio, note: describe(wire, facts.event) };
    if (facts.request) meta.send = facts.request;
    let dataText: string;
    let eioSeq: number;
    if (msgpack) {
      eioSeq = engine.sendMessage(encodeMsgpackPacket(wire));
      dataText = wire.data === undefined ? '' : displayJson(wire.data);
    } else {
      const text = encodeSioPacket(packet);
      eioSeq = engine.sendMessage(text);
      dataText = text.slice(text.length - (packet.data === undefined ? 0 : JSON.stringify(packet.data).length));
    }
    const at = { time: engine.clock.now(), mono: engine.clock.mono() };
    const max = engine.options.maxStoredPayloadBytes;
    const row = engine.writer.appendBuilt(sioEvent('out', wire.type, meta, dataText, eioSeq, at, max));
    this.decoder.noteOutgoing(row);
    if (!msgpack) for (const buffer of buffers) engine.sendMessage(buffer);
    return { ok: true, seq: row.seq };
  }

  private notOpen(): SendOutcome | undefined {
    const state = this.engine.info.state;
    if (state === 'open') return undefined;
    const message = `The session is ${state}: Socket.IO packets can be sent only while it is open.`;
    return { ok: false, error: { code: ErrorCode.NotOpen, message } };
  }
}

/** The packet as msgpack sends it: buffers back in place of their placeholders, EVENT/ACK types. */
function inlineAttachments(packet: SioPacket, buffers: Uint8Array[]): SioPacket {
  const data = packet.data === undefined ? undefined : restoreAttachments(packet.data, buffers);
  const type = packet.type === 'BINARY_EVENT' ? 'EVENT' : packet.type === 'BINARY_ACK' ? 'ACK' : packet.type;
  return { type, nsp: packet.nsp, id: packet.id, data };
}

function invalid(message: string): SendOutcome {
  return { ok: false, error: { code: ErrorCode.InvalidMessage, message } };
}

/** The note of an outgoing row: type, namespace, event, ack id, attachments. */
function describe(packet: SioPacket, event?: string): string {
  const parts = [`${packet.type} ${packet.nsp}`];
  if (event !== undefined) parts.push(`"${event}"`);
  if (packet.id !== undefined) parts.push(`ack id ${packet.id}`);
  if (packet.attachments) parts.push(`${packet.attachments} attachment(s)`);
  return parts.join(', ');
}
