/**
 * Reads one event stream (a response body) as it arrives: bytes in, typed callbacks out. The parsing is
 * eventsource-parser's (WHATWG "interpreting an event stream": one BOM stripped, CR / LF / CRLF line ends,
 * `data` lines joined with LF, an `id` with NUL ignored, an unfinished block at EOF dropped); this adds only
 * what a parser of text cannot know:
 *
 * - the bytes: UTF-8 decoded with a streaming decoder (a character split across reads stays whole), and each
 *   read cut after its line ends before it is fed, so every block is known to the byte — how many bytes it
 *   took, in how many reads it came, and its text as received with the places where a read ended (the raw
 *   chunks, without a row per chunk; sseArrival.ts keeps them bounded). A block runs from the blank line that
 *   ended the one before (WHATWG: a blank line dispatches) to its own blank line;
 * - the caps: a line longer than `maxLineBytes` bytes (counted here, so a line the parser would drop unread,
 *   or one that drips without end, is bounded too) and an event whose data grows past as many characters
 *   (the parser's `maxBufferSize`) stop the reader: nothing past the cap is buffered.
 *
 * A push decoder (style.md rule 6): any chunking, no I/O, no timers. Never throws while the sink does not.
 */
import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { Arrival, type ArrivalFacts } from './sseArrival';

export type { ArrivalFacts } from './sseArrival';

const LF = 0x0a;
const CR = 0x0d;
const NO_BYTES = Buffer.alloc(0);

/** How much of the read that crossed a cap is handed to the sink, to show what the server was sending. */
export const OVERFLOW_SAMPLE_BYTES = 256;

/** What the reader reports; called synchronously from `feed`. */
export interface SseStreamSink {
  /** A dispatched event (a block with at least one `data` line). */
  event(message: EventSourceMessage, block: ArrivalFacts): void;
  /** A block with an `id` but no data: it still sets the Last-Event-ID (WHATWG: dispatch, step 1). */
  idOnly(id: string, block: ArrivalFacts): void;
  /** A comment line (`:` first), without the colon and one leading space. */
  comment(text: string, line: ArrivalFacts): void;
  /** A `retry` field with a valid value (ASCII digits). */
  retry(ms: number, line: ArrivalFacts): void;
  /** A line the spec ignores: an unknown field, or a `retry` that is not a number. */
  ignored(error: ParseError, line: ArrivalFacts): void;
  /** A cap was crossed; the reader has stopped. `sample` holds the first bytes of the read that crossed it. */
  overflow(kind: 'line' | 'event', sample: Uint8Array, lineBytes: number): void;
}

export class SseStreamReader {
  private readonly parser: EventSourceParser;
  // ignoreBOM: keep a leading U+FEFF in the text, so the parser strips exactly one (the spec's rule), not two.
  private decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly line = new Arrival();
  private readonly block = new Arrival();
  private reads = 0;
  /** The `id` of the block being dispatched, until its event (if any) takes it. */
  private blockId: string | undefined;
  private stopped = false;
  /** The piece being read: its read and its bounds (for the sample of a crossed cap). */
  private pieceBytes: Buffer = NO_BYTES;
  private pieceStart = 0;
  private pieceEnd = 0;
  /** The last read ended in a CR: an LF that starts the next one completes a CRLF, it is no blank line. */
  private crEndedRead = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly sink: SseStreamSink,
  ) {
    this.parser = createParser({
      maxBufferSize: maxLineBytes,
      onId: (id) => {
        this.blockId = id;
      },
      onEvent: (message) => {
        this.blockId = undefined;
        this.sink.event(message, this.block.take());
      },
      // The parser reports a line while it is fed the piece that ends it: the line's account holds all of it.
      onComment: (text) => this.sink.comment(text, this.line.facts()),
      onRetry: (ms) => this.sink.retry(ms, this.line.facts()),
      onError: (error) => this.onParseError(error),
    });
  }

  /** Whether a cap stopped the reader (until `reset`). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Bytes of a line not yet ended (what an EOF now would discard with it). */
  get unfinishedLineBytes(): number {
    return this.line.bytes;
  }

  /** One network read, as it arrived (after Content-Encoding). */
  feed(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    const read = this.reads++;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Decoded once per read. CR and LF never occur inside a UTF-8 sequence and each decodes to one character
    // (an invalid sequence before one becomes U+FFFD first), so the n-th line end of the bytes is the n-th of
    // the text: both are cut at the same line ends.
    const text = this.decoder.decode(bytes, { stream: true });
    const byteEnds = new LineEnds(
      (code, from) => bytes.indexOf(code, from),
      (i) => bytes[i],
    );
    const textEnds = new LineEnds(
      (code, from) => text.indexOf(code === CR ? '\r' : '\n', from),
      (i) => text.charCodeAt(i),
    );
    let start = 0;
    let textStart = 0;
    while (start < bytes.length && !this.stopped) {
      const end = byteEnds.after(start);
      const textEnd = end === -1 ? text.length : textEnds.after(textStart);
      this.piece(bytes, start, end === -1 ? bytes.length : end, text.slice(textStart, textEnd), read);
      start = end === -1 ? bytes.length : end;
      textStart = textEnd;
    }
    this.pieceBytes = NO_BYTES; // the read's buffer is not kept past its feed
  }

  /** A new stream (a reconnect): nothing of the old one is kept. */
  reset(): void {
    this.parser.reset();
    this.decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    this.line.clear();
    this.block.clear();
    this.blockId = undefined;
    this.stopped = false;
    this.pieceBytes = NO_BYTES;
    this.crEndedRead = false;
  }

  /** One line, or the part of one in this read (its bytes from `start` to `end`, decoded as `text`). */
  private piece(bytes: Buffer, start: number, end: number, text: string, read: number): void {
    const length = end - start;
    const last = bytes[end - 1];
    const lineEndBytes = last === LF ? (length >= 2 && bytes[end - 2] === CR ? 2 : 1) : last === CR ? 1 : 0;
    const lineBytes = this.line.bytes + length - lineEndBytes;
    this.pieceBytes = bytes;
    this.pieceStart = start;
    this.pieceEnd = end;
    if (lineBytes > this.maxLineBytes) {
      this.stop();
      this.sink.overflow('line', this.sampleOfCurrent(), lineBytes);
      return;
    }
    // The LF of a CRLF split across reads: part of the line before, not a blank line of its own.
    const crlfTail = this.crEndedRead && start === 0 && length === 1 && last === LF;
    this.crEndedRead = last === CR && end === bytes.length;
    this.line.add(length, text, read);
    // When that CR ended a block (already reported), its LF starts no new one.
    if (!crlfTail || this.block.bytes > 0) this.block.add(length, text, read);
    if (text !== '') this.parser.feed(text);
    if (this.stopped) return;
    if (lineEndBytes > 0) this.line.clear();
    if (this.blockId !== undefined) {
      // The parser dispatched a block with an id and no data: no event took the id.
      const id = this.blockId;
      this.blockId = undefined;
      this.sink.idOnly(id, this.block.take());
    }
    // A blank line ends its block even when it dispatched nothing (a comment or a retry alone).
    if (lineBytes === 0 && lineEndBytes > 0 && !crlfTail) this.block.clear();
  }

  /** The first bytes of the piece being read, copied. */
  private sampleOfCurrent(): Uint8Array {
    const start = this.pieceStart;
    return new Uint8Array(this.pieceBytes.subarray(start, Math.min(this.pieceEnd, start + OVERFLOW_SAMPLE_BYTES)));
  }

  private onParseError(error: ParseError): void {
    if (error.type !== 'max-buffer-size-exceeded') {
      this.sink.ignored(error, this.line.facts());
      return;
    }
    this.stop();
    this.sink.overflow('event', this.sampleOfCurrent(), this.line.bytes);
  }

  private stop(): void {
    this.stopped = true;
    this.blockId = undefined;
  }
}

/** The line ends of one read (bytes or text), found with cached searches: linear in the read's length. */
class LineEnds {
  private cr = -2;
  private lf = -2;

  constructor(
    private readonly find: (code: number, from: number) => number,
    private readonly codeAt: (index: number) => number,
  ) {}

  /** Where the line that starts at `start` ends (after its line end; a CRLF is one), or -1: not in this read. */
  after(start: number): number {
    if (this.cr !== -1 && this.cr < start) this.cr = this.find(CR, start);
    if (this.lf !== -1 && this.lf < start) this.lf = this.find(LF, start);
    const { cr, lf } = this;
    const at = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
    if (at === -1) return -1;
    // A CRLF inside the read is one line end; a CR that ends the read is settled by the parser.
    return at === cr && this.codeAt(at + 1) === LF ? at + 2 : at + 1;
  }
}
