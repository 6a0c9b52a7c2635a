/**
 * A profile's reconnect policy (issue 12): off, or backoff from `initialDelayMs` doubling up to `maxDelayMs`
 * with full jitter, the run of failures forgotten once a connection stayed up `resetAfterMs`, optionally giving
 * up after `maxAttempts` attempts in a row. Written in a profile as `"reconnect": "off"` or as an object; read
 * and checked here, in one place, for the profile validator and the host. Pure.
 */
import type { ConnectionKind } from '../connection/connectionKinds';

/** How a session reconnects after its connection was lost (absent: it does not). */
export interface ReconnectPolicy {
  /** The ceiling of the first wait: waits are random in [0, ceiling] (full jitter). */
  initialDelayMs: number;
  /** The ceiling doubles per failed attempt up to this. */
  maxDelayMs: number;
  /** A connection that stayed open this long resets the backoff and the attempt counter. */
  resetAfterMs: number;
  /** Attempts in a row before giving up (absent: never give up). */
  maxAttempts?: number;
}

/** The policy of `"reconnect": {}` (or `{ "enabled": true }`): 1 s doubling to 30 s, reset after 60 s open. */
export const DEFAULT_RECONNECT_POLICY: Readonly<ReconnectPolicy> = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
};

/** The fields of a reconnect object in a profile. */
export const RECONNECT_FIELDS = ['enabled', 'initialDelayMs', 'maxDelayMs', 'resetAfterMs', 'maxAttempts'] as const;

/** Bounds of each number (ms, or attempts): below the least a server is hammered; 2^31 ms overflows Node's timers. */
export const RECONNECT_BOUNDS = {
  initialDelayMs: { min: 100, max: 3_600_000 },
  maxDelayMs: { min: 100, max: 3_600_000 },
  resetAfterMs: { min: 1_000, max: 86_400_000 },
  maxAttempts: { min: 1, max: 1_000_000 },
} as const;

/**
 * The kinds this policy applies to. Server-Sent Events reconnect by themselves (the server's `retry` with a
 * 1 s floor, `connection.reconnect`) and the polling kinds retry by themselves (`connection.retry`): wrapping
 * them as well would reconnect twice.
 */
export const RECONNECTING_KINDS: readonly ConnectionKind[] = ['websocket', 'socketio', 'engineio'];

/** One problem with a reconnect setting: the field (absent: the setting itself) and plain words. */
export interface ReconnectIssue {
  field?: (typeof RECONNECT_FIELDS)[number] | string;
  message: string;
  severity: 'error' | 'warning';
}

/** The policy a setting asks for (undefined: off) and its issues; with an error the policy is undefined. */
export interface ReconnectReading {
  policy?: ReconnectPolicy;
  issues: ReconnectIssue[];
}

/** Reads a profile's `reconnect`: absent, `"off"` and `{ "enabled": false }` are off; an object is on. */
export function readReconnectSetting(value: unknown): ReconnectReading {
  if (value === undefined || value === 'off') return { issues: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      issues: [error(undefined, 'Reconnect must be "off" or an object { "initialDelayMs", "maxDelayMs", … }.')],
    };
  const o = value as Record<string, unknown>;
  const issues: ReconnectIssue[] = [];
  for (const key of Object.keys(o))
    if (!(RECONNECT_FIELDS as readonly string[]).includes(key))
      issues.push({ field: key, message: `"${key}" is not a field of reconnect; it is ignored.`, severity: 'warning' });
  if (o.enabled !== undefined && typeof o.enabled !== 'boolean')
    issues.push(error('enabled', '"enabled" must be true or false.'));
  const policy: ReconnectPolicy = {
    initialDelayMs: whole(o, 'initialDelayMs', DEFAULT_RECONNECT_POLICY.initialDelayMs, issues),
    maxDelayMs: whole(o, 'maxDelayMs', DEFAULT_RECONNECT_POLICY.maxDelayMs, issues),
    resetAfterMs: whole(o, 'resetAfterMs', DEFAULT_RECONNECT_POLICY.resetAfterMs, issues),
  };
  if (o.maxAttempts !== undefined) policy.maxAttempts = whole(o, 'maxAttempts', 1, issues);
  if (policy.maxDelayMs < policy.initialDelayMs)
    issues.push(error('maxDelayMs', '"maxDelayMs" must be at least "initialDelayMs".'));
  if (issues.some((issue) => issue.severity === 'error') || o.enabled === false) return { issues };
  return { policy, issues };
}

/** One line for a `connecting` row and the header's tooltip: "backoff 1 s → 30 s, reset after 60 s open". */
export function describePolicy(policy: ReconnectPolicy): string {
  const attempts = policy.maxAttempts === undefined ? '' : `, at most ${policy.maxAttempts} attempts in a row`;
  return (
    `backoff ${seconds(policy.initialDelayMs)} doubling to ${seconds(policy.maxDelayMs)} with full jitter, ` +
    `reset after ${seconds(policy.resetAfterMs)} open${attempts}`
  );
}

/** ms as seconds for people: "1 s", "2.5 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function whole(
  o: Record<string, unknown>,
  field: keyof typeof RECONNECT_BOUNDS,
  fallback: number,
  issues: ReconnectIssue[],
): number {
  const value = o[field];
  if (value === undefined) return fallback;
  const { min, max } = RECONNECT_BOUNDS[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.push(error(field, `"${field}" must be a whole number from ${min} to ${max}.`));
    return fallback;
  }
  return value;
}

function error(field: string | undefined, message: string): ReconnectIssue {
  return field === undefined ? { message, severity: 'error' } : { field, message, severity: 'error' };
}
