/**
 * A push parser for RFC 6455 §5.2 frames, used to observe the raw byte stream of a WebSocket
 * connection (both directions) next to `ws`. It does not validate beyond what it needs to find frame
 * boundaries: reporting what went over the wire, including frames `ws` rejects, is its whole job.
 * Feed any chunking; it never throws.
 *
 * An explicit state machine, one state per field of the §5.2 header in wire order:
 * FRAME_START (FIN, RSV1–3, opcode, MASK, 7-bit length) → LENGTH_16 | LENGTH_64 (extended length)
 * → MASKING_KEY (when MASK is set) → PAYLOAD → FRAME_START. STOPPED once the stream cannot be framed.
 */

/** One frame as it appeared on the wire. */
export interface WireFrame {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  /** Payload length announced in the header. */
  payloadLength: number;
  /** Header bytes (2–14). */
  headerLength: number;
  /** The first `keepPayloadBytes` bytes of the payload, unmasked (control frames: always whole). */
  payload: Uint8Array;
}

export interface FrameParserHandlers {
  onFrame(frame: WireFrame): void;
  /**
   * Parsing stopped: `stream` when the bytes cannot be framed (a length beyond 2^53, the sender's fault), `parser`
   * when the parser or a handler failed (ours).
   */
  onError?(message: string, fault: FrameParserFault): void;
}

export interface FrameParser {
  feed(chunk: Uint8Array): void;
  /** Bytes buffered in an unfinished frame header. */
  readonly pendingHeaderBytes: number;
  /** The field the parser reads next: what the bytes fed so far leave it waiting for. */
  readonly state: FrameParserState;
}

/** Whose fault a stop is: the stream's sender, or the parser (a bug of ours). */
export type FrameParserFault = 'stream' | 'parser';

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Where the parser stands in the stream: which header field (RFC 6455 §5.2) or the payload it reads next. */
export type FrameParserState = 'FRAME_START' | 'LENGTH_16' | 'LENGTH_64' | 'MASKING_KEY' | 'PAYLOAD' | 'STOPPED';

/** Bytes each header state reads before it can decide the next one. */
const FIELD_BYTES: Record<'FRAME_START' | 'LENGTH_16' | 'LENGTH_64' | 'MASKING_KEY', number> = {
  FRAME_START: 2,
  LENGTH_16: 2,
  LENGTH_64: 8,
  MASKING_KEY: 4,
};

/** Control frames carry at most 125 bytes (§5.5); keep them whole so close codes and ping data are visible. */
const CONTROL_KEEP = 125;
/** §5.2: a 7-bit length of 126 announces a 16-bit length, 127 a 64-bit one. */
const LENGTH_16_MARK = 126;
const LENGTH_64_MARK = 127;
/** The high 32 bits of a 64-bit length above this make it exceed 2^53 − 1 (not a safe JS integer). */
const MAX_SAFE_HIGH_WORD = 0x1fffff;
const EMPTY = new Uint8Array(0);

/** Creates a parser that keeps the first `keepPayloadBytes` of each data frame's payload. */
export function createFrameParser(handlers: FrameParserHandlers, keepPayloadBytes = 0): FrameParser {
  const machine = new FrameStateMachine(handlers, payloadBytesToKeep(keepPayloadBytes));
  return {
    feed: (chunk) => machine.feedGuarded(chunk),
    get pendingHeaderBytes() {
      return machine.pendingHeaderBytes;
    },
    get state() {
      return machine.currentState;
    },
  };
}

/** Any number in, a count of bytes out (NaN, negatives and fractions would make allocation throw). */
function payloadBytesToKeep(requested: number): number {
  if (Number.isFinite(requested)) return Math.max(0, Math.floor(requested));
  return requested > 0 ? Number.MAX_SAFE_INTEGER : 0;
}

class FrameStateMachine {
  private state: FrameParserState = 'FRAME_START';
  /**
   * Bytes of the header field the current state reads, gathered across chunks: one buffer for the
   * parser's life (a field is read straight from the chunk when it is all there, issue #9).
   */
  private readonly field = new Uint8Array(8);
  private fieldLength = 0;
  /** Header bytes of the current frame read by states already left. */
  private headerBytesDone = 0;
  /** The frame being read: one object per frame, handed over when the frame ends. */
  private frame: WireFrame = newFrame(0, 0);
  /** §5.3 masking key of the current frame (when MASK is set). */
  private readonly maskingKey = new Uint8Array(4);
  /** Payload bytes of the current frame still to come. */
  private payloadRemaining = 0;
  /**
   * Payload bytes kept of the current frame, copied as they arrive: an announced length allocates
   * nothing (a header may announce 2^53 − 1 bytes and send none, issue #7).
   */
  private keepLimit = 0;
  private keptChunks: Uint8Array[] = [];
  private keptLength = 0;

  constructor(
    private readonly handlers: FrameParserHandlers,
    private readonly keepDataBytes: number,
  ) {}

  get currentState(): FrameParserState {
    return this.state;
  }

  get pendingHeaderBytes(): number {
    return this.state === 'PAYLOAD' ? 0 : this.headerBytesDone + this.fieldLength;
  }

  /** Feeds a chunk; a failure of ours (or a throwing handler) stops parsing and is reported, never thrown. */
  feedGuarded(chunk: Uint8Array): void {
    try {
      this.feed(chunk);
    } catch (error) {
      this.stop(`Frame parser failure: ${String(error)}`, 'parser');
    }
  }

  private feed(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && this.state !== 'STOPPED') {
      at = this.state === 'PAYLOAD' ? this.readPayload(chunk, at) : this.readHeaderField(chunk, at);
    }
  }

  /** Gathers the bytes of the current header field; once complete, decides the next state. */
  private readHeaderField(chunk: Uint8Array, at: number): number {
    const state = this.state as keyof typeof FIELD_BYTES;
    const needed = FIELD_BYTES[state];
    let bytes: Uint8Array;
    let from: number;
    if (this.fieldLength === 0 && chunk.length - at >= needed) {
      // The whole field is in this chunk: read it in place.
      bytes = chunk;
      from = at;
      at += needed;
    } else {
      while (at < chunk.length && this.fieldLength < needed) this.field[this.fieldLength++] = chunk[at++];
      if (this.fieldLength < needed) return at;
      this.fieldLength = 0;
      bytes = this.field;
      from = 0;
    }
    this.headerBytesDone += needed;
    if (state === 'FRAME_START') this.onFrameStart(bytes[from], bytes[from + 1]);
    else if (state === 'LENGTH_16') this.onPayloadLength((bytes[from] << 8) | bytes[from + 1]);
    else if (state === 'LENGTH_64') this.onLength64(bytes, from);
    else this.onMaskingKey(bytes, from);
    return at;
  }

  /** §5.2 first two bytes: FIN, RSV1–3, opcode; MASK and the 7-bit payload length. */
  private onFrameStart(b0: number, b1: number): void {
    this.frame = newFrame(b0, b1);
    const length7 = b1 & 0x7f;
    if (length7 === LENGTH_16_MARK) this.state = 'LENGTH_16';
    else if (length7 === LENGTH_64_MARK) this.state = 'LENGTH_64';
    else this.onPayloadLength(length7);
  }

  /** §5.2: a 64-bit big-endian length; JS numbers are exact only up to 2^53 − 1. */
  private onLength64(b: Uint8Array, at: number): void {
    const high = ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
    const low = ((b[at + 4] << 24) >>> 0) + (b[at + 5] << 16) + (b[at + 6] << 8) + b[at + 7];
    if (high > MAX_SAFE_HIGH_WORD) {
      this.stop('Frame length beyond 2^53 − 1: the stream cannot be framed any further.', 'stream');
      return;
    }
    this.onPayloadLength(high * 2 ** 32 + low);
  }

  private onPayloadLength(length: number): void {
    this.frame.payloadLength = length;
    if (this.frame.masked) this.state = 'MASKING_KEY';
    else this.startPayload();
  }

  /** §5.3: the 4-byte key a client masks its payload with. */
  private onMaskingKey(bytes: Uint8Array, at: number): void {
    for (let i = 0; i < 4; i++) this.maskingKey[i] = bytes[at + i];
    this.startPayload();
  }

  private startPayload(): void {
    const frame = this.frame;
    frame.headerLength = this.headerBytesDone;
    const keepForOpcode =
      frame.opcode >= OPCODE.close ? Math.max(CONTROL_KEEP, this.keepDataBytes) : this.keepDataBytes;
    this.keepLimit = Math.min(frame.payloadLength, keepForOpcode);
    this.keptLength = 0;
    this.payloadRemaining = frame.payloadLength;
    this.state = 'PAYLOAD';
    if (this.payloadRemaining === 0) this.finishFrame();
  }

  /** Counts payload bytes through, keeping a copy of the first `keepLimit`. */
  private readPayload(chunk: Uint8Array, at: number): number {
    const take = Math.min(this.payloadRemaining, chunk.length - at);
    const room = this.keepLimit - this.keptLength;
    if (room > 0 && take > 0) {
      const copy = Math.min(room, take);
      // A copy (never a view: a Buffer's slice shares memory, and unmasking would alter the socket's bytes).
      this.keptChunks.push(new Uint8Array(chunk.subarray(at, at + copy)));
      this.keptLength += copy;
    }
    this.payloadRemaining -= take;
    if (this.payloadRemaining === 0) this.finishFrame();
    return at + take;
  }

  private finishFrame(): void {
    const frame = this.frame;
    const kept = this.keptChunks;
    // Nothing kept (a data frame, by default): the shared empty payload, no allocation per frame.
    const payload = this.keptLength === 0 ? EMPTY : kept.length === 1 ? kept[0] : joinChunks(kept, this.keptLength);
    if (kept.length) this.keptChunks = [];
    // §5.3: octet i of the payload is XORed with octet i mod 4 of the masking key.
    if (frame.masked) for (let i = 0; i < payload.length; i++) payload[i] ^= this.maskingKey[i & 3];
    frame.payload = payload;
    this.state = 'FRAME_START';
    this.headerBytesDone = 0;
    this.handlers.onFrame(frame);
  }

  private stop(message: string, fault: FrameParserFault): void {
    this.state = 'STOPPED';
    this.handlers.onError?.(message, fault);
  }
}

/** A frame from its first two header bytes (§5.2), every field present from the start (one hidden class). */
function newFrame(b0: number, b1: number): WireFrame {
  return {
    fin: (b0 & 0x80) !== 0,
    rsv1: (b0 & 0x40) !== 0,
    rsv2: (b0 & 0x20) !== 0,
    rsv3: (b0 & 0x10) !== 0,
    opcode: b0 & 0x0f,
    masked: (b1 & 0x80) !== 0,
    payloadLength: 0,
    headerLength: 0,
    payload: EMPTY,
  };
}

function joinChunks(chunks: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    joined.set(c, at);
    at += c.length;
  }
  return joined;
}

/** Reads the status code and reason of a close frame payload (§5.5.1). */
export function parseClosePayload(payload: Uint8Array): { code?: number; reason?: string; malformed?: boolean } {
  if (payload.length === 0) return {};
  if (payload.length === 1) return { malformed: true };
  const code = (payload[0] << 8) | payload[1];
  const reason = new TextDecoder('utf-8', { fatal: false }).decode(payload.subarray(2));
  return { code, reason };
}
