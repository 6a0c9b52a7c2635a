/**
 * What VS Code's extension host does to `http.request` and `https.request` (@vscode/proxy-agent createHttpPatch,
 * `http.proxySupport: "override"`, the resolver saying DIRECT), reduced to the part that matters to us: the
 * request's agent is replaced by the module's global agent (issue 12, follow-up I). The real patch spares the host
 * names `localhost` and `127.0.0.1`; this one spares nothing, so the unit tier's servers on 127.0.0.1 are "remote".
 * Installed on the real module objects for one test, so ws (unbundled in the unit tier) sees it too.
 */
import http from 'node:http';
import https from 'node:https';

type AnyRequest = (...args: unknown[]) => http.ClientRequest;

function swapping(original: AnyRequest, globalAgent: http.Agent, swaps: string[]): AnyRequest {
  return (...args) => {
    const at = args.findIndex((arg) => typeof arg === 'object' && arg !== null && !(arg instanceof URL));
    const url = args[0] instanceof URL ? args[0] : undefined;
    const options = (at >= 0 ? args[at] : {}) as http.RequestOptions;
    // The real patch's one exception: requests to a local socket.
    if (options.socketPath) return original(...args);
    swaps.push(url?.host ?? `${options.host}:${options.port}`);
    const swapped = { ...options, agent: globalAgent };
    if (at >= 0) args[at] = swapped;
    else args.splice(url ? 1 : 0, 0, swapped);
    return original(...args);
  };
}

/** Installs the patch; returns the `host:port` of each request whose agent it replaced, and the undo. */
export function installAgentSwappingPatch(): { swaps: string[]; restore(): void } {
  const swaps: string[] = [];
  const modules = [
    [http, http.request, http.globalAgent],
    [https, https.request, https.globalAgent],
  ] as const;
  for (const [module, request, globalAgent] of modules)
    (module as { request: unknown }).request = swapping(request as AnyRequest, globalAgent, swaps);
  return {
    swaps,
    restore: () => {
      for (const [module, request] of modules) (module as { request: unknown }).request = request;
    },
  };
}
