/**
 * A push parser for RFC 6455 §5.2 frames, used to observe the raw byte stream of a WebSocket
 * connection (both directions) next to `ws`. It does not validate beyond what it needs to find frame
 * boundaries: reporting what went over the wire, including frames `ws` rejects, is its whole job.
 * Feed any chunking; it never throws.
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
  /** The stream can no longer be framed (e.g. a length beyond 2^53); parsing stops. */
  onError?(message: string): void;
}

export interface FrameParser {
  feed(chunk: Uint8Array): void;
  /** Bytes buffered in an unfinished frame header. */
  readonly pendingHeaderBytes: number;
}

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Control frames carry at most 125 bytes (§5.5); keep them whole so close codes and ping data are visible. */
const CONTROL_KEEP = 125;

export function createFrameParser(handlers: FrameParserHandlers, keepPayloadBytes = 0): FrameParser {
  // Any number in, a count of bytes out (NaN, negatives and fractions would make allocation throw).
  const keepData = Number.isFinite(keepPayloadBytes) ? Math.max(0, Math.floor(keepPayloadBytes)) : keepPayloadBytes > 0 ? Number.MAX_SAFE_INTEGER : 0;
  let header: number[] = [];
  let needed = 2; // header bytes needed before the payload starts
  let frame: WireFrame | undefined;
  let remaining = 0; // payload bytes still to come for `frame`
  // Bytes kept of the current payload, copied as they arrive: an announced length allocates nothing
  // (a header may announce 2^53 − 1 bytes and send none, issue #7).
  let keep = 0;
  let keptChunks: Uint8Array[] = [];
  let keptLength = 0;
  let maskKey: number[] = [];
  let failed = false;

  const finishFrame = (): void => {
    if (!frame) return;
    const payload = keptChunks.length === 1 ? keptChunks[0] : joinChunks(keptChunks, keptLength);
    keptChunks = [];
    if (frame.masked) for (let i = 0; i < payload.length; i++) payload[i] ^= maskKey[i % 4];
    const done = { ...frame, payload };
    frame = undefined;
    header = [];
    needed = 2;
    handlers.onFrame(done);
  };

  const parseHeader = (): boolean => {
    const b0 = header[0];
    const b1 = header[1];
    const masked = (b1 & 0x80) !== 0;
    const len7 = b1 & 0x7f;
    const lengthBytes = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
    const total = 2 + lengthBytes + (masked ? 4 : 0);
    if (header.length < total) {
      needed = total;
      return false;
    }
    let payloadLength = len7;
    if (len7 === 126) payloadLength = (header[2] << 8) | header[3];
    else if (len7 === 127) {
      const high = ((header[2] << 24) >>> 0) + (header[3] << 16) + (header[4] << 8) + header[5];
      const low = ((header[6] << 24) >>> 0) + (header[7] << 16) + (header[8] << 8) + header[9];
      if (high > 0x1fffff) {
        failed = true;
        handlers.onError?.('Frame length beyond 2^53 − 1: the stream cannot be framed any further.');
        return false;
      }
      payloadLength = high * 2 ** 32 + low;
    }
    maskKey = masked ? header.slice(2 + lengthBytes, 6 + lengthBytes) : [];
    const opcode = b0 & 0x0f;
    keep = Math.min(payloadLength, opcode >= 0x8 ? Math.max(CONTROL_KEEP, keepData) : keepData);
    keptChunks = [];
    keptLength = 0;
    remaining = payloadLength;
    frame = {
      fin: (b0 & 0x80) !== 0, rsv1: (b0 & 0x40) !== 0, rsv2: (b0 & 0x20) !== 0, rsv3: (b0 & 0x10) !== 0,
      opcode, masked, payloadLength, headerLength: total, payload: EMPTY,
    };
    return true;
  };

  const feed = (chunk: Uint8Array): void => {
    let i = 0;
    while (i < chunk.length && !failed) {
      if (!frame) {
        while (i < chunk.length && header.length < needed) header.push(chunk[i++]);
        if (header.length < needed) return;
        if (!parseHeader()) continue;
        if (remaining === 0) finishFrame();
        continue;
      }
      const take = Math.min(remaining, chunk.length - i);
      const room = keep - keptLength;
      if (room > 0 && take > 0) {
        const copy = Math.min(room, take);
        // A copy (never a view: a Buffer's slice shares memory, and unmasking would alter the socket's bytes).
        keptChunks.push(new Uint8Array(chunk.subarray(i, i + copy)));
        keptLength += copy;
      }
      remaining -= take;
      i += take;
      if (remaining === 0) finishFrame();
    }
  };

  return {
    feed: (chunk) => {
      try {
        feed(chunk);
      } catch (error) {
        failed = true;
        handlers.onError?.(`Frame parser failure: ${String(error)}`);
      }
    },
    get pendingHeaderBytes() {
      return frame ? 0 : header.length;
    },
  };
}

const EMPTY = new Uint8Array(0);

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
