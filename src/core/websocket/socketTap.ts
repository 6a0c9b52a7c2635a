/**
 * Observes the bytes of one WebSocket connection in both directions, beside `ws`, without changing
 * them: the exact handshake request and response heads, and every frame header (opcode, FIN, RSV1,
 * lengths, close codes), which `ws` does not expose. On TLS the socket yields plaintext.
 *
 * Why wrap `push` and `write` rather than listen to 'data': after the upgrade `ws` unshifts the bytes
 * that followed the 101 head back into the socket, so a 'data' listener would see them twice. `push`
 * is called once per chunk read from the network, and `write` once per chunk written.
 */
import type { Socket } from 'node:net';
import { createFrameParser, type FrameParser, type WireFrame } from './frameParser';
import { createHeadSplitter, type HeadSplitter, type ParsedHead } from './httpHead';

export interface SocketTapHandlers {
  /** The request head we wrote (exact headers, Sec-WebSocket-Key included). */
  onRequestHead(head: ParsedHead): void;
  /** The response head we received (before `ws` validates it). */
  onResponseHead(head: ParsedHead): void;
  /** A complete frame in either direction. `in` = from the server. */
  onFrame(direction: 'in' | 'out', frame: WireFrame): void;
  /**
   * Whether the incoming stream may be handed on to `ws` past this frame (a limit of the session, issue 12). On
   * false the bytes after it, in this read and every later one, are neither handed on nor observed: `ws` never
   * sees them, so a server cannot make it hold more. Absent: always.
   */
  admitIncoming?(frame: WireFrame): boolean;
  /** Raw bytes read from the network (a copy is not made: do not keep beyond the call). */
  onRead?(chunk: Uint8Array): void;
  /** A chunk read from the network was handed on (`ws` has parsed it and its messages were delivered). */
  onReadDone?(): void;
  /** The tap failed internally; it stops observing but never affects the connection. */
  onTapError(message: string): void;
  /**
   * The server's bytes cannot be framed any further (a length beyond 2^53 − 1): the server's fault, which `ws`
   * reports as a protocol error of its own. Incoming frames are no longer observed; outgoing ones still are.
   */
  onIncomingUnframeable?(message: string): void;
  /**
   * After a 101 the server sent HTTP text instead of frames (an Engine.IO v4-only server refusing an
   * EIO=3 WebSocket does this). The tap stops; `text` is what the first read held.
   */
  onHttpAfterUpgrade?(text: string): void;
}

/** One direction of the stream: the HTTP head first, then (after a 101) RFC 6455 frames. */
interface Direction {
  name: 'in' | 'out';
  head: HeadSplitter;
  frames: FrameParser | undefined;
  bytes: number;
}

/** Installs the tap; returns a function that removes it. */
export function tapSocket(socket: Socket, handlers: SocketTapHandlers): () => void {
  const tap = new SocketTap(handlers);
  tap.unwrap = wrapSocketIo(socket, {
    read: (chunk) => {
      if (tap.incomingCut) return 0;
      try {
        handlers.onRead?.(chunk);
      } catch {
        /* an observer must never break the stream */
      }
      return tap.read(chunk);
    },
    written: (chunk) => tap.observe(tap.outgoing, chunk),
    readDone: () => {
      try {
        handlers.onReadDone?.();
      } catch {
        /* an observer must never break the stream */
      }
    },
  });
  return () => tap.stop();
}

class SocketTap {
  readonly incoming: Direction = { name: 'in', head: createHeadSplitter(), frames: undefined, bytes: 0 };
  readonly outgoing: Direction = { name: 'out', head: createHeadSplitter(), frames: undefined, bytes: 0 };
  unwrap: () => void = () => undefined;
  private active = true;
  /** Whether the first bytes after the 101 were looked at. */
  private incomingFramed = false;
  /** Set once `admitIncoming` said no: nothing more of the incoming stream reaches `ws`. */
  incomingCut = false;
  /** Bytes of the chunk being read to hand on to `ws` (undefined: all of it). */
  private handOn: number | undefined;
  /** Where the bytes being fed to the incoming frame parser start, in the chunk being read. */
  private feedOffset = 0;
  /** Incoming bytes fed to the frame parser before the current feed, and framed by the frames seen so far. */
  private fedBefore = 0;
  private fed = 0;
  private framed = 0;

  constructor(private readonly handlers: SocketTapHandlers) {}

  /** Observes a chunk read from the network; returns how many of its bytes go on to `ws`. */
  read(chunk: Uint8Array): number {
    this.handOn = undefined;
    this.observe(this.incoming, chunk);
    return this.handOn ?? chunk.length;
  }

  observe(direction: Direction, chunk: Uint8Array): void {
    if (!this.active || chunk.length === 0) return;
    try {
      direction.bytes += chunk.length;
      if (direction.frames) this.observeFrames(direction, direction.frames, chunk);
      else this.observeHead(direction, chunk);
    } catch (error) {
      this.stop();
      this.handlers.onTapError(`Socket tap failed: ${String(error)}`);
    }
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.unwrap();
  }

  /** `offset`: where `chunk` starts in the chunk read (after a response head, the frames that followed it). */
  private observeFrames(direction: Direction, frames: FrameParser, chunk: Uint8Array, offset = 0): void {
    if (direction.name === 'in') {
      if (!this.incomingFramed) {
        this.incomingFramed = true;
        if (looksLikeHttp(chunk)) return this.httpAfterUpgrade(chunk);
      }
      this.feedOffset = offset;
      this.fedBefore = this.fed;
      this.fed += chunk.length;
    }
    frames.feed(chunk);
  }

  /** A frame the parser completed; an incoming one the session may refuse to have handed on past it. */
  private frameSeen(name: 'in' | 'out', frame: WireFrame): void {
    if (name === 'out') return this.handlers.onFrame(name, frame);
    // The rest of a read that was cut: never handed on, so never shown either.
    if (this.incomingCut) return;
    this.handlers.onFrame(name, frame);
    this.framed += frame.headerLength + frame.payloadLength;
    if (!this.handlers.admitIncoming || this.handlers.admitIncoming(frame)) return;
    this.incomingCut = true;
    // The frame ended `framed − fedBefore` bytes into the current feed.
    this.handOn = this.feedOffset + (this.framed - this.fedBefore);
  }

  private observeHead(direction: Direction, chunk: Uint8Array): void {
    const rest = direction.head.feed(chunk);
    if (direction.head.overflowed) {
      this.stop();
      this.handlers.onTapError('The HTTP head exceeded 64 KiB; frame details are not shown for this session.');
      return;
    }
    const head = direction.head.head;
    if (rest === undefined || !head) return;
    if (direction.name === 'out') this.handlers.onRequestHead(head);
    else this.handlers.onResponseHead(head);
    // Frames follow a 101 answer (in) and our request (out, once the server switched protocols): §4.1.
    if (direction.name === 'in' && !/^HTTP\/\d\.\d\s+101\b/.test(head.startLine)) return;
    direction.frames = this.frameParser(direction.name);
    if (rest.length) this.observeFrames(direction, direction.frames, rest, chunk.length - rest.length);
  }

  private frameParser(name: 'in' | 'out'): FrameParser {
    const stream = name === 'in' ? 'Incoming' : 'Outgoing';
    return createFrameParser({
      onFrame: (frame) => this.frameSeen(name, frame),
      onError: (message, fault) =>
        name === 'in' && fault === 'stream' && this.handlers.onIncomingUnframeable
          ? this.handlers.onIncomingUnframeable(message)
          : this.handlers.onTapError(`${stream} stream: ${message}`),
    });
  }

  private httpAfterUpgrade(chunk: Uint8Array): void {
    this.stop();
    this.handlers.onHttpAfterUpgrade?.(Buffer.from(chunk.subarray(0, 4096)).toString('latin1'));
  }
}

/**
 * Wraps the socket's `push` (once per chunk read from the network) and `write` (once per chunk
 * written) to observe the bytes; returns a function that restores them (when nobody re-wrapped them).
 */
function wrapSocketIo(
  socket: Socket,
  observers: { read(chunk: Uint8Array): number; written(chunk: Uint8Array): void; readDone(): void },
): () => void {
  const originalPush = socket.push;
  const originalWrite = socket.write;
  const pushWrapper = function (this: Socket, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (!(chunk instanceof Uint8Array)) return originalPush.call(this, chunk, encoding);
    const handOn = observers.read(chunk);
    // Bytes not handed on (a limit cut the stream) are dropped here; reading goes on, so the end is seen.
    const more =
      handOn >= chunk.length
        ? originalPush.call(this, chunk, encoding)
        : handOn > 0
          ? originalPush.call(this, chunk.subarray(0, handOn), encoding)
          : true;
    observers.readDone();
    return more;
  };
  const writeWrapper = function (this: Socket, ...args: unknown[]): boolean {
    const chunk = args[0];
    if (chunk instanceof Uint8Array) observers.written(chunk);
    else if (typeof chunk === 'string') {
      const encoding = typeof args[1] === 'string' ? (args[1] as BufferEncoding) : 'utf8';
      observers.written(Buffer.from(chunk, encoding));
    }
    return (originalWrite as (...a: unknown[]) => boolean).apply(this, args);
  };
  socket.push = pushWrapper as typeof socket.push;
  socket.write = writeWrapper as typeof socket.write;
  return () => {
    if (socket.push === pushWrapper) socket.push = originalPush;
    if (socket.write === writeWrapper) socket.write = originalWrite;
  };
}

/** "HTTP/1." where a frame header should be. */
function looksLikeHttp(chunk: Uint8Array): boolean {
  return chunk.length >= 7 && Buffer.from(chunk.subarray(0, 7)).toString('latin1') === 'HTTP/1.';
}
