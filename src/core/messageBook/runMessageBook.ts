/**
 * Send All: runs a book's entries in order on a session — messages sent, delays waited, `wait for` entries
 * waiting for a matching incoming message — and stops at the first failure with its reason. Before the
 * first send every entry is checked (valid, and of a kind the session sends), so a bad entry in the middle
 * never leaves a half-sent sequence. Cancellable at any point: once the signal is aborted nothing more is
 * sent, and every timer and listener is removed.
 */
import type { ErrorMeta } from '../events/logEvent';
import { BookErrorCode, bookError, describeEntry, sentenceCase } from './bookErrors';
import type { BookEntry, WaitPattern } from './bookTypes';
import { bookValues } from './bookVariables';
import { entryRefusal, type EntryRequest } from './entryToSendRequest';
import { pause } from './pause';
import { substitute, type BookValues } from './placeholders';
import { report, type RunSummary, type SequenceOptions, type SequenceSession } from './sequenceTypes';
import { waitForMessage } from './waitForMessage';
import { compileWaitPattern, describeWaitPattern } from './waitPattern';

export interface RunBookOptions extends SequenceOptions {
  /**
   * The request of a message entry: entryToSendRequest with the book's values, the session's kind and the
   * host's files (see `bookResolver`). Awaited before each send.
   */
  resolve(entry: BookEntry): Promise<EntryRequest> | EntryRequest;
  /** Values for the placeholders of `wait for "text"` entries (a /regex/ is taken as written). */
  values?: BookValues;
}

/** Runs `entries` in order on `session`. Never rejects. */
export async function runMessageBook(
  session: SequenceSession,
  entries: readonly BookEntry[],
  options: RunBookOptions,
): Promise<RunSummary> {
  return new SequenceRun(session, entries, options).run();
}

class SequenceRun {
  private readonly sent: number[] = [];
  private completed = 0;
  /** Messages with a seq above this may satisfy the next `wait for` (the log's count before the last send). */
  private waitFrom: number;

  constructor(
    private readonly session: SequenceSession,
    private readonly entries: readonly BookEntry[],
    private readonly options: RunBookOptions,
  ) {
    this.waitFrom = session.log.count + 1;
  }

  async run(): Promise<RunSummary> {
    const refused = this.checkAll();
    if (refused) return this.stop('failed', refused.index, refused.error);
    for (let index = 0; index < this.entries.length; index++) {
      if (this.options.signal?.aborted) return this.cancelled(index);
      const error = await this.step(index);
      if (error === 'cancelled') return this.cancelled(index);
      if (error) return this.stop('failed', index, error);
      this.completed++;
      report(this.options.onProgress, index, this.entries.length, 'done');
    }
    const total = this.entries.length;
    return this.summary('completed', `Done: ${total} entries, ${this.sent.length} messages sent.`);
  }

  /** The first entry that cannot run on this session. */
  private checkAll(): { index: number; error: ErrorMeta } | undefined {
    for (let index = 0; index < this.entries.length; index++) {
      const entry = this.entries[index];
      const kind = entry.fields?.kind;
      if (entry.valid && (kind === 'delay' || kind === 'wait')) continue;
      const error = entryRefusal(entry, this.session.options.kind);
      if (error) return { index, error: { ...error, hint: error.hint ?? 'Nothing was sent.' } };
    }
    return undefined;
  }

  /** Runs one entry: undefined when done, 'cancelled', or the error that stops the run. */
  private async step(index: number): Promise<ErrorMeta | 'cancelled' | undefined> {
    const entry = this.entries[index];
    const fields = entry.fields!;
    const { clock, signal, onProgress } = this.options;
    const total = this.entries.length;
    if (fields.kind === 'delay') {
      report(onProgress, index, total, 'delaying');
      return (await pause(clock, fields.ms, signal)) ? undefined : 'cancelled';
    }
    if (fields.kind === 'wait') {
      report(onProgress, index, total, 'waiting');
      const pattern = this.filledPattern(entry, fields.pattern);
      if ('code' in pattern) return pattern;
      const matcher = compileWaitPattern(pattern);
      const options = { clock, signal, timeoutMs: fields.timeoutMs, fromSeq: this.waitFrom };
      const waited = await waitForMessage(this.session, matcher, options);
      if (waited.outcome === 'matched') this.waitFrom = waited.seq + 1;
      return waited.outcome === 'matched' ? undefined : this.waitFailure(entry, waited.outcome);
    }
    report(onProgress, index, total, 'sending');
    return this.send(entry);
  }

  private async send(entry: BookEntry): Promise<ErrorMeta | 'cancelled' | undefined> {
    let resolved: EntryRequest;
    try {
      resolved = await this.options.resolve(entry);
    } catch (error) {
      return bookError(BookErrorCode.InvalidEntry, `${sentenceCase(describeEntry(entry))}: ${String(error)}`);
    }
    // The resolve may have taken a while (a file, a secret): a cancel in the meantime still sends nothing.
    if (this.options.signal?.aborted) return 'cancelled';
    if (!resolved.ok) return resolved.error;
    const before = this.session.log.count;
    const outcome = this.session.send(resolved.request);
    if (!outcome.ok)
      return { ...outcome.error, message: `${sentenceCase(describeEntry(entry))}: ${outcome.error.message}` };
    this.sent.push(outcome.seq);
    this.waitFrom = before + 1;
    return undefined;
  }

  /** A text pattern with its placeholders filled in, or the error naming the one that has no value. */
  private filledPattern(entry: BookEntry, pattern: WaitPattern): WaitPattern | ErrorMeta {
    if (pattern.type === 'regex') return pattern;
    const filled = substitute(pattern.text, this.options.values ?? bookValues([]));
    if (filled.ok) return { type: 'text', text: filled.text };
    return bookError(BookErrorCode.Variable, `${sentenceCase(describeEntry(entry))}: ${filled.message}`);
  }

  private waitFailure(entry: BookEntry, outcome: 'timeout' | 'closed' | 'cancelled'): ErrorMeta | 'cancelled' {
    if (outcome === 'cancelled') return 'cancelled';
    const fields = entry.fields as Extract<BookEntry['fields'], { kind: 'wait' }>;
    const pattern = describeWaitPattern(fields.pattern);
    const name = sentenceCase(describeEntry(entry));
    if (outcome === 'closed') {
      return bookError(BookErrorCode.SessionClosed, `${name}: the session closed while waiting for ${pattern}.`);
    }
    const seconds = fields.timeoutMs / 1000;
    return bookError(
      BookErrorCode.WaitTimeout,
      `${name}: no incoming message matched ${pattern} within ${seconds} s.`,
      'Check the pattern against the messages in the log, or give it a longer timeout (timeout 30s).',
    );
  }

  private cancelled(index: number): RunSummary {
    const error = bookError(BookErrorCode.Cancelled, 'Cancelled: nothing more was sent.');
    return this.stop('cancelled', index, error);
  }

  private stop(outcome: 'failed' | 'cancelled', index: number, error: ErrorMeta): RunSummary {
    report(this.options.onProgress, index, this.entries.length, outcome);
    const summary = this.summary(outcome, error.message);
    summary.stoppedAt = { index, error };
    return summary;
  }

  private summary(outcome: RunSummary['outcome'], message: string): RunSummary {
    const { sent, completed } = this;
    return { outcome, total: this.entries.length, completed, sent: [...sent], message };
  }
}
