/**
 * The row of one followed redirect (issue 12): a `redirect` row (local, layer http) between the 3xx answer and the
 * next request, saying the status, from → to, the hop count, a method change and — as a warning on the row — the
 * names of the credentials left behind. URLs go through redactUrl here, and the panel's redactor runs over the
 * row again like over any other; values of what was stripped never appear. Pure.
 */
import type { EventMeta } from '../events/logEvent';
import { redactUrl } from '../redaction/urlRedaction';
import type { FollowedHop } from './redirectPolicy';

/** The event type of a followed hop. */
export const REDIRECT_EVENT = 'redirect';

/** The meta of a hop's row; `responseSeq`: the 3xx answer it follows. */
export function redirectRowMeta(status: number, from: URL, hop: FollowedHop, maxRedirects: number): EventMeta {
  const to = hop.next.url;
  const parts = [`Redirect ${hop.chain.hops} of at most ${maxRedirects}: ${status}`];
  parts.push(`${redactUrl(from.href)} → ${redactUrl(to.href)}`);
  if (hop.methodChangedTo) parts.push(`now ${hop.methodChangedTo} without the body`);
  const meta: EventMeta = { note: parts.join(', '), request: { method: hop.next.method, url: to.href } };
  if (hop.stripped.length) meta.warning = `Another origin (${to.origin}): not sent again: ${hop.stripped.join(', ')}`;
  return meta;
}
