/**
 * Where the reconnect jitter draws its values (issue 12): Math.random, except when the environment fixes the draw
 * (`RI_TEST_RECONNECT_DRAW`, a number in [0, 1)). The UI tests set it so the panel's countdown has a known length:
 * with a random draw, a wait of a few seconds now and then would start an attempt while a test still reads the
 * countdown. Anything else in the variable is ignored.
 */
export function reconnectRandom(env: NodeJS.ProcessEnv = process.env): (() => number) | undefined {
  const text = env.RI_TEST_RECONNECT_DRAW;
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value >= 1) return undefined;
  return () => value;
}
