/**
 * Every HTTP request of a session — a poll, an SSE stream, an Engine.IO poll, and ws's WebSocket handshake — is
 * made here, with `new ClientRequest` and the agent the session's Network gave (issue 12, follow-up I).
 *
 * Why not `http.request` / `https.request`: in VS Code's extension host they are replaced (@vscode/proxy-agent,
 * createHttpPatch). With `http.proxySupport` "override" (the default) the patch swaps the request's agent for its
 * own PacProxyAgent for every host but the literal strings `localhost` and `127.0.0.1`, and when VS Code's resolver
 * says DIRECT that agent connects through `https.globalAgent`. Our proxy choice, error rows and connect timing
 * would be skipped, and so would `verifyPeer`: a pinned profile (`rejectUnauthorized: false`) would accept any
 * certificate. `ClientRequest`, the constructor both functions end in, is not patched; given an agent it does what
 * they do (the agent's protocol is the one expected, its defaultPort decides whether Host names the port).
 *
 * The patch's own way out (it leaves requests with a `socketPath` alone) is not used: ws overwrites `socketPath`
 * in its options, and a request with `new ClientRequest` needs no marker. ws calls `https.request` on its own
 * module object; the bundle gives ws `unpatchedHttp`/`unpatchedHttps` below instead (scripts/wsUnpatchedHttp.mjs),
 * and the handshake checks the agent was kept in any case (`agentWasKept`).
 *
 * VS Code also patches `net.connect` and `tls.connect` (with `http.experimental.systemCertificatesV2`): the first
 * connection waits until the OS certificates are loaded (counted in its connect time), and `tls.connect` without
 * `ca` adds the OS CAs to the roots. Neither turns verification off nor skips `verifyPeer`, which runs on the
 * socket after the handshake whatever the roots were.
 */
import { Agent, ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { urlToHttpOptions } from 'node:url';
import { ErrorCode } from '../errors';
import { NetworkFailure } from './proxyErrors';

/** What a request needs besides its URL: method, headers, … and the agent, always. */
export type AgentRequestOptions = Omit<RequestOptions, 'agent'> & { agent: Agent };

/** The error of a request whose connection would not have come from the session's network. */
export function agentMissing(what: string): NetworkFailure {
  return new NetworkFailure({
    code: ErrorCode.NetworkError,
    message:
      `The request was not sent: ${what}, so its connection would not have gone through this session's ` +
      'network (proxy, TLS checks, pinned certificates).',
  });
}

/** Throws unless `agent` is an http(s) Agent (a missing agent would mean Node's or VS Code's default one). */
function requireAgent(agent: unknown): asserts agent is Agent {
  if (!(agent instanceof Agent)) throw agentMissing('no agent was given');
}

/** `url` requested through `options.agent` and nothing else; `https:` URLs need an https agent. */
export function requestThroughAgent(url: URL, options: AgentRequestOptions): ClientRequest {
  requireAgent(options.agent);
  // What http.request(url, options) does (https.request too, but for its globalAgent, unused with an agent).
  return new ClientRequest({ ...urlToHttpOptions(url), ...options });
}

/** False (and the request destroyed with the reason) when something replaced the agent `req` was given. */
export function agentWasKept(req: ClientRequest, agent: Agent): boolean {
  // Node sets `agent` on every ClientRequest; its types do not declare it.
  if ((req as ClientRequest & { agent?: unknown }).agent === agent) return true;
  req.destroy(agentMissing("its agent was replaced (by VS Code's proxy support, or another extension)"));
  return false;
}

type ResponseListener = (res: IncomingMessage) => void;

/** `request(options)` as ws calls it, for `scheme`: through the agent in the options, never without one. */
function requestFor(
  scheme: 'http:' | 'https:',
): (options: RequestOptions, listener?: ResponseListener) => ClientRequest {
  return (options, listener) => {
    requireAgent(options.agent);
    // ws leaves `protocol` unset (http.request and https.request would take their globalAgent's).
    return new ClientRequest({ ...options, protocol: scheme }, listener);
  };
}

/** Stands in for `require('http')` inside ws's websocket.js (it calls only `request`). */
export const unpatchedHttp = { request: requestFor('http:') };

/** Stands in for `require('https')` inside ws's websocket.js. */
export const unpatchedHttps = { request: requestFor('https:') };
