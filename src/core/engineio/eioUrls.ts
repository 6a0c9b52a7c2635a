/** Engine.IO request URLs: path, the `EIO`/`transport`/`sid` query, a cache-buster, and the user's query. */
import type { Header } from '../events/logEvent';

let counter = 0;

/** A short unique cache-buster (`t`), like engine.io-client's. */
export function cacheBuster(now: number): string {
  counter = (counter + 1) % 1296;
  return now.toString(36) + counter.toString(36);
}

export function engineIoUrl(
  endpoint: URL,
  opts: { version: 3 | 4; transport: 'polling' | 'websocket'; sid?: string; query: Header[]; now: number },
): URL {
  const url = new URL(endpoint.href);
  if (opts.transport === 'websocket') url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [name, value] of opts.query) url.searchParams.append(name, value);
  url.searchParams.set('EIO', String(opts.version));
  url.searchParams.set('transport', opts.transport);
  if (opts.sid) url.searchParams.set('sid', opts.sid);
  if (opts.transport === 'polling') {
    url.searchParams.set('t', cacheBuster(opts.now));
    // v3 answers binary payloads in its own binary framing unless asked for base64 text.
    if (opts.version === 3) url.searchParams.set('b64', '1');
  }
  return url;
}
