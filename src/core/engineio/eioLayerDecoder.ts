/**
 * The Engine.IO layer of a log, decoded from its carriers (issue #8): a poll response or a WebSocket
 * message in, the Engine.IO packets it carried out, as child events whose `parent` is the carrier's seq.
 * Runs of identical control packets in one body become one row with a count (issue #7); a record that
 * is not Engine.IO becomes an `eio-decode-error` row with its raw text, and the body ends there.
 *
 * Pure: no socket, no clock (child events take their carrier's time stamps). A live session, an
 * imported HAR and a proxied stream decode alike. Its only state is what the protocol makes stateful:
 * the version spoken, and whether the session's open packet was seen (a second one is flagged).
 */
import { ErrorCode } from '../errors';
import { headerValue } from '../http/headers';
import type { EioMeta, LogEvent, NewLogEvent } from '../events/logEvent';
import { textPayload } from '../payload/storedPayload';
import { pollingBodyRecords } from './bodySlicer';
import { decodeV3Frame } from './eioCodecV3';
import { decodeV4Frame } from './eioCodecV4';
import { isDecodeError, type EioDecodeError, type EioPacket, type EioRecord, type EioVersion } from './eioPacket';
import { packetEvent, type EventTime } from './eioPacketEvents';
import { parseOpenPacket, type OpenPacketResult } from './openPacket';
import { RunCollapser, type PacketRun } from './packetRuns';

/** A carrier as the decoder reads it: where it came from, when, and what it carried in full. */
export interface CarrierInput extends EventTime {
  /** The seq of the carrier's event: the parent of every child. */
  seq: number;
  transport: 'polling' | 'websocket';
  /** The body (polling) or the message (WebSocket), not truncated. */
  data: string | Uint8Array;
  /** Polling: the body as UTF-8 text, when the caller has it already. */
  text?: string;
  /** Polling: the response's Content-Type (v3 binary payloads are `application/octet-stream`). */
  contentType?: string;
}

/** One child of a carrier: its event, and the packet (or run, or error) it stands for. */
export interface EioChild {
  event: NewLogEvent;
  packet?: EioPacket;
  /** How many identical packets the row stands for (1 for a packet on its own). */
  count: number;
  /** The open packet, validated (only on `eio-open`). */
  open?: OpenPacketResult;
  /** A second open packet: shown, flagged, not acted upon. */
  secondOpen?: boolean;
  error?: EioDecodeError;
}

export interface EioDecoderOptions {
  version: EioVersion;
  maxStoredPayloadBytes: number;
}

export class EioLayerDecoder {
  /** The protocol version the carriers speak (a session that detects v3 sets it). */
  version: EioVersion;
  private openSeen = false;

  constructor(private readonly options: EioDecoderOptions) {
    this.version = options.version;
  }

  /** The children of a stored carrier event (a `poll-response`, or an incoming ws `message`). */
  decode(carrier: LogEvent): NewLogEvent[] {
    const input = carrierInput(carrier);
    if (!input) return [];
    if (input.transport === 'websocket') return this.frameChildren(input).map((c) => c.event);
    const children: NewLogEvent[] = [];
    const collapser = new RunCollapser();
    const flush = (run: PacketRun | undefined): void => {
      if (run) children.push(this.runChild(run, input).event);
    };
    for (const record of iterable(this.bodyRecords(input))) {
      if (isDecodeError(record)) {
        flush(collapser.flush());
        children.push(this.errorChild(record, input).event);
        return children;
      }
      flush(collapser.push(record));
    }
    flush(collapser.flush());
    return children;
  }

  /** The records of a polling body, one at a time (the live session delivers them in slices). */
  bodyRecords(carrier: CarrierInput): Iterator<EioRecord> {
    const bytes = typeof carrier.data === 'string' ? Buffer.from(carrier.data) : carrier.data;
    const text =
      carrier.text ?? (typeof carrier.data === 'string' ? carrier.data : Buffer.from(bytes).toString('utf8'));
    return pollingBodyRecords(this.version, bytes, text, carrier.contentType ?? '');
  }

  /** The children of one WebSocket message: its decode errors first, then its packets (never collapsed). */
  frameChildren(carrier: CarrierInput): EioChild[] {
    const decoded = this.version === 4 ? decodeV4Frame(carrier.data) : decodeV3Frame(carrier.data);
    const children: EioChild[] = [];
    for (const error of decoded.errors) children.push(this.errorChild(error, carrier));
    for (const packet of decoded.packets) children.push(this.runChild({ packet, count: 1 }, carrier));
    return children;
  }

  /** The child of a packet, or of a run of identical control packets. */
  runChild(run: PacketRun, carrier: CarrierInput): EioChild {
    const { packet, count } = run;
    const eio: EioMeta = { packetType: packet.type, transport: carrier.transport };
    if (count > 1) eio.repeat = count;
    // The upgrade's 2probe / 3probe (a `2probe` over polling is no probe: v4 servers never send it there).
    const wsProbePing = packet.type === 'ping' && carrier.transport === 'websocket';
    if (packet.data === 'probe' && (packet.type === 'pong' || wsProbePing)) eio.probe = true;
    const child: EioChild = { event: this.packetChild(packet, eio, carrier), packet, count };
    return packet.type === 'open' ? this.openChild(child, eio, carrier) : child;
  }

  /** The child of a record that is not Engine.IO, with its raw text. */
  errorChild(error: EioDecodeError, carrier: CarrierInput): EioChild {
    const event: NewLogEvent = {
      time: carrier.time,
      mono: carrier.mono,
      direction: 'in',
      layer: 'eio',
      type: 'eio-decode-error',
      size: Buffer.byteLength(error.raw),
      payload: textPayload(error.raw, this.options.maxStoredPayloadBytes),
      parent: carrier.seq,
      meta: {
        eio: { transport: carrier.transport, decodeError: error.message },
        error: { code: ErrorCode.ParseError, message: `Engine.IO parse error: ${error.message}` },
      },
    };
    return { event, count: 1, error };
  }

  /** The open packet: validated and its facts shown; a second one flagged (a session has one sid). */
  private openChild(child: EioChild, eio: EioMeta, carrier: CarrierInput): EioChild {
    if (this.openSeen) {
      const flagged = { ...eio, decodeError: 'second open packet' };
      return { ...child, event: this.packetChild(child.packet!, flagged, carrier), secondOpen: true };
    }
    const open = parseOpenPacket(child.packet!.data as string | undefined);
    if (!open.ok) return { ...child, open };
    this.openSeen = true;
    const { sid, upgrades, pingInterval, pingTimeout, maxPayload } = open.value;
    const facts = { ...eio, sid, upgrades, pingInterval, pingTimeout, maxPayload };
    return { ...child, event: this.packetChild(child.packet!, facts, carrier), open };
  }

  private packetChild(packet: EioPacket, eio: EioMeta, carrier: CarrierInput): NewLogEvent {
    return packetEvent('in', packet, { eio, parent: carrier.seq }, carrier, this.options.maxStoredPayloadBytes);
  }
}

/**
 * A stored carrier event as decoder input: a long-poll GET's response, or an incoming WebSocket
 * message; undefined for any other event.
 */
export function carrierInput(event: LogEvent): CarrierInput | undefined {
  const payload = event.payload;
  const data = payload?.kind === 'binary' ? payload.bytes : payload?.kind === 'text' ? payload.text : '';
  const at = { seq: event.seq, time: event.time, mono: event.mono, data };
  // A POST's answer (`ok`) carries no packets; a response of unknown method is taken for a GET's.
  if (event.type === 'poll-response' && event.meta?.eio?.answers !== 'POST') {
    return {
      ...at,
      transport: 'polling',
      contentType: headerValue(event.meta?.response?.headers ?? [], 'content-type'),
    };
  }
  if (event.layer === 'ws' && event.type === 'message' && event.direction === 'in')
    return { ...at, transport: 'websocket' };
  return undefined;
}

function iterable<T>(iterator: Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: () => iterator };
}
