/**
 * When and how soon a polling session asks again after a failure: network errors, 5xx and 429 are worth
 * a retry (the server or the path to it may recover); the delay doubles with each retry in a row, capped,
 * with jitter so that many clients do not come back in step; a server's Retry-After is honoured up to the
 * cap. Randomness is injected. Pure.
 */
import type { PollRetryOptions } from '../connection/pollOptions';
import type { Header } from '../events/logEvent';
import { headerValue } from '../http/headers';

export type RetryPolicy = Required<PollRetryOptions>;

/** 5xx (the server failed) and 429 (it asks us to slow down) are retried; every other non-2xx stops polling. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * The delay before retry number `retry` (1 = the first in a row): `initialDelayMs` doubled per retry, capped
 * at `maxDelayMs`, then "equal jitter" — half of it fixed, half random — so it never drops to zero.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 30);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  return Math.round(base / 2 + (unit * base) / 2);
}

/** The server's Retry-After (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) in ms, or undefined. */
export function retryAfterMs(headers: Header[], nowWallMs: number): number | undefined {
  const value = headerValue(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - nowWallMs) : undefined;
}

/** The delay before a retry: the backoff, or the server's Retry-After when longer, never past the cap. */
export function retryDelayMs(retry: number, policy: RetryPolicy, random: () => number, serverAskedMs?: number): number {
  const backoff = backoffDelayMs(retry, policy, random);
  if (serverAskedMs === undefined) return backoff;
  return Math.min(policy.maxDelayMs, Math.max(backoff, serverAskedMs));
}
