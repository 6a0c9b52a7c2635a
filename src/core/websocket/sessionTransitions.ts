/**
 * The state transitions of one WebSocket session after the handshake starts: opened, refused by the fragment
 * cap (1009), closed by us (close, dispose), failed by ws (an error explained with a stable code), and the one
 * place that turns the close into the final facts and row. It exists apart from webSocketSession.ts so that
 * file keeps to wiring the parts and the public API, and every way out of `connecting` reads in one place.
 */
import type WebSocket from 'ws';
import type { Clock } from '../clock';
import type { ResolvedWebSocketOptions } from '../connection/connectionOptions';
import { ErrorCode } from '../errors';
import { TOO_MANY_FRAGMENTS_REASON, tooManyFragments } from '../limits/limitErrors';
import { binaryPayload } from '../payload/storedPayload';
import type { SessionState } from '../session/session';
import type { CloseBookkeeping } from './closeBookkeeping';
import { summarizeClose } from './closeFacts';
import { type ConnectionRecorder, RAW_TAIL_BYTES } from './connectionRecorder';
import type { FragmentCap } from './fragmentCap';
import type { Handshake } from './handshake';
import type { Heartbeat } from './heartbeat';
import type { IncomingTraffic } from './incomingTraffic';
import type { ReadPacing } from './readPacing';
import type { WsSessionContext } from './sessionContext';
import type { WireFrameTracker } from './wireFrameTracker';
import { explainWsError } from './wsErrorExplanation';

/** The parts of a session its transitions read and settle. */
export interface WsTransitionParts {
  readonly options: ResolvedWebSocketOptions;
  readonly clock: Clock;
  /** When the session was made (clock.mono), for the time to open. */
  readonly startedAtMono: number;
  readonly context: WsSessionContext;
  readonly handshake: Handshake;
  readonly recorder: ConnectionRecorder;
  readonly incoming: IncomingTraffic;
  readonly heartbeat: Heartbeat;
  readonly closing: CloseBookkeeping;
  readonly wireFrames: WireFrameTracker;
  readonly fragments: FragmentCap;
  readonly pacing: ReadPacing;
  /** Settles the promise `start()` returned. */
  readonly settleStarted: (state: SessionState) => void;
}

/** How one WebSocket session goes to `open` and to `closed`. */
export class WsSessionTransitions {
  /** The fragment cap was hit and acted on (once). */
  private fragmentsRefused = false;

  constructor(private readonly parts: WsTransitionParts) {}

  onOpen(ws: WebSocket): void {
    const { context, handshake } = this.parts;
    handshake.opened();
    const subprotocol = ws.protocol || undefined;
    const extensions = ws.extensions || undefined;
    context.facts.opened(subprotocol, extensions);
    const note = [
      `Open in ${(this.parts.clock.mono() - this.parts.startedAtMono).toFixed(1)} ms`,
      subprotocol ? `subprotocol ${subprotocol}` : 'no subprotocol',
      extensions ? `extensions ${extensions}` : 'no extensions',
    ].join(', ');
    context.append('local', 'ws', 'open', { subprotocol, extensions, note });
    context.facts.fireChanged();
    this.parts.settleStarted('open');
    this.parts.heartbeat.start();
    this.parts.pacing.start();
  }

  /**
   * A read was handed to ws: pacing, and a fragment cap hit in it acted on once ws has delivered what came
   * before it (ws reads the bytes that followed a 101 on a later tick).
   */
  afterRead(): void {
    this.parts.pacing.readDone();
    if (!this.parts.fragments.exceeded || this.fragmentsRefused) return;
    this.fragmentsRefused = true;
    (this.parts.clock.yield ?? setImmediate)(this.parts.context.lifecycle.guarded(() => this.refuseFragments()));
  }

  close(): Promise<void> {
    const { context, closing, handshake } = this.parts;
    if (context.facts.state === 'closed') return Promise.resolve();
    const closed = closing.whenClosed();
    const ws = context.socket();
    if (!ws) {
      this.finishClosed(undefined, '');
    } else if (context.facts.state === 'connecting') {
      const error = { code: 'RI_CANCELLED', message: 'Connection attempt cancelled.' };
      context.append('local', 'ws', 'error', { error });
      handshake.abort();
    } else {
      if (context.facts.state === 'open') {
        // §7.1.2: start the closing handshake, with 1000 (normal closure, §7.4.1).
        closing.logOwnClose(1000, '');
        ws.close(1000);
      }
      closing.dropAfterGrace(ws);
    }
    return closed;
  }

  dispose(): void {
    const { context, handshake } = this.parts;
    if (context.lifecycle.isDisposed) return;
    if (context.facts.state !== 'closed') {
      handshake.endedByUs = true;
      context.socket()?.terminate();
    }
    context.lifecycle.dispose();
  }

  /**
   * §7.4.1: 1009, a message too big to process. The tap no longer hands the stream on, so ws will not see the
   * server's answer: the grace period ends the connection if the server does not close it.
   */
  refuseFragments(): void {
    const { context, closing, handshake } = this.parts;
    handshake.fail(tooManyFragments(this.parts.fragments.max));
    const ws: WebSocket | undefined = context.socket();
    if (!ws || context.facts.state === 'closed') return;
    if (context.facts.state === 'connecting') return handshake.abort();
    if (context.facts.state === 'open') {
      closing.logOwnClose(1009, TOO_MANY_FRAGMENTS_REASON);
      ws.close(1009, TOO_MANY_FRAGMENTS_REASON);
    }
    closing.dropAfterGrace(ws);
  }

  onError(error: Error): void {
    const { context, handshake, wireFrames, recorder } = this.parts;
    if (handshake.endedByUs && context.facts.state === 'connecting') return;
    // After an error ws delivers no more messages: the wire facts of the ones it dropped are dropped too.
    wireFrames.dropIncomingData();
    const facts = { maxMessageBytes: this.parts.options.maxPayloadBytes, incomingFault: wireFrames.incomingFault };
    const meta = explainWsError(error, facts);
    const showsBytes = meta.code === ErrorCode.ProtocolError || meta.code === ErrorCode.InvalidAccept;
    const rawTail = showsBytes ? recorder.rawTail : undefined;
    handshake.fail(meta, rawTail?.length ? binaryPayload(rawTail, RAW_TAIL_BYTES) : undefined);
  }

  finishClosed(code: number | undefined, reason: string): void {
    const { context, recorder, incoming, closing, handshake, heartbeat } = this.parts;
    const facts = context.facts;
    if (facts.state === 'closed') return;
    recorder.responseLogged();
    // A close frame held back behind messages that ws never delivered (it failed on one): log it now.
    incoming.releaseDeferredClose(true);
    context.lifecycle.timers.clearAll();
    recorder.dispose();
    const wasOpen = facts.info.openedAt !== undefined;
    const close = closing.closeFacts(code, reason);
    // What ended it: a failed handshake, a missed pong, a burst of pings (issue 12: named), or the close itself.
    const failure = handshake.failure ?? heartbeat.timeout ?? incoming.droppedForPings;
    const closeSummary = failure ? failure.message : summarizeClose(close, wasOpen);
    facts.closed(closeSummary, failure?.code);
    context.append('local', 'ws', 'closed', { close, note: closeSummary });
    facts.fireChanged();
    this.parts.settleStarted('closed');
    closing.settle();
  }
}
