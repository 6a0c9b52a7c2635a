/**
 * Each session's network (issue 12), made by the launcher before the session and disposed with it: the session's
 * TLS options — or its profile's TLS trust (pins, client certificate) — and its connections routed through the
 * proxy the settings, the environment or its profile name.
 */
import { validateConnectionOptions } from '../../core/connection/connectionOptions';
import { chooseProxy, type ProfileProxy } from '../../core/network/proxyChoice';
import { createSessionNetwork, tunnelTimeoutFor } from '../../core/network/sessionNetwork';
import { createRoutedNetwork, type Network, type NodeTlsOptions } from '../../core/session/network';
import type { Session } from '../../core/session/session';
import { readProxySources } from './proxySettings';

const networks = new WeakMap<Session, Network>();

/** What a session's profile adds to its network. */
export interface ProfileNetworkChoices {
  /** The profile's own proxy (or none). */
  proxy?: ProfileProxy;
  /** The profile's TLS trust (profileTlsTrust.ts): it replaces the options' TLS for every connection. */
  tls?: NodeTlsOptions;
}

/** A network for a session with `options`; undefined when the options are invalid (createSession says why). */
export function networkForOptions(options: unknown, profile: ProfileNetworkChoices = {}): Network | undefined {
  const validated = validateConnectionOptions(options);
  if (!validated.ok) return undefined;
  const sources = readProxySources(profile.proxy);
  if (!profile.tls) return createSessionNetwork(validated.value, sources);
  return createRoutedNetwork({
    tls: profile.tls,
    route: (target) => chooseProxy(sources, target),
    tunnelTimeoutMs: tunnelTimeoutFor(validated.value),
    // The profile's client certificate goes to its own server only, never to where a redirect leads.
    clientCertificateHost: new URL(validated.value.url),
  });
}

/** Keeps `network` with `session` until releaseNetwork. */
export function bindNetwork(session: Session, network: Network | undefined): void {
  if (network) networks.set(session, network);
}

/** The network a session connects through (its route, for the certificate probe), while it is bound. */
export function networkOf(session: Session): Network | undefined {
  return networks.get(session);
}

/** Disposes the session's network (its kept-alive connections), once the session itself is disposed. */
export function releaseNetwork(session: Session): void {
  networks.get(session)?.dispose();
  networks.delete(session);
}
