/**
 * How a session's connections are routed, in the words its header and log show (issue 12): `via` (the proxy,
 * its password masked) and the `local` row at connect: "Connecting through proxy http://127.0.0.1:3128 (from
 * http.proxy)", "Connecting directly: listed in NO_PROXY", or the proxy setting that cannot be used.
 */
import type { Clock } from '../clock';
import type { EventLog } from '../events/eventLog';
import { EventWriter } from '../events/eventWriter';
import { MASK } from '../redaction/secretMask';
import type { Network } from '../session/network';
import { sourceLabel, type ProxyDecision } from './proxyChoice';

/** Longest proxy user name shown (it is the user's own setting, but a header has no room for a paragraph). */
const MAX_SHOWN_USER_CHARS = 40;

/**
 * `http://user:••••@proxy:3128`: the proxy as shown, never with its password. A user name without a password is
 * the credential itself (a token as the user name, as some proxies take it), so it is masked too.
 */
export function shownProxy(proxy: URL): string {
  const name = proxy.username;
  const shownName = name.length > MAX_SHOWN_USER_CHARS ? `${name.slice(0, MAX_SHOWN_USER_CHARS)}…` : name;
  const user = name === '' ? '' : proxy.password === '' ? `${MASK}@` : `${shownName}:${MASK}@`;
  return `${proxy.protocol}//${user}${proxy.host}`;
}

/** The route of a session to `url`, when its network can tell (undefined: it cannot, or `url` is not a URL). */
export function sessionRoute(network: Pick<Network, 'route'> | undefined, url: string): ProxyDecision | undefined {
  if (!network?.route) return undefined;
  try {
    return network.route(new URL(url));
  } catch {
    return undefined;
  }
}

/** The header fact: `{ via }` for a session through a proxy, `{}` otherwise (no undefined key). */
export function viaFact(network: Pick<Network, 'route'> | undefined, url: string): { via?: string } {
  const decision = sessionRoute(network, url);
  return decision?.kind === 'proxy' ? { via: shownProxy(decision.route.proxy) } : {};
}

/** The row's words for a route, or undefined when there is nothing to say (direct, no proxy configured). */
export function routeNote(decision: ProxyDecision): string | undefined {
  if (decision.kind === 'proxy') {
    const { proxy, source } = decision.route;
    return `Connecting through proxy ${shownProxy(proxy)} (from ${sourceLabel(source)}), with CONNECT tunnels`;
  }
  if (decision.kind === 'invalid') return `The proxy setting cannot be used: ${decision.message}`;
  return decision.why ? `Connecting directly, without a proxy: ${decision.why}` : undefined;
}

/** Appends the `local` route row to a new session's log when there is something to say. */
export function appendRouteRow(
  log: EventLog,
  clock: Clock,
  network: Pick<Network, 'route'> | undefined,
  url: string,
): void {
  const decision = sessionRoute(network, url);
  const note = decision && routeNote(decision);
  if (note) new EventWriter(log, clock).append('local', 'tcp', 'route', { note });
}
