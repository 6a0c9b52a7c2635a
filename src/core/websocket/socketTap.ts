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
  /** Raw bytes read from the network (a copy is not made: do not keep beyond the call). */
  onRead?(chunk: Uint8Array): void;
  /** The tap failed internally; it stops observing but never affects the connection. */
  onTapError(message: string): void;
  /**
   * After a 101 the server sent HTTP text instead of frames (an Engine.IO v4-only server refusing an
   * EIO=3 WebSocket does this). The tap stops; `text` is what the first read held.
   */
  onHttpAfterUpgrade?(text: string): void;
}

interface Direction {
  head: HeadSplitter;
  frames: FrameParser | undefined;
  bytes: number;
}

/** Installs the tap; returns a function that removes it. */
export function tapSocket(socket: Socket, handlers: SocketTapHandlers): () => void {
  let active = true;
  const makeFrames = (dir: 'in' | 'out'): FrameParser =>
    createFrameParser({
      onFrame: (frame) => handlers.onFrame(dir, frame),
      onError: (message) => handlers.onTapError(`${dir === 'in' ? 'Incoming' : 'Outgoing'} stream: ${message}`),
    });
  const incoming: Direction = { head: createHeadSplitter(), frames: undefined, bytes: 0 };
  /** Whether the first bytes after the 101 were looked at. */
  let incomingFramed = false;
  const httpAfterUpgrade = (chunk: Uint8Array): void => {
    stop();
    handlers.onHttpAfterUpgrade?.(Buffer.from(chunk.subarray(0, 4096)).toString('latin1'));
  };
  const outgoing: Direction = { head: createHeadSplitter(), frames: undefined, bytes: 0 };

  const observe = (dir: 'in' | 'out', state: Direction, chunk: Uint8Array): void => {
    if (!active || chunk.length === 0) return;
    try {
      state.bytes += chunk.length;
      if (state.frames) {
        if (dir === 'in' && !incomingFramed) {
          incomingFramed = true;
          if (looksLikeHttp(chunk)) return httpAfterUpgrade(chunk);
        }
        state.frames.feed(chunk);
        return;
      }
      const rest = state.head.feed(chunk);
      if (state.head.overflowed) {
        stop();
        handlers.onTapError('The HTTP head exceeded 64 KiB; frame details are not shown for this session.');
        return;
      }
      const head = state.head.head;
      if (rest === undefined || !head) return;
      if (dir === 'out') handlers.onRequestHead(head);
      else handlers.onResponseHead(head);
      // Frames follow a 101 answer (in) and our request (out, once the server switched protocols).
      if (dir === 'in' && !/^HTTP\/\d\.\d\s+101\b/.test(head.startLine)) return;
      state.frames = makeFrames(dir);
      if (dir === 'in' && rest.length) {
        incomingFramed = true;
        if (looksLikeHttp(rest)) return httpAfterUpgrade(rest);
      }
      if (rest.length) state.frames.feed(rest);
    } catch (error) {
      stop();
      handlers.onTapError(`Socket tap failed: ${String(error)}`);
    }
  };

  const originalPush = socket.push;
  const originalWrite = socket.write;
  const pushWrapper = function (this: Socket, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk instanceof Uint8Array) {
      try {
        handlers.onRead?.(chunk);
      } catch {
        /* an observer must never break the stream */
      }
      observe('in', incoming, chunk);
    }
    return originalPush.call(this, chunk, encoding);
  };
  const writeWrapper = function (this: Socket, ...args: unknown[]): boolean {
    const chunk = args[0];
    if (chunk instanceof Uint8Array) observe('out', outgoing, chunk);
    else if (typeof chunk === 'string') observe('out', outgoing, Buffer.from(chunk, typeof args[1] === 'string' ? (args[1] as BufferEncoding) : 'utf8'));
    return (originalWrite as (...a: unknown[]) => boolean).apply(this, args);
  };
  socket.push = pushWrapper as typeof socket.push;
  socket.write = writeWrapper as typeof socket.write;

  const stop = (): void => {
    if (!active) return;
    active = false;
    if (socket.push === pushWrapper) socket.push = originalPush;
    if (socket.write === writeWrapper) socket.write = originalWrite;
  };
  return stop;
}

/** "HTTP/1." where a frame header should be. */
function looksLikeHttp(chunk: Uint8Array): boolean {
  return chunk.length >= 7 && Buffer.from(chunk.subarray(0, 7)).toString('latin1') === 'HTTP/1.';
}
