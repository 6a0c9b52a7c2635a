/**
 * The `wait for` of a sequence: resolves when an incoming data message matches, looking first at those that
 * arrived since `fromSeq` (a reply may come during a delay, before the wait starts), then at each one
 * appended. Ends on a match, the timeout, the session closing or a cancellation, and always removes its
 * log listener, its state listener, its timer and its abort listener.
 */
import type { Clock } from '../clock';
import { DisposableStore, toDisposable } from '../disposable';
import type { LogEvent } from '../events/logEvent';
import { WAIT_LOOKBACK_EVENTS } from './bookLimits';
import type { SequenceSession } from './sequenceTypes';
import type { WaitMatcher } from './waitPattern';

export type WaitOutcome =
  { outcome: 'matched'; seq: number } | { outcome: 'timeout' } | { outcome: 'closed' } | { outcome: 'cancelled' };

/**
 * Incoming rows that carry a message's data, on every kind of session. Socket.IO acks count: an ack's reply
 * is data (and with the msgpack parser its Engine.IO row is binary, so only the `sio` row has text).
 */
const DATA_TYPES = new Set([
  'message',
  'eio-message',
  'sio-event',
  'sio-binary-event',
  'sio-ack',
  'sio-binary-ack',
  'sse-event',
]);

export interface WaitOptions {
  clock: Clock;
  timeoutMs: number;
  /** The first seq that may match. */
  fromSeq: number;
  signal?: AbortSignal;
}

/** Waits for a message that `matcher` accepts. Never rejects. */
export function waitForMessage(
  session: SequenceSession,
  matcher: WaitMatcher,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const earlier = lookBack(session, matcher, options.fromSeq);
  if (earlier !== undefined) return Promise.resolve({ outcome: 'matched', seq: earlier });
  if (options.signal?.aborted) return Promise.resolve({ outcome: 'cancelled' });
  if (session.info.state === 'closed') return Promise.resolve({ outcome: 'closed' });
  return new Promise((resolve) => {
    const subscriptions = new DisposableStore();
    const finish = (outcome: WaitOutcome): void => {
      subscriptions.dispose();
      resolve(outcome);
    };
    subscriptions.add(
      session.log.onAppend((event) => {
        if (matches(event, matcher)) finish({ outcome: 'matched', seq: event.seq });
      }),
    );
    subscriptions.add(
      session.onDidChange((info) => {
        if (info.state === 'closed') finish({ outcome: 'closed' });
      }),
    );
    const timer = options.clock.setTimeout(() => finish({ outcome: 'timeout' }), options.timeoutMs);
    subscriptions.add(toDisposable(() => options.clock.clearTimeout(timer)));
    const { signal } = options;
    if (signal) {
      const onAbort = (): void => finish({ outcome: 'cancelled' });
      signal.addEventListener('abort', onAbort, { once: true });
      subscriptions.add(toDisposable(() => signal.removeEventListener('abort', onAbort)));
    }
  });
}

/** The first event since `fromSeq` (at most the last WAIT_LOOKBACK_EVENTS) that matches. */
function lookBack(session: SequenceSession, matcher: WaitMatcher, fromSeq: number): number | undefined {
  const { log } = session;
  let seq = Math.max(fromSeq, log.count - WAIT_LOOKBACK_EVENTS + 1, 1);
  while (seq <= log.count) {
    const page = log.page(seq, 1000);
    if (page.length === 0) return undefined;
    for (const event of page) if (matches(event, matcher)) return event.seq;
    seq = page[page.length - 1].seq + 1;
  }
  return undefined;
}

/** An incoming data message whose text the matcher accepts (binary payloads are not matched). */
export function matches(event: LogEvent, matcher: WaitMatcher): boolean {
  if (event.direction !== 'in' || !DATA_TYPES.has(event.type) || event.payload?.kind !== 'text') return false;
  try {
    return matcher(event.payload.text);
  } catch {
    // A pattern that blows the regular-expression stack matches nothing rather than ending the wait badly.
    return false;
  }
}
