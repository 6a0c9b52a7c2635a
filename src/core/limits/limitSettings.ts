/**
 * From the limit settings to the connection options they fill (issue 12): one mapping, pure, so the host's
 * settings reader stays glue and a unit test can check each setting reaches the option its engine reads. A
 * setting that is absent or not a number gives nothing (the option's own default applies, from the same list).
 */
import { LIMITS, type LimitName } from './limits';

/** The connection options the limit settings give, by option name (`maxPayloadBytes`, `maxLineBytes`…). */
export type LimitOptionDefaults = Partial<Record<string, number>>;

/** The limits that are connection options, in the order of LIMITS. */
export const CONNECTION_LIMITS = (Object.keys(LIMITS) as LimitName[]).filter((name) => LIMITS[name].option);

/**
 * Reads every limit setting through `read` (given the full key, e.g. `realtimeInspector.maxMessageBytes`) and
 * returns the options they set. Never throws.
 */
export function limitOptionsFromSettings(read: (setting: string) => unknown): LimitOptionDefaults {
  const out: LimitOptionDefaults = {};
  for (const name of CONNECTION_LIMITS) {
    const { setting, option } = LIMITS[name];
    const value = read(setting);
    if (option && typeof value === 'number' && Number.isFinite(value)) out[option] = value;
  }
  return out;
}

/** The log budgets the settings give, each its default when absent or not a number. */
export function logBudgetsFromSettings(read: (setting: string) => unknown): {
  memoryBudgetBytes: number;
  diskBudgetBytes: number;
} {
  const budget = (name: 'logMemoryBudgetBytes' | 'logDiskBudgetBytes'): number => {
    const value = read(LIMITS[name].setting);
    return typeof value === 'number' && Number.isFinite(value) ? value : LIMITS[name].default;
  };
  return { memoryBudgetBytes: budget('logMemoryBudgetBytes'), diskBudgetBytes: budget('logDiskBudgetBytes') };
}
