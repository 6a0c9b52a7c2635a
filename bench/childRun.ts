/**
 * What a measured client (bench/*Client.ts, started by runChild.ts) uses inside its child process: its
 * argument, a settled heap reading, and the one result line it prints before exiting.
 */
/** The argument a child was started with. */
export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/** Collects garbage twice (weak refs, finalizers) and returns JS heap plus array buffers, in bytes. */
export function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Prints the result line and exits (a child never lingers on open handles). */
export function finish(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}
