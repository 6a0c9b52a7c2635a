/**
 * Network access, injected (issue #8): engines ask here for the agents their HTTP requests and WebSocket
 * handshakes go through, instead of creating sockets themselves, so a proxy (CONNECT tunnels), pinned
 * certificates or a test's own agent plug in without touching an engine. The direct network is the
 * default: keep-alive agents for long-polling, a fresh connection per WebSocket.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { caWithDefaultRoots, type TlsOptions } from '../connection/commonOptions';
import type { Disposable } from '../disposable';

/** TLS settings as Node's `tls.connect` takes them (the CA is added to the system roots). */
export interface NodeTlsOptions {
  rejectUnauthorized: boolean;
  ca?: string[];
  servername?: string;
}

export interface Network extends Disposable {
  /**
   * The agent for long-polling requests to `url`: keep-alive, so polls reuse their connections, and at
   * most two sockets — the one GET and the one POST Engine.IO keeps in flight.
   */
  pollingAgent(url: URL): HttpAgent;
  /** The agent for a WebSocket handshake to `url`; undefined means a fresh connection of its own. */
  webSocketAgent(url: URL): HttpAgent | undefined;
  /** TLS options for `https:` and `wss:` connections. */
  readonly tls: NodeTlsOptions;
}

/** Most sockets a polling agent opens: one GET and one POST in flight (the Engine.IO protocol). */
export const POLLING_SOCKETS = 2;

/** Connects directly (no proxy), with the session's TLS options. */
export function createDirectNetwork(tls: TlsOptions): Network {
  const nodeTls: NodeTlsOptions = { rejectUnauthorized: tls.rejectUnauthorized !== false };
  const ca = caWithDefaultRoots(tls.ca);
  if (ca) nodeTls.ca = ca;
  if (tls.servername) nodeTls.servername = tls.servername;
  let http: HttpAgent | undefined;
  let https: HttpsAgent | undefined;
  return {
    tls: nodeTls,
    pollingAgent: (url) => {
      if (url.protocol === 'https:' || url.protocol === 'wss:')
        return (https ??= new HttpsAgent({ keepAlive: true, maxSockets: POLLING_SOCKETS, ...nodeTls }));
      return (http ??= new HttpAgent({ keepAlive: true, maxSockets: POLLING_SOCKETS }));
    },
    webSocketAgent: () => undefined,
    dispose: () => {
      http?.destroy();
      https?.destroy();
    },
  };
}
