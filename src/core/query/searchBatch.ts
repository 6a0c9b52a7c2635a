/**
 * Builds the columns a batch of search records travels in to the query worker (queryWorkerProtocol.ts), one
 * record at a time: from a SearchRecord (its text written as bytes), or from a record's stored text bytes as the
 * log keeps them (copied, never decoded on the host's thread).
 */
import { SEARCH_TEXT_MAX_CHARS, type SearchRecord } from './eventQuery';

/** Bytes that always hold the first SEARCH_TEXT_MAX_CHARS characters of a text (3 bytes per UTF-16 unit at most). */
const MAX_TEXT_BYTES = SEARCH_TEXT_MAX_CHARS * 3;

/**
 * SearchRecords as a few columns (issue #9): the structured clone copies a few typed arrays instead of walking a
 * thousand objects, which cost more than the matching itself. Texts travel as bytes: UTF-8 (or UTF-16LE where a
 * text has a lone surrogate) copied from the log's records as stored, or written from a string, and decoded in
 * the worker — so the host's thread builds no string for an event whose search text is its payload.
 */
export interface PackedRecords {
  seqs: Float64Array;
  times: Float64Array;
  /** The records' text bytes: record i's are [textStarts[i], textEnds[i]) (stored texts sit among their records). */
  text: Uint8Array;
  textStarts: Uint32Array;
  textEnds: Uint32Array;
  /** 1 where a record's text bytes are UTF-16LE, 0 for UTF-8. */
  textUtf16: Uint8Array;
  /** Distinct strings of the fields below. */
  labels: string[];
  /** LABEL_FIELDS per record: index into labels, -1 for a field not set. */
  labelIds: Int32Array;
}

export const LABEL_FIELDS = ['direction', 'layer', 'type', 'sioEvent', 'namespace'] as const;

/** The fields of a record besides its text. */
export interface SearchRecordFields {
  seq: number;
  time: number;
  direction: string;
  layer: string;
  type: string;
  sioEvent?: string;
  namespace?: string;
}

export class SearchBatchBuilder {
  private n = 0;
  private seqs = new Float64Array(256);
  private times = new Float64Array(256);
  private textStarts = new Uint32Array(256);
  private textEnds = new Uint32Array(256);
  private utf16 = new Uint8Array(256);
  private labelIds = new Int32Array(256 * LABEL_FIELDS.length);
  private readonly labels: string[] = [];
  private readonly labelCodes = new Map<string, number>();
  private text = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  /**
   * Stored texts are not copied one by one: the run of records they sit in is copied once, when the run ends (the
   * next record is from elsewhere, or the batch is built). `run` is that source; its bytes from `runFrom` go to
   * `used` onwards, up to `runEnd`.
   */
  private run: Uint8Array | undefined;
  private runFrom = 0;
  private runEnd = 0;

  get count(): number {
    return this.n;
  }

  /** Text bytes so far (the batch's size). */
  get textBytes(): number {
    return this.used + (this.run ? this.runEnd - this.runFrom : 0);
  }

  /** Empties the batch (its label table is kept). */
  clear(): void {
    this.n = 0;
    this.used = 0;
    this.run = undefined;
  }

  addRecord(record: SearchRecord): void {
    this.endRun();
    const text = record.text;
    // UTF-8 unless the text has a lone surrogate, which UTF-8 cannot carry.
    const utf16 = !isWellFormed(text);
    this.room(utf16 ? text.length * 2 : text.length * 3);
    const start = this.used;
    this.used += this.text.write(text, this.used, utf16 ? 'utf16le' : 'utf8');
    this.push(record, start, this.used, utf16);
  }

  /**
   * A record whose search text is the text stored in `bytes` at [start, end) (UTF-16LE if `utf16`, else UTF-8).
   * Records of one scan come in order from the same buffer: the bytes between them are copied along, in one go.
   */
  addStoredText(fields: SearchRecordFields, bytes: Uint8Array, start: number, end: number, utf16: boolean): void {
    if (this.run !== bytes || start < this.runEnd) {
      this.endRun();
      this.run = bytes;
      this.runFrom = start;
    }
    this.runEnd = end;
    // Enough bytes for the characters searched; the worker decodes and cuts them at SEARCH_TEXT_MAX_CHARS.
    const length = Math.min(end - start, utf16 ? SEARCH_TEXT_MAX_CHARS * 2 : MAX_TEXT_BYTES);
    const at = this.used + (start - this.runFrom);
    this.push(fields, at, at + length, utf16);
  }

  /** The batch as columns of their own (each its own buffer, so they can be moved to the worker). */
  build(): PackedRecords {
    this.endRun();
    const n = this.n;
    return {
      seqs: this.seqs.slice(0, n),
      times: this.times.slice(0, n),
      text: new Uint8Array(this.text.subarray(0, this.used)),
      textStarts: this.textStarts.slice(0, n),
      textEnds: this.textEnds.slice(0, n),
      textUtf16: this.utf16.slice(0, n),
      labels: [...this.labels],
      labelIds: this.labelIds.slice(0, n * LABEL_FIELDS.length),
    };
  }

  /** Copies the run of stored bytes in (one copy for a run of records). */
  private endRun(): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    const length = this.runEnd - this.runFrom;
    this.room(length);
    this.text.set(run.subarray(this.runFrom, this.runEnd), this.used);
    this.used += length;
  }

  private push(fields: SearchRecordFields, start: number, end: number, utf16: boolean): void {
    if (this.n === this.seqs.length) this.grow();
    const i = this.n++;
    this.seqs[i] = fields.seq;
    this.times[i] = fields.time;
    this.textStarts[i] = start;
    this.textEnds[i] = end;
    this.utf16[i] = utf16 ? 1 : 0;
    // The order of LABEL_FIELDS, spelled out: a keyed read per field name cost more than the rest of the record.
    const at = i * LABEL_FIELDS.length;
    this.labelIds[at] = this.labelOf(fields.direction);
    this.labelIds[at + 1] = this.labelOf(fields.layer);
    this.labelIds[at + 2] = this.labelOf(fields.type);
    this.labelIds[at + 3] = this.labelOf(fields.sioEvent);
    this.labelIds[at + 4] = this.labelOf(fields.namespace);
  }

  private grow(): void {
    const size = this.seqs.length * 2;
    const grown = <T extends Float64Array | Uint32Array | Uint8Array | Int32Array>(column: T, length: number): T => {
      const next = new (column.constructor as new (n: number) => T)(length);
      next.set(column);
      return next;
    };
    this.seqs = grown(this.seqs, size);
    this.times = grown(this.times, size);
    this.textStarts = grown(this.textStarts, size);
    this.textEnds = grown(this.textEnds, size);
    this.utf16 = grown(this.utf16, size);
    this.labelIds = grown(this.labelIds, size * LABEL_FIELDS.length);
  }

  private labelOf(value: string | undefined): number {
    if (value === undefined) return -1;
    let id = this.labelCodes.get(value);
    if (id === undefined) this.labelCodes.set(value, (id = this.labels.push(value) - 1));
    return id;
  }

  private room(more: number): void {
    if (this.used + more <= this.text.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.used + more, this.text.length * 2));
    this.text.copy(grown, 0, 0, this.used);
    this.text = grown;
  }
}

/** String.prototype.isWellFormed (Node 20+, ES2024: not in this project's `lib`). */
function isWellFormed(value: string): boolean {
  return (value as unknown as { isWellFormed(): boolean }).isWellFormed();
}
