/**
 * HAR timings from what the log recorded: DNS, connect and TLS when a new connection was timed (generic
 * polling), the time to the first byte, the whole exchange. What was not recorded is -1 (blocked, dns, connect,
 * ssl) or folded into `wait` (send, receive are required and never negative). `time` is their sum as Chrome
 * computes it: ssl is part of connect and not counted twice.
 */
import type { HarTimings } from './harTypes';

export interface RecordedTimes {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  /** Request sent → first response byte (status line and headers). */
  firstByteMs?: number;
  /** Request sent → response complete. */
  totalMs?: number;
}

/** The timings of an entry and its `time`. */
export function harTimings(times: RecordedTimes): { timings: HarTimings; time: number } {
  const total = nonNegative(times.totalMs) ?? 0;
  const wait = Math.min(nonNegative(times.firstByteMs) ?? total, total);
  const tls = nonNegative(times.tlsMs);
  const connect = nonNegative(times.connectMs);
  const timings: HarTimings = {
    blocked: -1,
    dns: nonNegative(times.dnsMs) ?? -1,
    // HAR: connect includes the TLS handshake.
    connect: connect === undefined ? -1 : connect + (tls ?? 0),
    ssl: tls ?? -1,
    send: 0,
    wait: round(wait),
    receive: round(total - wait),
  };
  const time = [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive]
    .map((t) => Math.max(t ?? 0, 0))
    .reduce((sum, t) => sum + t, 0);
  return { timings, time: round(time) };
}

/** ISO time of an epoch ms (the epoch itself for one that is not a time). */
export function isoTime(ms: number): string {
  const date = new Date(Number.isFinite(ms) ? ms : 0);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

function nonNegative(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Microsecond precision: enough for a timing, and stable output. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
