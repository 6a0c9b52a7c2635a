/**
 * Time, injected: engines never call Date.now/setTimeout/setImmediate directly, so tests and (later)
 * fault injection can control it.
 */
export interface Clock {
  /** Wall clock, ms since the epoch. */
  now(): number;
  /** Monotonic ms, for durations. */
  mono(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /**
   * Runs `fn` once the event loop has run pending I/O and timers (between slices of a long decode,
   * issue #7). Optional so that a test's own clock needs only the four members above.
   */
  yield?(fn: () => void): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  mono: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  // setImmediate runs after pending I/O callbacks, unlike a microtask.
  yield: (fn) => setImmediate(fn),
};

/** Resolves once `clock` has yielded to the event loop (the system clock's way when it has none). */
export function yieldToLoop(clock: Clock): Promise<void> {
  const yieldOnce = clock.yield ?? systemClock.yield!;
  return new Promise((resolve) => yieldOnce(resolve));
}
