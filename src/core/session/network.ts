/**
 * Network access, injected (issue #8): engines ask here for the agents their HTTP requests and WebSocket
 * handshakes go through, instead of creating sockets themselves, so a proxy (CONNECT tunnels, issue 12), pinned
 * certificates or a test's own agent plug in without touching an engine. Every connection is opened by the
 * routed agents of core/network: directly or through a proxy, TLS verified (and `verifyPeer` run) before a byte
 * of the request is written. Keep-alive agents for long-polling, a fresh connection per WebSocket.
 */
import type { Agent as HttpAgent } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { caWithDefaultRoots, type TlsOptions } from '../connection/commonOptions';
import type { Disposable } from '../disposable';
import type { ProxyDecision } from '../network/proxyChoice';
import { RoutedHttpAgent, RoutedHttpsAgent, type RouteContext } from '../network/routedAgents';
import { TlsPeerBook, type VerifiedTlsPeer } from '../network/tlsPeers';

/**
 * TLS settings as Node's `tls.connect` takes them (the CA is added to the system roots). Client certificates
 * (`cert`, `key`, `pfx`, `passphrase`) and any other Node TLS option pass through to `tls.connect` as given.
 */
export interface NodeTlsOptions {
  rejectUnauthorized: boolean;
  ca?: string[];
  servername?: string;
  cert?: string | Buffer | Array<string | Buffer>;
  key?: string | Buffer | Array<string | Buffer>;
  pfx?: string | Buffer | Array<string | Buffer>;
  passphrase?: string;
  /**
   * Runs once the TLS handshake (and Node's own verification) succeeded, before the socket is used: a reason
   * in words refuses the peer (the connection is closed, the request fails with it), undefined accepts it.
   */
  verifyPeer?: (socket: TLSSocket) => string | undefined;
}

export interface Network extends Disposable {
  /**
   * The agent for long-polling requests to `url`: keep-alive, so polls reuse their connections, and at
   * most two sockets — the one GET and the one POST Engine.IO keeps in flight.
   */
  pollingAgent(url: URL): HttpAgent;
  /**
   * The agent for a WebSocket handshake to `url`. Always an agent: it alone holds the TLS settings (ws is given
   * none), and a request without one would go through Node's or VS Code's default agent (unpatchedRequest.ts).
   */
  webSocketAgent(url: URL): HttpAgent;
  /** TLS options for `https:` and `wss:` connections (the agents connect with them). */
  readonly tls: NodeTlsOptions;
  /** How connections to `url` are routed (issue 12): direct, through which proxy, or a setting in error. */
  route?(url: URL): ProxyDecision;
  /**
   * The servers a TLS handshake succeeded with so far, and the certificate each presented (issue 12: a pin for one
   * server of a redirect chain must not lock the others out).
   */
  verifiedTlsPeers?(): VerifiedTlsPeer[];
}

/** Most sockets a polling agent opens: one GET and one POST in flight (the Engine.IO protocol). */
export const POLLING_SOCKETS = 2;

/** How long a proxy may take to answer CONNECT when the network is not told (half the default handshake). */
export const DEFAULT_TUNNEL_TIMEOUT_MS = 5_000;

/** The session's TLS options as Node takes them. */
export function nodeTlsOptions(tls: TlsOptions): NodeTlsOptions {
  const nodeTls: NodeTlsOptions = { rejectUnauthorized: tls.rejectUnauthorized !== false };
  const ca = caWithDefaultRoots(tls.ca);
  if (ca) nodeTls.ca = ca;
  if (tls.servername) nodeTls.servername = tls.servername;
  return nodeTls;
}

/** Connects directly (no proxy), with the session's TLS options. */
export function createDirectNetwork(tls: TlsOptions): Network {
  return createRoutedNetwork({ tls: nodeTlsOptions(tls) });
}

/** What a routed network is made of. */
export interface RoutedNetworkOptions {
  tls: NodeTlsOptions;
  /** The route per target (default: always direct). */
  route?: (target: URL) => ProxyDecision;
  /** How long a proxy may take to answer CONNECT (default DEFAULT_TUNNEL_TIMEOUT_MS). */
  tunnelTimeoutMs?: number;
  /**
   * The session's own server (its URL: host and port): the only one a client certificate in `tls` is presented
   * to. A redirect to another origin leaves it behind, as it leaves Authorization (issue 12). Absent: every host.
   */
  clientCertificateHost?: URL;
}

/** A network whose connections go the way `route` says, with these TLS options. */
export function createRoutedNetwork(options: RoutedNetworkOptions): Network {
  const route = options.route ?? ((): ProxyDecision => ({ kind: 'direct' }));
  const peers = new TlsPeerBook();
  const context: RouteContext = {
    tls: options.tls,
    decide: route,
    tunnelTimeoutMs: options.tunnelTimeoutMs ?? DEFAULT_TUNNEL_TIMEOUT_MS,
    peers,
  };
  if (options.clientCertificateHost) context.clientCertificateHost = options.clientCertificateHost;
  const agents: HttpAgent[] = [];
  const made = <T extends HttpAgent>(agent: T): T => (agents.push(agent), agent);
  let pollingHttp: HttpAgent | undefined;
  let pollingHttps: HttpAgent | undefined;
  let wsHttp: HttpAgent | undefined;
  let wsHttps: HttpAgent | undefined;
  const polling = { keepAlive: true, maxSockets: POLLING_SOCKETS };
  return {
    tls: options.tls,
    route,
    verifiedTlsPeers: () => peers.list(),
    pollingAgent: (url) =>
      isSecure(url)
        ? (pollingHttps ??= made(new RoutedHttpsAgent(context, polling)))
        : (pollingHttp ??= made(new RoutedHttpAgent(context, polling))),
    // No keep-alive: a WebSocket keeps its connection for itself.
    webSocketAgent: (url) =>
      isSecure(url)
        ? (wsHttps ??= made(new RoutedHttpsAgent(context, { keepAlive: false })))
        : (wsHttp ??= made(new RoutedHttpAgent(context, { keepAlive: false }))),
    dispose: () => {
      for (const agent of agents.splice(0)) agent.destroy();
    },
  };
}

function isSecure(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'wss:';
}
