/**
 * The cookies an Engine.IO server sets (sticky-session cookies such as `io` or a load balancer's),
 * sent back on every later polling request and on the WebSocket upgrade alike. Only name=value is
 * kept; the session talks to one origin, so domain/path scoping does not arise.
 */
import type { Header } from '../events/logEvent';

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Forgets every cookie: a followed redirect left the origin that set them (issue 12). */
  clear(): void {
    this.cookies.clear();
  }

  /** Takes the Set-Cookie headers of a response. */
  store(headers: Header[]): void {
    for (const [name, value] of headers) {
      if (name.toLowerCase() !== 'set-cookie') continue;
      const pair = value.split(';', 1)[0];
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const key = pair.slice(0, eq).trim();
      const val = pair.slice(eq + 1).trim();
      if (/max-age=0\b/i.test(value) || /expires=Thu, 01 Jan 1970/i.test(value)) this.cookies.delete(key);
      else this.cookies.set(key, val);
    }
  }

  /**
   * The request headers with one Cookie header: the user's own cookies first (they win on a name
   * clash), then the ones the server set.
   */
  apply(headers: Header[]): Header[] {
    const userCookie = headers
      .filter(([n]) => n.toLowerCase() === 'cookie')
      .map(([, v]) => v)
      .join('; ');
    const userNames = new Set(
      userCookie
        .split(';')
        .map((p) => p.split('=')[0].trim())
        .filter(Boolean),
    );
    const fromServer = [...this.cookies].filter(([k]) => !userNames.has(k)).map(([k, v]) => `${k}=${v}`);
    const cookie = [userCookie, ...fromServer].filter(Boolean).join('; ');
    const rest = headers.filter(([n]) => n.toLowerCase() !== 'cookie');
    return cookie ? [...rest, ['Cookie', cookie]] : rest;
  }
}
