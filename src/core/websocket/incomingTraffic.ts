/**
 * What the server sends, as rows: data messages as `ws` delivers them (with the wire facts the tap saw:
 * compressed, fragments, bytes on the wire), pings and pongs (a pong timed against our ping), and the
 * frames only the tap sees (close frames both ways, the pongs `ws` sends for us), in wire order.
 */
import type WebSocket from 'ws';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import type { ErrorMeta, EventMeta } from '../events/logEvent';
import { textOrBinary } from '../payload/storedPayload';
import { OPCODE, type WireFrame } from './frameParser';
import type { Heartbeat, PingRoundTrips } from './heartbeat';
import { receivedMessage } from './messagePayloads';
import { PingBurst } from './pingBurst';
import type { WsSessionContext } from './sessionContext';
import type { WireEvent, WireFrameTracker } from './wireFrameTracker';

/** A data message as a protocol on top of WebSocket receives it. */
export interface WsDataMessage {
  /** Seq of the ws `message` event: the parent of whatever the upper layer decodes from it. */
  seq: number;
  data: string | Uint8Array;
}

/** Logs incoming traffic and hands data messages to a protocol on top. */
export class IncomingTraffic implements Disposable {
  private readonly messages = new Emitter<WsDataMessage>();
  /** Listeners of onMessage: without any, a truncated text message is never decoded in full. */
  private messageReaders = 0;
  /** Pings in a row, and whether ws dropped the connection for them. */
  private readonly pingBurst = new PingBurst();

  constructor(
    private readonly maxStoredPayloadBytes: number,
    private readonly wireFrames: WireFrameTracker,
    private readonly pings: PingRoundTrips,
    private readonly heartbeat: Heartbeat,
    private readonly context: WsSessionContext,
  ) {}

  /** Every incoming data message with the seq of its row. */
  onMessage(listener: (message: WsDataMessage) => void): Disposable {
    const subscription = this.messages.on(listener);
    this.messageReaders++;
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        this.messageReaders--;
        subscription.dispose();
      },
    };
  }

  /** ws `message`: one whole data message (§5.4: fragments already joined, §7692: inflated). */
  dataMessage(data: WebSocket.RawData, isBinary: boolean): void {
    const readers = this.messageReaders > 0;
    const message = receivedMessage(data, isBinary, this.maxStoredPayloadBytes, readers);
    const { facts, append } = this.context;
    // Counted now, published on the facts' timer (issue #9): no "changed" per message.
    facts.countIncoming(message.size);
    const meta = this.wireFrames.nextIncomingMeta() ?? { frame: { opcode: isBinary ? OPCODE.binary : OPCODE.text } };
    const event = append('in', 'ws', 'message', meta, message.payload, message.size);
    this.heartbeat.heard();
    this.pingBurst.interrupted();
    if (message.data !== undefined) this.messages.fire({ seq: event.seq, data: message.data });
    // A close frame held back behind this message is logged after it (wire order).
    this.releaseDeferredClose(false);
  }

  /** §5.5.2–5.5.3: a ping from the server, or a pong (the answer to ours, timed when we sent it). */
  control(type: 'ping' | 'pong', data: Buffer): void {
    const payload = data.length ? textOrBinary(data, this.maxStoredPayloadBytes) : undefined;
    const meta: EventMeta = { frame: { opcode: type === 'ping' ? OPCODE.ping : OPCODE.pong } };
    if (type === 'pong') {
      const key = data.toString('hex');
      const roundTripMs = this.pings.answered(key);
      if (roundTripMs !== undefined) Object.assign(meta, roundTripFacts(roundTripMs));
      this.heartbeat.pongReceived(key);
      this.pingBurst.interrupted();
    } else this.heartbeat.heard();
    this.context.append('in', 'ws', type, meta, payload, data.length);
    const readyState = type === 'ping' ? this.context.socket()?.readyState : undefined;
    const dropped = readyState !== undefined && this.pingBurst.ping(readyState, this.wireFrames.close);
    if (dropped) this.context.append('local', 'ws', 'error', { error: dropped });
  }

  /** The error when ws dropped the connection for a burst of pings (pingBurst.ts); the session's failure. */
  get droppedForPings(): ErrorMeta | undefined {
    return this.pingBurst.dropped;
  }

  /** A frame the tap saw, in either direction. */
  wireFrame(direction: 'in' | 'out', frame: WireFrame): void {
    const event = this.wireFrames.observe(direction, frame);
    if (event) this.logWireEvent(event);
  }

  /**
   * Logs the close frame held back behind messages, once they are delivered; `atEnd`: now, since ws
   * will deliver nothing more (it failed on one of them, or the connection ended).
   */
  releaseDeferredClose(atEnd: boolean): void {
    const deferred = this.wireFrames.releaseDeferred(atEnd);
    if (deferred) this.logWireEvent(deferred);
  }

  dispose(): void {
    this.messages.dispose();
  }

  private logWireEvent(event: WireEvent): void {
    if (event.closing) this.context.facts.setState('closing');
    this.context.append(event.direction, 'ws', event.type, event.meta, event.payload, event.size);
  }
}

/** The meta a pong adds when it answers a ping of ours. */
function roundTripFacts(durationMs: number): Pick<EventMeta, 'durationMs' | 'note'> {
  return { durationMs, note: `Round trip ${durationMs.toFixed(1)} ms` };
}
