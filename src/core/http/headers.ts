/** Headers as they go over the wire: ordered [name, value] pairs, duplicates kept. */
import type { Header } from '../events/logEvent';

/** Node's `rawHeaders` (name, value, name, value…) as pairs. */
export function rawHeaderPairs(raw: string[]): Header[] {
  const pairs: Header[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  return pairs;
}

/** The first value of a header, by case-insensitive name. */
export function headerValue(headers: Header[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === wanted)?.[1];
}

/**
 * Headers for Node's http (and ws, which passes them on): an object whose duplicate names become
 * arrays, so each still goes out as its own line, in order.
 */
export function headerObject(headers: Header[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const canonical = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = canonical.get(name.toLowerCase()) ?? name;
    canonical.set(name.toLowerCase(), key);
    const existing = out[key];
    out[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  return out;
}
