/**
 * Details-pane facts and headlines of Server-Sent Events rows (EventMeta.sse) and generic polling rows
 * (EventMeta.poll), issue 11. Pure.
 */
import type { LogEvent, PollMeta, SseMeta } from '../events/logEvent';
import { formatWait, itemCount } from './streamPreview';

type Facts = Array<[string, string]>;

/** The headline of an SSE or polling row in the details pane; undefined for other rows. */
export function streamSummaryOf(event: LogEvent): string | undefined {
  const meta = event.meta ?? {};
  if (event.layer === 'sse' && event.type === 'sse-event') {
    const name = meta.sse?.event ?? 'message';
    const id = meta.sse?.id !== undefined ? `, id "${meta.sse.id}"` : '';
    return `Event "${name}"${id}, ${bytesText(event.size)} of data`;
  }
  if (event.layer === 'sse' && event.type === 'sse-comment') return `Comment, ${bytesText(event.size)}`;
  if (event.layer === 'poll' && event.type === 'poll-response') {
    const count = meta.poll?.empty ? 'an empty answer' : itemCount(event.payload);
    return [meta.note, count].filter(Boolean).join('; ') || undefined;
  }
  return undefined;
}

/** The SSE facts of a row, in display order. */
export function pushSseFacts(facts: Facts, sse: SseMeta, type: string): void {
  if (type === 'sse-event') facts.push(['Event type', sse.event ?? 'message (no event field)']);
  if (sse.id !== undefined)
    facts.push(['Event id', sse.id === '' ? '(empty: reconnects send no Last-Event-ID)' : sse.id]);
  if (sse.retryMs !== undefined) facts.push(['Retry', `${sse.retryMs} ms`]);
  if (sse.attempt !== undefined) facts.push(['Attempt', String(sse.attempt)]);
  if (sse.delayMs !== undefined) facts.push(['Reconnect in', formatWait(sse.delayMs)]);
  // Comments, retries and ignored lines are measured by their line; events and ids by their block.
  const measured = type === 'sse-event' || type === 'sse-id' ? 'Block' : 'Line';
  if (sse.bytes !== undefined) facts.push([`${measured} bytes`, bytesText(sse.bytes)]);
  if (sse.chunks !== undefined)
    facts.push(['Arrived in', sse.chunks === 1 ? 'one network read' : `${sse.chunks} network reads`]);
}

/** The polling facts of a row, in display order (`Held` comes from the row's duration). */
export function pushPollFacts(facts: Facts, poll: PollMeta): void {
  if (poll.gapMs !== undefined) facts.push(['Gap', `${ms(poll.gapMs)} since the previous answer`]);
  if (poll.empty !== undefined) facts.push(['Empty answer', poll.empty ? 'yes' : 'no']);
  if (poll.cursor?.before !== undefined) facts.push(['Cursor sent', poll.cursor.before]);
  if (poll.cursor?.after !== undefined) facts.push(['Cursor after', poll.cursor.after]);
  if (poll.attempt !== undefined) facts.push(['Retry', String(poll.attempt)]);
  if (poll.retryInMs !== undefined) facts.push(['Retry in', formatWait(poll.retryInMs)]);
  if (poll.requestBytes !== undefined) facts.push(['Request bytes', `${bytesText(poll.requestBytes)} (approx.)`]);
  if (poll.responseBytes !== undefined) facts.push(['Response bytes', `${bytesText(poll.responseBytes)} (approx.)`]);
  if (poll.firstByteMs !== undefined) facts.push(['First byte', ms(poll.firstByteMs)]);
  if (poll.dnsMs !== undefined) facts.push(['DNS', ms(poll.dnsMs)]);
  if (poll.connectMs !== undefined) facts.push(['TCP connect', ms(poll.connectMs)]);
  if (poll.tlsMs !== undefined) facts.push(['TLS', ms(poll.tlsMs)]);
  if (poll.reusedConnection !== undefined)
    facts.push(['Connection', poll.reusedConnection ? 'reused (keep-alive)' : 'new']);
}

function ms(value: number): string {
  return `${Math.round(value * 10) / 10} ms`;
}

function bytesText(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB (${n} B)`;
}
