/**
 * Time, injected: engines never call Date.now/setTimeout directly, so tests and (later) fault
 * injection can control it.
 */
export interface Clock {
  /** Wall clock, ms since the epoch. */
  now(): number;
  /** Monotonic ms, for durations. */
  mono(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  mono: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
