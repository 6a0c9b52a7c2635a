/**
 * Where the requests of one Engine.IO session go (issue 12): the endpoint, the headers and the user's query, from
 * the options — until the handshake GET is redirected and the profile follows redirects. Then every later
 * request (long-polls, POSTs, the WebSocket upgrade) goes where the handshake ended up, without the credentials
 * when the origin changed (redirects/redirectPolicy.ts decides each hop). Only the handshake is ever redirected:
 * once a sid exists, a 3xx is the error it always was.
 */
import type { ResolvedEngineIoOptions } from '../connection/engineIoOptions';
import type { Header } from '../events/logEvent';
import {
  decideHop,
  isRedirectStatus,
  startChain,
  type HopDecision,
  type RedirectChain,
} from '../redirects/redirectPolicy';

/** Query parameters Engine.IO sets on each request itself: never taken from a Location. */
const ENGINE_PARAMS = new Set(['EIO', 'transport', 'sid', 't', 'b64']);

export class EngineRoute {
  endpoint: URL;
  headers: Header[];
  query: Header[];
  private chain: RedirectChain;
  /** Where a WebSocket-only handshake opened, after the redirects its own WebSocket session followed. */
  private arrived: URL | undefined;

  constructor(private readonly options: ResolvedEngineIoOptions) {
    this.endpoint = options.endpoint;
    this.headers = options.headers;
    this.query = options.query;
    this.chain = startChain(options.endpoint);
  }

  /** Whether a handshake answered `status` is a hop to follow. */
  follows(status: number): boolean {
    return this.options.followRedirects && isRedirectStatus(status);
  }

  /**
   * The handshake GET to `requestUrl` was redirected: decides the hop and, when it is followed, moves the route
   * there (the caller logs the row and sends the handshake again). `crossOrigin` tells the caller to forget the
   * cookies the first origin set.
   */
  follow(requestUrl: URL, status: number, headers: Header[]): HopDecision & { crossOrigin?: boolean } {
    const request = { url: requestUrl, method: 'GET', headers: this.headers };
    const answer = { status, headers, maxRedirects: this.options.maxRedirects, scheme: 'http' as const };
    const decision = decideHop(this.chain, request, answer);
    if (!decision.ok) return decision;
    const next = decision.next.url;
    const crossOrigin = next.origin !== this.endpoint.origin;
    const fromLocation: Header[] = [...next.searchParams].filter(([name]) => !ENGINE_PARAMS.has(name));
    // The same server keeps the user's query; another gets only what its Location carries.
    const kept = crossOrigin ? [] : this.query.filter(([name]) => !fromLocation.some(([n]) => n === name));
    this.query = [...kept, ...fromLocation];
    this.endpoint = new URL(next.origin + next.pathname);
    this.headers = decision.next.headers;
    this.chain = decision.chain;
    return { ...decision, crossOrigin };
  }

  /** A WebSocket-only handshake opened at `url` (its WebSocket session follows that handshake's redirects). */
  arrivedAt(url: URL): void {
    this.arrived = url;
  }

  /**
   * The origin the session talks to when a followed redirect took it away from the one its options name (else
   * undefined): what the layer on top would send only to the first one (Socket.IO's auth) is then left behind.
   */
  get redirectedOrigin(): string | undefined {
    const now = httpOrigin(this.arrived ?? this.endpoint);
    return now === httpOrigin(this.options.endpoint) ? undefined : now;
  }
}

/** The origin of `url` with ws: and wss: read as http: and https: (a WebSocket hop to the same server is no move). */
function httpOrigin(url: URL): string {
  const scheme = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  return `${scheme}//${url.host}`;
}
