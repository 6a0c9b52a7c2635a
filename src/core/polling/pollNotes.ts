/** The words of a polling session's own rows: what the `connecting` row says the session will do. Pure. */
import type { ResolvedPollOptions } from '../connection/pollOptions';

/** One line: kind, method and URL, pacing, deadline, cursor rule, retries. */
export function describePolling(options: ResolvedPollOptions): string {
  const pacing =
    options.kind === 'shortpoll'
      ? `every ${options.intervalMs} ms`
      : options.intervalMs > 0
        ? `again ${options.intervalMs} ms after each answer`
        : 'again as soon as each answer arrives';
  const parts = [
    `${options.kind === 'shortpoll' ? 'Short polling' : 'Long-polling'}: ${options.method} ${options.endpoint.href}`,
    pacing,
    `deadline ${options.requestTimeoutMs} ms per request`,
  ];
  const cursor = options.cursor;
  if (cursor) {
    const target =
      cursor.target.in === 'query' ? `query parameter "${cursor.target.name}"` : `body field "${cursor.target.field}"`;
    parts.push(`cursor ${cursor.from} → ${target}`);
  }
  const retry = options.retry;
  parts.push(
    retry.maxRetries === 0 ? 'no retries' : `up to ${retry.maxRetries} retries from ${retry.initialDelayMs} ms`,
  );
  return parts.join('; ');
}
