/**
 * The two ends of the record codec's byte stream: a growable writer over one reused scratch buffer, and a
 * bounds-checked reader. Integers are LEB128 varints computed with arithmetic (not 32-bit bit operations), so
 * every safe integer fits; strings carry their encoding in the length's low bit (UTF-8, or UTF-16LE for text
 * with a lone surrogate, which UTF-8 would turn into U+FFFD).
 */

/** The bytes do not hold a well-formed record (a bug or a damaged file): readers catch it, never users. */
export class RecordCodecError extends Error {
  readonly code = 'RI_RECORD_CORRUPT';
}

/** Scratch space kept between appends; a larger one (after a huge event) is let go once used. */
const INITIAL_BYTES = 64 * 1024;
const KEEP_AT_MOST = 1024 * 1024;

export class ByteWriter {
  buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  pos = 0;

  /** Starts a new record at `at`, dropping an oversized buffer left by a huge one. */
  reset(at: number): void {
    if (this.buffer.length > KEEP_AT_MOST) this.buffer = Buffer.allocUnsafe(INITIAL_BYTES);
    this.pos = at;
  }

  ensure(more: number): void {
    const needed = this.pos + more;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.pos++] = value;
  }

  /** A non-negative safe integer as a varint (1 byte below 128). */
  uint(value: number): void {
    if (value < 0x80 && this.pos < this.buffer.length) {
      this.buffer[this.pos++] = value;
      return;
    }
    this.ensure(8);
    const buffer = this.buffer;
    let n = value;
    // Above 32 bits with arithmetic (bit operations would cut the value), below with shifts (cheaper).
    while (n > 0xffffffff) {
      buffer[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    while (n >= 0x80) {
      buffer[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buffer[this.pos++] = n;
  }

  float(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  bytes(value: Uint8Array): void {
    this.uint(value.byteLength);
    this.ensure(value.byteLength);
    this.buffer.set(value, this.pos);
    this.pos += value.byteLength;
  }

  string(value: string): void {
    const length = value.length;
    if (length <= SHORT_STRING && this.ascii(value)) return;
    // Longer text is written natively, as if ASCII (one byte per character): a byte count equal to the
    // character count proves it was (any other character takes 2 or 3 bytes). Otherwise written again.
    const start = this.pos;
    this.uint(length * 2);
    this.ensure(length * 3);
    const written = this.buffer.write(value, this.pos, 'utf8');
    if (written === length) {
      this.pos += written;
      return;
    }
    this.pos = start;
    this.unicode(value);
  }

  /** Text beyond ASCII: UTF-8, or UTF-16LE when it holds a lone surrogate (UTF-8 would make it U+FFFD). */
  private unicode(value: string): void {
    if (!isWellFormed(value)) {
      const length = value.length * 2;
      this.uint(length * 2 + 1);
      this.ensure(length);
      this.pos += this.buffer.write(value, this.pos, length, 'utf16le');
      return;
    }
    const length = Buffer.byteLength(value, 'utf8');
    this.uint(length * 2);
    this.ensure(length);
    this.pos += this.buffer.write(value, this.pos, length, 'utf8');
  }

  /** Writes `value` as UTF-8 if it is all ASCII (one byte per character); false, writing nothing, if not. */
  private ascii(value: string): boolean {
    const length = value.length;
    const start = this.pos;
    this.uint(length * 2);
    this.ensure(length);
    const buffer = this.buffer;
    let at = this.pos;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        this.pos = start;
        return false;
      }
      buffer[at++] = code;
    }
    this.pos = at;
    return true;
  }
}

/**
 * Strings up to this length are copied in JavaScript (cheaper than a call into native code); longer ones are
 * written natively (a 100-character payload: 70 ns instead of 260).
 */
const SHORT_STRING = 24;

export class ByteReader {
  constructor(
    public buffer: Buffer,
    public pos: number,
    public end: number,
  ) {}

  /** Reads another range (a scan reuses one reader for every record instead of allocating one each). */
  reset(buffer: Buffer, pos: number, end: number): void {
    this.buffer = buffer;
    this.pos = pos;
    this.end = end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new RecordCodecError('record ends early');
    return this.buffer[this.pos++];
  }

  uint(): number {
    const first = this.byte();
    if (first < 0x80) return first;
    let value = first & 0x7f;
    let scale = 0x80;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
      if (scale > Number.MAX_SAFE_INTEGER) throw new RecordCodecError('varint too long');
    }
  }

  float(): number {
    this.need(8);
    const value = this.buffer.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** A copy of the next `length` bytes (a view would keep the whole block or read buffer alive). */
  bytes(): Uint8Array {
    const length = this.uint();
    this.need(length);
    const copy = new Uint8Array(length);
    copy.set(this.buffer.subarray(this.pos, this.pos + length));
    this.pos += length;
    return copy;
  }

  string(): string {
    const header = this.uint();
    const length = Math.floor(header / 2);
    this.need(length);
    const encoding = header % 2 === 1 ? 'utf16le' : 'utf8';
    const value = this.buffer.toString(encoding, this.pos, this.pos + length);
    this.pos += length;
    return value;
  }

  skip(length: number): void {
    this.need(length);
    this.pos += length;
  }

  private need(length: number): void {
    if (length > this.end - this.pos) throw new RecordCodecError('record ends early');
  }
}

/** String.prototype.isWellFormed (Node 20+, ES2024: not in this project's `lib`). */
function isWellFormed(value: string): boolean {
  return (value as unknown as { isWellFormed(): boolean }).isWellFormed();
}
