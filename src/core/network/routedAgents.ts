/**
 * The agents every request of a session goes through (issue 12): Node's http and https agents (keep-alive
 * pooling, socket limits) whose `createConnection` is asynchronous and opens the socket by
 * routedConnection.ts — direct or through a proxy, TLS verified before the socket is handed over.
 */
import { Agent as HttpAgent, type AgentOptions, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import type { NodeTlsOptions } from '../session/network';
import { defaultPort } from './noProxy';
import type { ProxyDecision } from './proxyChoice';
import { openRoutedConnection } from './routedConnection';
import type { TlsPeerBook } from './tlsPeers';
import { withoutClientCertificate } from './tlsTrust';

/** What an agent needs to open its connections. */
export interface RouteContext {
  tls: NodeTlsOptions;
  /** The route for a target (`https://host:port` for https and wss, `http://host:port` otherwise). */
  decide(target: URL): ProxyDecision;
  tunnelTimeoutMs: number;
  /** The only host (and port) `tls`'s client certificate goes to; others get `tls` without it (tlsTrust.ts). */
  clientCertificateHost?: URL;
  /** Books every verified TLS handshake (tlsPeers.ts). */
  peers?: TlsPeerBook;
}

type ConnectionCallback = (err: Error | null, stream: Duplex) => void;

/** Opens the connection for `options` and reports it to Node's agent through `callback`. */
function connectFor(context: RouteContext, secure: boolean, options: ClientRequestArgs, cb: ConnectionCallback): void {
  const host = String(options.hostname ?? options.host ?? 'localhost').replace(/^\[|\]$/g, '');
  const port = Number(options.port ?? defaultPort(secure ? 'https:' : 'http:'));
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  let decision: ProxyDecision;
  try {
    decision = context.decide(new URL(`${secure ? 'https' : 'http'}://${authority}`));
  } catch (error) {
    queueMicrotask(() => cb(error as Error, undefined as unknown as Duplex));
    return;
  }
  const home = context.clientCertificateHost;
  const tls = !home || isSameServer(home, host, port) ? context.tls : withoutClientCertificate(context.tls);
  const plan = { host, port, secure, tls, decision, tunnelTimeoutMs: context.tunnelTimeoutMs, peers: context.peers };
  openRoutedConnection(plan).then(
    (socket) => cb(null, socket),
    (error: Error) => cb(error, undefined as unknown as Duplex),
  );
}

/** Whether `host`:`port` is the server of `url` (its default port when it names none). */
function isSameServer(url: URL, host: string, port: number): boolean {
  const urlHost = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return urlHost === host.toLowerCase() && Number(url.port || defaultPort(url.protocol)) === port;
}

/** http: and ws: targets. */
export class RoutedHttpAgent extends HttpAgent {
  constructor(
    private readonly context: RouteContext,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): undefined {
    connectFor(this.context, false, options, callback ?? (() => undefined));
    return undefined;
  }
}

/** https: and wss: targets: TLS is set up by routedConnection.ts, with the session's options. */
export class RoutedHttpsAgent extends HttpsAgent {
  constructor(
    private readonly context: RouteContext,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): undefined {
    connectFor(this.context, true, options, callback ?? (() => undefined));
    return undefined;
  }

  /**
   * The pool key: host and port as for http. Node's https key appends every TLS option of the request, but here
   * TLS comes from the network, the same for every request of the agent.
   */
  override getName(options?: RequestOptions): string {
    return HttpAgent.prototype.getName.call(this, options);
  }
}
