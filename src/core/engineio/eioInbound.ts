/**
 * What comes in: each carrier a transport received is decoded by the EioLayerDecoder into child events,
 * which are appended as built, then acted upon — the open packet, the first packet that must be it,
 * decode errors that end the session. A polling body is delivered in slices with yields in between
 * (issue #7); the GET that carried it is not followed by another until it is done.
 */
import { yieldToLoop } from '../clock';
import { ErrorCode } from '../errors';
import type { ErrorMeta, LogEvent } from '../events/logEvent';
import { deliverInSlices, type BodySummary } from './bodySlicer';
import type { EioLayerDecoder, EioChild } from './eioLayerDecoder';
import type { EioPacket, EioVersion } from './eioPacket';
import type { EventWriter } from '../events/eventWriter';
import type { OpenPacket } from './openPacket';
import type { ReceivedCarrier } from './transports/transport';
import { looksLikeV3Payload } from './versionHints';
import type { Clock } from '../clock';
import type { SessionLifecycle } from '../session/sessionLifecycle';

/** What the inbound side needs of its session. */
export interface InboundHost {
  readonly decoder: EioLayerDecoder;
  readonly writer: EventWriter;
  readonly lifecycle: SessionLifecycle;
  readonly clock: Clock;
  isClosed(): boolean;
  /** The session's open packet, once it came. */
  openPacket(): OpenPacket | undefined;
  version(): EioVersion;
  /** An `auto` handshake found a v3 server: true to go on in v3, false when the session ended. */
  acceptV3Server(parentSeq: number): boolean;
  closeWithError(error: ErrorMeta, reason: string): void;
  onOpen(open: OpenPacket, openSeq: number): void;
  /** A packet after the open packet: the session acts on it (heartbeat, message, close). */
  onPacket(packet: EioPacket, event: LogEvent): void;
}

export class EioInbound {
  constructor(private readonly host: InboundHost) {}

  /** A polling body: its packets in slices; resolves with what it held once delivered (undefined: ended). */
  onPollCarrier(carrier: ReceivedCarrier): Promise<BodySummary | undefined> {
    const { host } = this;
    if (carrier.handshake && host.version() === 4 && looksLikeV3Payload(carrier.text ?? '')) {
      if (!host.acceptV3Server(carrier.seq)) return Promise.resolve(undefined);
    }
    const delivered = deliverInSlices(
      host.decoder.bodyRecords(carrier),
      {
        onRun: (run) => host.lifecycle.guard(() => this.onChild(host.decoder.runChild(run, carrier))),
        onError: (error) => host.lifecycle.guard(() => this.onChild(host.decoder.errorChild(error, carrier))),
        isStopped: () => host.isClosed(),
      },
      { yieldToLoop: () => yieldToLoop(host.clock) },
    );
    return delivered.then((summary) => {
      let outcome: BodySummary | undefined;
      host.lifecycle.guard(() => {
        outcome = this.afterPollBody(summary, carrier);
      });
      return outcome;
    });
  }

  /** A WebSocket message of the session's transport: its children, in order, until the session ends. */
  onWebSocketCarrier(carrier: ReceivedCarrier): void {
    for (const child of this.host.decoder.frameChildren(carrier)) {
      if (this.host.isClosed()) return;
      this.onChild(child);
    }
  }

  /** A message on the probe's WebSocket: its children are logged; the probe decides what they mean. */
  logProbeCarrier(carrier: ReceivedCarrier): EioPacket[] {
    const children = this.host.decoder.frameChildren(carrier);
    for (const child of children) this.host.writer.appendBuilt(child.event);
    return children.flatMap((child) => (child.packet ? [child.packet] : []));
  }

  /** A handshake answer without an open packet ends the session (polling again would handshake again). */
  private afterPollBody(summary: BodySummary, carrier: ReceivedCarrier): BodySummary | undefined {
    const { host } = this;
    if (host.isClosed()) return undefined;
    if (carrier.handshake && !host.openPacket()) {
      host.closeWithError(
        {
          code: ErrorCode.InvalidOpenPacket,
          message: 'The handshake answer carried no open packet.',
          hint: 'The server is not a working Engine.IO server at this path.',
        },
        'parse error',
      );
      return undefined;
    }
    return summary;
  }

  /** Appends a child as built, then acts on it. */
  private onChild(child: EioChild): void {
    const { host } = this;
    const event = host.writer.appendBuilt(child.event);
    if (child.error) {
      // engine.io-client closes on a parse error too; the raw record is in the log.
      const hint = host.version() === 4 ? 'If the server is Socket.IO 2.x, choose protocol v3 or "auto".' : undefined;
      const message = 'The server sent a packet that is not Engine.IO.';
      host.closeWithError({ code: ErrorCode.ParseError, message, hint }, 'parse error');
    } else if (child.secondOpen) {
      const sid = host.openPacket()?.sid;
      const message = `The server sent a second open packet; it was ignored and the sid stays ${sid}.`;
      host.writer.append('local', 'eio', 'error', { error: { code: ErrorCode.InvalidOpenPacket, message } });
    } else if (child.open) {
      if (child.open.ok) host.onOpen(child.open.value, event.seq);
      else {
        const hint = 'The server is not a working Engine.IO server at this path, or it is broken.';
        host.closeWithError({ code: ErrorCode.InvalidOpenPacket, message: child.open.error, hint }, 'parse error');
      }
    } else if (!host.openPacket()) {
      const message = `The first packet must be "open", the server sent "${child.packet?.type}".`;
      host.closeWithError({ code: ErrorCode.InvalidOpenPacket, message }, 'parse error');
    } else if (child.packet) host.onPacket(child.packet, event);
  }
}
