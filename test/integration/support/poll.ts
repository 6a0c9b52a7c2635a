/**
 * Waiting for asynchronous effects in the extension host (sessions connect, events arrive, tabs
 * appear) without fixed sleeps: poll until a condition holds or a deadline passes.
 */

/**
 * Calls `probe` every `intervalMs` until it returns something other than undefined/false, and resolves
 * with that value. Rejects with `what` and the last value seen when `timeoutMs` passes first.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
