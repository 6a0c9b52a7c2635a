/**
 * Which targets bypass the proxy (issue 12): a NO_PROXY list read as curl reads it, so a list written for
 * curl, git or VS Code means the same here. Pure; never throws.
 *
 * Entries: `*` (everything), a host name that matches itself and its subdomains with or without a leading dot
 * (`example.com` and `.example.com` both match `api.example.com`), an optional `:port` that must match too,
 * IP literals (IPv6 with or without brackets, in any of its spellings) and IPv4 CIDR ranges (`10.0.0.0/8`).
 * A trailing dot (`example.com.`, the fully qualified form) is ignored on either side, as curl does.
 * `localhost` and the loopback addresses are only bypassed when listed: some users proxy them on purpose.
 */
import { isIP } from 'node:net';

/** One parsed NO_PROXY entry. */
interface NoProxyEntry {
  host: string;
  port?: number;
}

/** Entries of a comma (or whitespace) separated NO_PROXY value; blanks dropped, lower-cased. */
export function parseNoProxy(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

/** Whether `target` is listed in `entries` (see the file comment for the forms understood). */
export function bypassesProxy(entries: readonly string[], target: URL): boolean {
  const host = bareHost(target.hostname);
  const port = Number(target.port || defaultPort(target.protocol));
  return entries.some((raw) => {
    if (raw.trim() === '*') return true;
    const entry = parseEntry(raw);
    if (!entry || (entry.port !== undefined && entry.port !== port)) return false;
    return hostMatches(entry.host, host);
  });
}

/** The port a URL of this scheme uses when it names none. */
export function defaultPort(protocol: string): number {
  return protocol === 'https:' || protocol === 'wss:' ? 443 : 80;
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern.includes('/')) return inCidr(pattern, host);
  const entryHost = canonicalHost(pattern);
  if (isIP(entryHost) || isIP(host)) return entryHost === host;
  const suffix = entryHost.replace(/^\*?\./, '');
  // An entry of only dots (".") names no host; it must not match every fully qualified name.
  return suffix !== '' && (host === suffix || host.endsWith(`.${suffix}`));
}

/** `host`, `.host`, `*.host`, `host:port`, `[::1]:port`, `::1`, `10.0.0.0/8`. */
function parseEntry(raw: string): NoProxyEntry | undefined {
  const text = raw.trim().toLowerCase();
  if (text === '') return undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return withPort(bracketed[1]!, bracketed[2]);
  if (isIP(text) === 6) return { host: text };
  const hostPort = /^(.*):(\d+)$/.exec(text);
  return hostPort ? withPort(hostPort[1]!, hostPort[2]) : { host: text };
}

function withPort(host: string, port: string | undefined): NoProxyEntry {
  return port === undefined ? { host } : { host, port: Number(port) };
}

/** URL.hostname keeps the brackets of an IPv6 literal; entries are compared without them. */
function bareHost(hostname: string): string {
  return canonicalHost(hostname.replace(/^\[|\]$/g, ''));
}

/**
 * A host as compared: lower case, without the trailing dot of a fully qualified name, and an IPv6 literal in the
 * one form URL gives it (`0:0:0:0:0:0:0:1` and `::1` are the same address).
 */
function canonicalHost(host: string): string {
  const lower = host.toLowerCase().replace(/\.+$/, '');
  if (isIP(lower) !== 6) return lower;
  try {
    return new URL(`http://[${lower}]/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return lower;
  }
}

/** IPv4 CIDR only (`10.0.0.0/8`); other forms never match. */
function inCidr(pattern: string, host: string): boolean {
  const [base, bitsText] = pattern.split('/');
  const bits = Number(bitsText);
  if (isIP(base ?? '') !== 4 || isIP(host) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4Number(base!) & mask) >>> 0 === (ipv4Number(host) & mask) >>> 0;
}

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}
