/**
 * Redirects of a WebSocket handshake (issue 12). `ws` can follow them itself, but then no hop has a row of its
 * own and a `redirect` listener turns its credential stripping off (protocols.md); so each hop is a new
 * handshake of ours: the 3xx answer's row (the handshake logged it), a `redirect` row, and a fresh request to the
 * next URL — https:// and http:// Locations mapped to wss:// and ws:// — without the credentials when the origin
 * changes (redirects/redirectPolicy.ts decides). One absolute handshake deadline covers the whole chain.
 */
import type { ResolvedWebSocketOptions } from '../connection/connectionOptions';
import type { Header } from '../events/logEvent';
import {
  decideHop,
  isRedirectStatus,
  startChain,
  type HopRequest,
  type RedirectChain,
} from '../redirects/redirectPolicy';
import { REDIRECT_EVENT, redirectRowMeta } from '../redirects/redirectRow';
import type { Handshake } from './handshake';
import type { WsSessionContext } from './sessionContext';

/** Where one handshake goes, and with what. */
export interface WsHop {
  /** The URL as `ws` is given it (the first: the options' URL exactly as typed). */
  address: string;
  url: URL;
  headers: Header[];
  subprotocols: string[];
}

/** The hops of one session's handshake. */
export class HandshakeRedirects {
  private hop: HopRequest;
  private chain: RedirectChain;

  constructor(
    private readonly options: ResolvedWebSocketOptions,
    private readonly context: WsSessionContext,
    private readonly handshake: Handshake,
    /** Drops the current handshake and starts one to `hop`. */
    private readonly reconnect: (hop: WsHop) => void,
  ) {
    const url = new URL(options.url);
    this.hop = { url, method: 'GET', headers: options.headers, subprotocols: options.subprotocols };
    this.chain = startChain(url);
  }

  /** The URL of the current handshake: the options' URL, or where the redirects followed so far lead. */
  get currentUrl(): URL {
    return this.hop.url;
  }

  /** The first handshake: the options as given. */
  first(): WsHop {
    const { url, headers, subprotocols } = this.options;
    return { address: url, url: this.hop.url, headers, subprotocols };
  }

  /**
   * The handshake's hook for an answer that is not a 101 (its row already logged): true when this took it over
   * (the next hop is on its way, or the chain failed with an error row); false when it is not a redirect to follow.
   */
  follow(status: number, headers: Header[]): boolean {
    const { options } = this;
    if (!options.followRedirects || !isRedirectStatus(status)) return false;
    const answer = { status, headers, maxRedirects: options.maxRedirects, scheme: 'websocket' as const };
    const decision = decideHop(this.chain, this.hop, answer);
    if (!decision.ok) {
      this.handshake.fail(decision.error);
      this.handshake.abort();
      return true;
    }
    const from = this.hop.url;
    this.chain = decision.chain;
    this.hop = decision.next;
    this.context.append('local', 'http', REDIRECT_EVENT, redirectRowMeta(status, from, decision, options.maxRedirects));
    const { url, headers: nextHeaders, subprotocols = [] } = decision.next;
    this.reconnect({ address: url.href, url, headers: nextHeaders, subprotocols });
    return true;
  }
}
