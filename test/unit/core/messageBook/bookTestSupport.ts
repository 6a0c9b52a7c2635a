/**
 * Helpers of the sequence and replay tests: a book's entries from text, progress that can be awaited, and a
 * session wrapper that counts the listeners a runner holds (so a test can check none is left behind).
 */
import assert from 'node:assert/strict';
import type { Disposable } from '../../../../src/core/disposable';
import type { BookEntry } from '../../../../src/core/messageBook/bookTypes';
import { parseMessageBook } from '../../../../src/core/messageBook/parseMessageBook';
import type { SequenceSession, StepState } from '../../../../src/core/messageBook/sequenceTypes';

/** The entries of a book that must parse without a problem. */
export function entriesOf(text: string): BookEntry[] {
  const book = parseMessageBook(text);
  assert.deepEqual(book.diagnostics, [], 'the test book parses cleanly');
  return book.entries;
}

/** Records progress and resolves `reached(index, state)` once that step reports that state. */
export class ProgressLog {
  readonly steps: Array<[number, StepState]> = [];
  private readonly waiting: Array<{ index: number; state: StepState; resolve: () => void }> = [];

  readonly listener = (index: number, _total: number, state: StepState): void => {
    this.steps.push([index, state]);
    for (const w of this.waiting.filter((x) => x.index === index && x.state === state)) w.resolve();
  };

  reached(index: number, state: StepState): Promise<void> {
    if (this.steps.some(([i, s]) => i === index && s === state)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ index, state, resolve }));
  }
}

/** A session seen through a wrapper that counts live `onAppend` and `onDidChange` subscriptions. */
export function countingSession(session: SequenceSession): { session: SequenceSession; live: () => number } {
  let live = 0;
  const counted = (inner: Disposable): Disposable => {
    live++;
    let disposed = false;
    return {
      dispose: () => {
        if (!disposed) live--;
        disposed = true;
        inner.dispose();
      },
    };
  };
  const log: SequenceSession['log'] = {
    get count() {
      return session.log.count;
    },
    page: (from, limit) => session.log.page(from, limit),
    onAppend: (listener) => counted(session.log.onAppend(listener)),
  };
  const wrapped: SequenceSession = {
    options: session.options,
    log,
    get info() {
      return session.info;
    },
    send: (request) => session.send(request),
    onDidChange: (listener) => counted(session.onDidChange(listener)),
  };
  return { session: wrapped, live: () => live };
}

/** Lets promise callbacks and pending I/O run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
