/**
 * A pause on an injected clock that a cancellation ends early. Every timer and listener it sets is
 * removed when it ends, however it ends.
 */
import type { Clock } from '../clock';

/** Resolves true after `ms`, or false as soon as `signal` is aborted (at once if it already is). */
export function pause(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
