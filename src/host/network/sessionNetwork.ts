/**
 * Each session's network (issue 12), made by the launcher before the session and disposed with it: the session's
 * TLS options, and its connections routed through the proxy the settings, the environment or its profile name.
 */
import { validateConnectionOptions } from '../../core/connection/connectionOptions';
import type { ProfileProxy } from '../../core/network/proxyChoice';
import { createSessionNetwork } from '../../core/network/sessionNetwork';
import type { Network } from '../../core/session/network';
import type { Session } from '../../core/session/session';
import { readProxySources } from './proxySettings';

const networks = new WeakMap<Session, Network>();

/** A network for a session with `options`; undefined when the options are invalid (createSession says why). */
export function networkForOptions(options: unknown, profileProxy?: ProfileProxy): Network | undefined {
  const validated = validateConnectionOptions(options);
  if (!validated.ok) return undefined;
  return createSessionNetwork(validated.value, readProxySources(profileProxy));
}

/** Keeps `network` with `session` until releaseNetwork. */
export function bindNetwork(session: Session, network: Network | undefined): void {
  if (network) networks.set(session, network);
}

/** Disposes the session's network (its kept-alive connections), once the session itself is disposed. */
export function releaseNetwork(session: Session): void {
  networks.get(session)?.dispose();
  networks.delete(session);
}
