/**
 * Which Engine.IO version an engine speaks (eioEngine.ts), kept apart because the version is state with rules
 * of its own: an explicit choice is kept, `auto` starts on a guessed v4 that a length-prefixed handshake answer
 * (or the layer on top) may correct to v3 once, and each switch changes the codec, the heartbeat's direction,
 * the header's protocol label and writes a `version-detected` row. An explicit v4 meeting a v3 server ends
 * the session with what to change.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import type { EventWriter } from '../events/eventWriter';
import type { SessionStatus } from '../session/sessionStatus';
import type { EioLayer } from './eioEngineParts';
import type { EioLayerDecoder } from './eioLayerDecoder';
import type { EioVersion } from './eioPacket';
import { v3Explanation } from './engineNotes';
import type { TransportName } from './transports/transport';

/** What a version switch touches in its engine (the engine itself fits this). */
export interface EngineVersionHost {
  readonly options: ResolvedEngineIoOptions;
  readonly writer: EventWriter;
  readonly decoder: EioLayerDecoder;
  closeWithError(error: ErrorMeta, reason: string): void;
}

/** The engine's parts a switch changes that are not its public face. */
export interface EngineVersionParts {
  readonly layer: EioLayer | undefined;
  status(): SessionStatus;
  transportName(): TransportName | undefined;
  /** Starts the heartbeat again, in the direction of the version now spoken. */
  restartHeartbeat(): void;
}

export class EngineVersion {
  private current: EioVersion;

  constructor(
    private readonly host: EngineVersionHost,
    private readonly parts: EngineVersionParts,
  ) {
    // The version asked for, or a guessed v4 with `auto`.
    this.current = host.options.protocolVersion === 3 ? 3 : 4;
  }

  get spoken(): EioVersion {
    return this.current;
  }

  /** Whether the session runs on a guessed version that the layer on top may still correct. */
  get isGuessed(): boolean {
    return this.host.options.protocolVersion === 'auto' && this.current === 4;
  }

  /** info.protocol for the version spoken: the layer's name for it, or plain Engine.IO. */
  label(): string {
    return this.parts.layer?.protocolLabel(this.current) ?? `Engine.IO ${this.current}`;
  }

  /**
   * An `auto` handshake found a v3 server (its answer is length-prefixed): say so and go on speaking v3
   * with the session it already opened. With an explicit v4, stop and say what to change.
   */
  acceptV3Server(parentSeq: number): boolean {
    if (this.host.options.protocolVersion === 'auto') {
      this.switchToV3(`${v3Explanation} Continuing with protocol v3.`, parentSeq);
      return true;
    }
    const hint = 'Choose Engine.IO protocol v3 (Socket.IO 2) in the connection options, or "auto".';
    this.host.closeWithError({ code: ErrorCode.ProtocolMismatch, message: v3Explanation, hint }, 'protocol mismatch');
    return false;
  }

  /** Speaks v3 from now on: its codec and its client-driven heartbeat. */
  switchToV3(note: string, parentSeq?: number): void {
    if (this.current === 3) return;
    this.current = 3;
    this.host.decoder.version = 3;
    const status = this.parts.status();
    // Set without "changed": the one update below says it, after the row and the heartbeat.
    status.info.protocol = this.label();
    const eio = { transport: this.parts.transportName() };
    this.host.writer.append('local', 'eio', 'version-detected', { note, eio }, undefined, 0, parentSeq);
    this.parts.restartHeartbeat();
    status.update({});
  }
}
