/**
 * How a line or a block of an event stream arrived (issue 11, "the raw chunks as they arrived available in
 * details"): its bytes on the wire, the network reads it came in, and its text as received — field lines with
 * their own line ends (CR, LF or CRLF) — with the offsets where one read ended and the next began. Bounded: the
 * text is kept up to MAX_RAW_CHARS and the read ends up to MAX_READ_ENDS; past them only the counts grow.
 */

/** Characters of a block's text kept as received (4 KiB of ASCII); the rest is counted, not copied. */
export const MAX_RAW_CHARS = 4096;
/** Read ends kept per block; `chunks` still counts every read. */
export const MAX_READ_ENDS = 64;

/** How a line or a block arrived. */
export interface ArrivalFacts {
  /** Bytes on the wire, line ends included. */
  bytes: number;
  /** Network reads the bytes came in. */
  chunks: number;
  /** The text as received, line ends included, cut at MAX_RAW_CHARS (absent when none was decoded). */
  raw?: string;
  /** True when the text went on past MAX_RAW_CHARS. */
  rawTruncated?: boolean;
  /** Offsets in `raw` where one network read ended and the next began (absent when it came in one read). */
  chunkEnds?: number[];
}

/** A running account of bytes, reads and text, from one line or block start to the next. */
export class Arrival {
  bytes = 0;
  chunks = 0;
  private lastRead = -1;
  private raw = '';
  private truncated = false;
  private ends: number[] = [];

  /** A piece of the line or block: `bytes` long on the wire, decoded as `text`, from read number `read`. */
  add(bytes: number, text: string, read: number): void {
    this.bytes += bytes;
    if (read !== this.lastRead) {
      // A read that began inside the line or block: the one before ended here.
      if (this.lastRead !== -1 && !this.truncated && this.ends.length < MAX_READ_ENDS) this.ends.push(this.raw.length);
      this.chunks++;
      this.lastRead = read;
    }
    if (text !== '' && !this.truncated) this.keep(text);
  }

  /** The facts so far (the account goes on). */
  facts(): ArrivalFacts {
    const facts: ArrivalFacts = { bytes: this.bytes, chunks: this.chunks };
    if (this.raw !== '') facts.raw = this.raw;
    if (this.truncated) facts.rawTruncated = true;
    if (this.ends.length > 0) facts.chunkEnds = this.ends.slice();
    return facts;
  }

  /** The facts so far, then a fresh account. */
  take(): ArrivalFacts {
    const facts = this.facts();
    this.clear();
    return facts;
  }

  /** A fresh account, the old one dropped. */
  clear(): void {
    this.bytes = 0;
    this.chunks = 0;
    this.lastRead = -1;
    this.raw = '';
    this.truncated = false;
    if (this.ends.length > 0) this.ends = [];
  }

  /** Appends `text` up to the cap; never half of a surrogate pair at the cut. */
  private keep(text: string): void {
    const room = MAX_RAW_CHARS - this.raw.length;
    if (text.length <= room) {
      this.raw += text;
      return;
    }
    let cut = room;
    const unit = text.charCodeAt(cut - 1);
    if (cut > 0 && unit >= 0xd800 && unit <= 0xdbff) cut--;
    this.raw += text.slice(0, cut);
    this.truncated = true;
  }
}
