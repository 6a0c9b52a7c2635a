/**
 * A Socket.IO session: the Socket.IO layer (protocol v5 over Engine.IO v4, v4 over Engine.IO v3) on
 * top of our Engine.IO engine. It joins namespaces (with auth), logs every packet the server sends
 * without declaring listeners, keeps the wire type of each packet, regroups binary attachments
 * (also across polling responses), and correlates acks with the emits they answer.
 */
import type { Clock } from '../clock';
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import { ErrorCode } from '../errors';
import type { EventLog } from '../events/eventLog';
import type { ErrorMeta, EventMeta, SioMeta } from '../events/logEvent';
import { EngineIoSession, type EioIncomingMessage } from '../engineio/engineIoSession';
import { textPayload } from '../payload/storedPayload';
import type { SendRequest } from '../../shared/sendRequest';
import type { SendOutcome } from '../session/session';
import { parseSioArguments, parseSioAuth, restoreAttachments } from './sioArguments';
import { decodeSioPacket, encodeSioPacket, extractAttachments } from './sioCodec';
import { decodeMsgpackPacket, displayJson, encodeMsgpackPacket, looksLikeMsgpackMap } from './sioMsgpack';
import { NamespaceTracker, type NamespaceInfo } from './sioNamespaces';
import { RESERVED_EVENTS, reservedEventWarning, type SioPacket } from './sioPacket';

/** How long a WebSocket-only session with a guessed version waits for a Socket.IO 2 server to speak first. */
const V3_DETECTION_MS = 200;

export type { NamespaceInfo } from './sioNamespaces';

/** A BINARY_EVENT/BINARY_ACK waiting for its attachments. */
interface PendingBinary {
  packet: SioPacket;
  text: string;
  parentSeq: number;
  attachmentSeqs: number[];
}

/** Where an emit with an ack is waiting for its answer. */
interface PendingAck {
  seq: number;
  mono: number;
  namespace: string;
}

export class SocketIoSession extends EngineIoSession {
  /** Namespaces we asked for; the session header's list is rebuilt only when one of them changes. */
  private readonly namespaces = new NamespaceTracker((list) => {
    this.info_.namespaces = list;
    this.fireChanged();
  });
  private sioVersion: 4 | 5 = 5;
  private pendingBinary: PendingBinary | undefined;
  private readonly pendingAcks = new Map<number, PendingAck>();
  private nextAckId = 0;
  /** Acks the server asked for (`namespace#id`) and that we have not answered yet. */
  private readonly serverAckRequests = new Set<string>();

  constructor(options: ResolvedEngineIoOptions, deps: { id?: string; clock?: Clock; log?: EventLog } = {}) {
    super(options, { ...deps, id: deps.id ?? undefined });
  }

  /** Namespaces and their state, for the session header. */
  get namespaceStates(): readonly NamespaceInfo[] {
    return this.namespaces.namespaces;
  }

  protected override protocolLabel(): string {
    return `Socket.IO ${this.engineVersion === 3 ? 4 : 5} / Engine.IO ${this.engineVersion}`;
  }

  protected override onEngineOpen(): void {
    this.sioVersion = this.engineVersion === 3 ? 4 : 5;
    this.info_.protocol = this.protocolLabel();
    // Over WebSocket only, nothing tells a v3 server from a v4 one before Socket.IO speaks: a Socket.IO 2
    // server connects "/" by itself right after the open packet. engine.io 6 announces maxPayload; 3 and 4 do not.
    if (this.versionIsGuessed && this.options.transports === 'websocket-only' && this.openPacket?.maxPayload === undefined) {
      this.append('local', 'sio', 'version-probe', { note: `Waiting up to ${V3_DETECTION_MS} ms for a Socket.IO 2 server to connect "/" by itself before sending CONNECT (the open packet has no maxPayload, as with engine.io 3 and 4).` });
      this.deferredConnects = this.timers.start(V3_DETECTION_MS, () => this.guard(() => this.sendInitialConnects()));
      return;
    }
    this.sendInitialConnects();
  }

  private deferredConnects: unknown;

  private sendInitialConnects(): void {
    this.deferredConnects = undefined;
    // Socket.IO 2 joins "/" by itself: its CONNECT is expected even when only other namespaces were asked for.
    if (this.sioVersion === 4 && !this.options.namespaces.some((ns) => ns.name === '/')) this.namespaces.ask('/');
    for (const ns of this.options.namespaces) this.connectNamespace(ns.name, ns.auth);
  }

  /** An unprompted CONNECT for "/" without an id while we still waited: a Socket.IO 2 server. */
  private detectSocketIo2(packet: SioPacket): void {
    if (this.deferredConnects === undefined || packet.type !== 'CONNECT' || packet.nsp !== '/' || (packet.data as { sid?: unknown } | undefined)?.sid !== undefined) return;
    this.timers.clear(this.deferredConnects);
    this.switchToV3('The server connected "/" by itself, without a Socket.IO id: it is Socket.IO 2 (protocol v4 over Engine.IO v3). Continuing with those protocols.');
    this.sioVersion = 4;
    this.info_.protocol = this.protocolLabel();
    this.namespaces.ask('/');
    queueMicrotask(() => this.guard(() => this.sendInitialConnects()));
  }

  protected override onEngineClosed(reason: string): void {
    this.namespaces.closeAll(reason);
    this.pendingAcks.clear();
  }

  // ---- outgoing ------------------------------------------------------------------------------

  /** The one send entry point: Socket.IO kinds; raw Engine.IO messages would break the server's parser. */
  override send(request: SendRequest): SendOutcome {
    let outcome: SendOutcome;
    switch (request.kind) {
      case 'sio-emit':
        outcome = this.emit(request.namespace, request.event, request.args, request.ack);
        break;
      case 'sio-connect':
        outcome = this.connectNamespace(request.namespace, request.auth);
        break;
      case 'sio-disconnect':
        outcome = this.disconnectNamespace(request.namespace);
        break;
      case 'sio-ack':
        outcome = this.answerAck(request.namespace, request.id, request.args);
        break;
      case 'close':
        return super.send(request);
      default:
        return {
          ok: false,
          error: {
            code: ErrorCode.InvalidMessage,
            message: 'A Socket.IO session sends events: raw text or binary would not be a valid Socket.IO packet and the server would drop the connection.',
            hint: 'Emit an event with a namespace, a name and JSON arguments.',
          },
        };
    }
    if (outcome.ok && (request.kind === 'sio-emit' || request.kind === 'sio-ack')) this.attachSendRequest(outcome.seq, request);
    return outcome;
  }

  /** Joins a namespace. v5 sends CONNECT for every namespace (auth as data); v4 joins `/` by itself. */
  connectNamespace(name: string, auth?: string): SendOutcome {
    if (this.info_.state !== 'open') return this.notOpen();
    const current = this.namespaces.get(name);
    if (current && (current.state === 'connected' || current.state === 'connecting')) {
      return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `Namespace ${name} is already ${current.state}.` } };
    }
    const parsedAuth = parseSioAuth(auth);
    if (!parsedAuth.ok) return { ok: false, error: { code: ErrorCode.InvalidMessage, message: parsedAuth.error } };
    const authData = parsedAuth.value;
    this.namespaces.ask(name);
    if (this.sioVersion === 4) {
      // Socket.IO 2: the server connects `/` unprompted; other namespaces carry auth as a query string.
      if (name === '/') return { ok: true, seq: this.log.count };
      const query = authData && typeof authData === 'object' ? new URLSearchParams(Object.entries(authData as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
      return this.sendSio({ type: 'CONNECT', nsp: query ? `${name}?${query}` : name }, undefined, `${name}`);
    }
    return this.sendSio({ type: 'CONNECT', nsp: name, data: authData }, undefined, name);
  }

  /** Leaves a namespace. */
  disconnectNamespace(name: string): SendOutcome {
    if (this.info_.state !== 'open') return this.notOpen();
    const ns = this.namespaces.get(name);
    if (!ns || ns.state !== 'connected') return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `Namespace ${name} is not connected.` } };
    this.namespaces.leave(name, 'client disconnect');
    return this.sendSio({ type: 'DISCONNECT', nsp: name }, undefined, name);
  }

  /**
   * Emits `event` with the arguments in `argsJson` (a JSON array; `{"$binary":"<base64>"}` values are
   * sent as attachments). With `ack`, an ack id is allocated and the reply is matched and timed.
   */
  emit(namespace: string, event: string, argsJson: string, ack: boolean): SendOutcome {
    if (this.info_.state !== 'open') return this.notOpen();
    const ns = this.namespaces.get(namespace);
    // An EVENT before the CONNECT reply kills the connection on the server (protocols.md).
    if (!ns || ns.state !== 'connected') {
      return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `Namespace ${namespace} is ${ns ? ns.state : 'not joined'}: emit after the server accepted the CONNECT.`, hint: ns ? undefined : 'Join it first (sio-connect).' } };
    }
    if (event === '') return { ok: false, error: { code: ErrorCode.InvalidMessage, message: 'The event name is empty.' } };
    if (RESERVED_EVENTS.has(event)) return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `"${event}" is a reserved event name; Socket.IO clients do not emit it.` } };
    const args = parseSioArguments(argsJson);
    if (!args.ok) return { ok: false, error: { code: ErrorCode.InvalidMessage, message: args.error } };
    const { data, buffers } = extractAttachments([event, ...args.value]);
    const id = ack ? this.nextAckId++ : undefined;
    const packet: SioPacket = buffers.length
      ? { type: 'BINARY_EVENT', nsp: namespace, id, data, attachments: buffers.length }
      : { type: 'EVENT', nsp: namespace, id, data };
    const outcome = this.sendSio(packet, buffers, namespace, event);
    if (outcome.ok && id !== undefined) this.pendingAcks.set(id, { seq: outcome.seq, mono: this.clock.mono(), namespace });
    return outcome;
  }

  /**
   * Answers an event the server sent with an ack id (its callback then runs with these arguments).
   * Only ids the server is waiting for: an unknown one would be dropped by the server anyway.
   */
  answerAck(namespace: string, id: number, argsJson: string): SendOutcome {
    if (this.info_.state !== 'open') return this.notOpen();
    const key = `${namespace}#${id}`;
    if (!this.serverAckRequests.has(key)) {
      return { ok: false, error: { code: ErrorCode.InvalidMessage, message: `The server is not waiting for ack ${id} on ${namespace} (or it was answered already).` } };
    }
    const args = parseSioArguments(argsJson);
    if (!args.ok) return { ok: false, error: { code: ErrorCode.InvalidMessage, message: args.error } };
    const { data, buffers } = extractAttachments(args.value);
    const packet: SioPacket = buffers.length
      ? { type: 'BINARY_ACK', nsp: namespace, id, data, attachments: buffers.length }
      : { type: 'ACK', nsp: namespace, id, data };
    this.serverAckRequests.delete(key);
    return this.sendSio(packet, buffers, namespace);
  }

  private sendSio(packet: SioPacket, buffers: Uint8Array[] = [], namespace: string, event?: string): SendOutcome {
    const sio: SioMeta = { packetType: packet.type, namespace, ackId: packet.id, event, attachments: packet.attachments, protocol: this.sioVersion };
    if (this.options.parser === 'msgpack') {
      // One msgpack map per packet, bytes inline: put the buffers back where the placeholders were.
      const data = packet.data === undefined ? undefined : restoreAttachments(packet.data, buffers);
      const type = packet.type === 'BINARY_EVENT' ? 'EVENT' : packet.type === 'BINARY_ACK' ? 'ACK' : packet.type;
      const eioSeq = this.sendMessagePacket(encodeMsgpackPacket({ type, nsp: packet.nsp, id: packet.id, data }));
      const shown = data === undefined ? '' : displayJson(data);
      Object.assign(sio, { packetType: type, attachments: undefined });
      return { ok: true, seq: this.append('out', 'sio', sioType(type), { sio, note: describe({ ...packet, type, attachments: undefined }, event) }, shown ? textPayload(shown, this.options.maxStoredPayloadBytes) : undefined, Buffer.byteLength(shown), eioSeq).seq };
    }
    const text = encodeSioPacket(packet);
    const eioSeq = this.sendMessagePacket(text);
    const dataText = text.slice(text.length - (packet.data === undefined ? 0 : JSON.stringify(packet.data).length));
    const seq = this.append('out', 'sio', sioType(packet.type), { sio, note: describe(packet, event) }, dataText ? textPayload(dataText, this.options.maxStoredPayloadBytes) : undefined, Buffer.byteLength(dataText), eioSeq).seq;
    for (const buffer of buffers) this.sendMessagePacket(buffer);
    return { ok: true, seq };
  }

  private notOpen(): SendOutcome {
    return { ok: false, error: { code: ErrorCode.NotOpen, message: `The session is ${this.info_.state}: Socket.IO packets can be sent only while it is open.` } };
  }

  // ---- incoming ------------------------------------------------------------------------------

  protected override onMessagePacket(message: EioIncomingMessage): void {
    const { packet, seq } = message;
    if (this.options.parser === 'msgpack') {
      if (!packet.binary) {
        this.sioError('A text message arrived, but the msgpack parser sends every packet as binary.', packet.data ?? '', seq);
        return;
      }
      const decoded = decodeMsgpackPacket(packet.data);
      if (decoded.ok) this.onSioPacket(decoded.packet, seq);
      else this.sioError(decoded.error, displayJson(packet.data), seq);
      return;
    }
    if (packet.binary) {
      this.onAttachment(packet.data, seq);
      return;
    }
    const text = packet.data ?? '';
    if (this.pendingBinary) {
      this.sioError(`A text packet arrived while ${this.pendingBinary.packet.attachments! - this.pendingBinary.attachmentSeqs.length} binary attachment(s) were still expected.`, text, seq);
      this.pendingBinary = undefined;
    }
    const decoded = decodeSioPacket(text);
    if (!decoded.ok) {
      this.sioError(decoded.error, text, seq);
      return;
    }
    const sioPacket = decoded.packet;
    this.detectSocketIo2(sioPacket);
    if ((sioPacket.type === 'BINARY_EVENT' || sioPacket.type === 'BINARY_ACK') && (sioPacket.attachments ?? 0) > 0) {
      this.pendingBinary = { packet: sioPacket, text, parentSeq: seq, attachmentSeqs: [] };
      return;
    }
    this.onSioPacket(sioPacket, seq);
  }

  private onAttachment(bytes: Uint8Array, seq: number): void {
    const pending = this.pendingBinary;
    if (!pending) {
      // A raw binary message that no BINARY_* announced: a real server drops the connection for this.
      const hint = looksLikeMsgpackMap(bytes) ? 'It starts like a msgpack map: the server may use socket.io-msgpack-parser; choose the msgpack parser.' : undefined;
      this.append('in', 'sio', 'sio-decode-error', { sio: { packetType: 'ATTACHMENT', namespace: '?', decodeError: 'unannounced attachment' }, error: { code: ErrorCode.ParseError, message: `A binary message of ${bytes.length} bytes arrived that no BINARY_EVENT/BINARY_ACK announced.`, hint } }, undefined, bytes.length, seq);
      return;
    }
    pending.attachmentSeqs.push(seq);
    if (pending.attachmentSeqs.length === pending.packet.attachments) {
      this.pendingBinary = undefined;
      this.onSioPacket(pending.packet, pending.parentSeq, pending.attachmentSeqs);
    }
  }

  private onSioPacket(packet: SioPacket, parentSeq: number, attachmentSeqs?: number[]): void {
    const nsName = packet.nsp.split('?')[0];
    const sio: SioMeta = { packetType: packet.type, namespace: nsName, ackId: packet.id, attachments: packet.attachments, protocol: this.sioVersion };
    const meta: EventMeta = { sio };
    const warnings = packet.warning ? [packet.warning] : [];
    if (attachmentSeqs?.length) {
      sio.attachmentSeqs = attachmentSeqs;
      meta.note = `${attachmentSeqs.length} binary attachment(s): events #${attachmentSeqs.join(', #')}`;
    }
    switch (packet.type) {
      case 'CONNECT': {
        const sid = (packet.data as { sid?: unknown } | undefined)?.sid;
        const warning = this.namespaces.onServerPacket('CONNECT', nsName, { sid: typeof sid === 'string' ? sid : undefined });
        if (warning) warnings.push(warning);
        else meta.note = `Joined ${nsName}${typeof sid === 'string' ? ` as ${sid}` : ''}`;
        break;
      }
      case 'CONNECT_ERROR': {
        const data = packet.data as { message?: unknown } | string | undefined;
        const message = typeof data === 'string' ? data : typeof data?.message === 'string' ? data.message : 'refused';
        const warning = this.namespaces.onServerPacket('CONNECT_ERROR', nsName, { reason: message });
        if (warning) warnings.push(warning);
        else meta.error = { code: ErrorCode.NamespaceRefused, message: `The server refused namespace ${nsName}: ${message}`, hint: 'Check the auth payload (Socket.IO 3+) or the query (Socket.IO 2) the server expects.' };
        break;
      }
      case 'DISCONNECT': {
        const warning = this.namespaces.onServerPacket('DISCONNECT', nsName);
        if (warning) warnings.push(warning);
        meta.note = `The server disconnected ${nsName}`;
        break;
      }
      case 'EVENT':
      case 'BINARY_EVENT': {
        sio.event = String((packet.data as unknown[])[0]);
        if (RESERVED_EVENTS.has(sio.event)) {
          sio.reservedName = true;
          warnings.push(reservedEventWarning(sio.event));
        }
        if (packet.id !== undefined) {
          this.serverAckRequests.add(`${nsName}#${packet.id}`);
          meta.note = [meta.note, `The server asks for an ack (id ${packet.id}): answer it with sio-ack`].filter(Boolean).join('; ');
        }
        break;
      }
      case 'ACK':
      case 'BINARY_ACK': {
        const pending = packet.id !== undefined ? this.pendingAcks.get(packet.id) : undefined;
        if (pending) {
          this.pendingAcks.delete(packet.id!);
          sio.ackOf = pending.seq;
          meta.durationMs = this.clock.mono() - pending.mono;
          meta.note = `Ack of #${pending.seq} after ${meta.durationMs.toFixed(1)} ms`;
        } else meta.note = `Ack id ${packet.id} matches no emit of ours`;
        break;
      }
    }
    if (warnings.length) meta.warning = warnings.join(' ');
    const dataText = packet.dataText;
    this.append('in', 'sio', sioType(packet.type), meta, dataText ? textPayload(dataText, this.options.maxStoredPayloadBytes) : undefined, dataText ? Buffer.byteLength(dataText) : 0, parentSeq);
  }

  private sioError(message: string, raw: string, parentSeq: number): void {
    const error: ErrorMeta = { code: ErrorCode.ParseError, message: `Socket.IO decode error: ${message}` };
    this.append('in', 'sio', 'sio-decode-error', { sio: { packetType: 'UNKNOWN', namespace: '?', decodeError: message }, error }, textPayload(raw, this.options.maxStoredPayloadBytes), Buffer.byteLength(raw), parentSeq);
  }
}

/** `BINARY_EVENT` → `sio-binary-event`: event types keep the wire type. */
function sioType(type: SioPacket['type']): string {
  return `sio-${type.toLowerCase().replace(/_/g, '-')}`;
}

function describe(packet: SioPacket, event?: string): string {
  const parts = [`${packet.type} ${packet.nsp}`];
  if (event !== undefined) parts.push(`"${event}"`);
  if (packet.id !== undefined) parts.push(`ack id ${packet.id}`);
  if (packet.attachments) parts.push(`${packet.attachments} attachment(s)`);
  return parts.join(', ');
}
