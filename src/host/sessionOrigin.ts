/**
 * Where a session came from: the profile that opened it (the Realtime Inspector view lists sessions under
 * their profile), the secret values its redactor masks and what the profile adds to its network. Reconnect and
 * Retry of a profile's session resolve the profile again (a pin written meanwhile counts); other sessions carry
 * their origin to the new session. Pure (no vscode).
 */
import type { ProfileProxy } from '../core/network/proxyChoice';
import type { ProfileScope } from '../core/profiles/profileModel';
import type { ReconnectPolicy } from '../core/reconnect/reconnectPolicy';
import type { NodeTlsOptions } from '../core/session/network';

/** A profile by its store and id. */
export interface ProfileRef {
  scope: ProfileScope;
  id: string;
}

export interface SessionOrigin {
  profile?: ProfileRef;
  /** Values of the profile's `${secret:NAME}`s, masked everywhere the session is shown. Never log them. */
  secretValues?: readonly string[];
  /** The profile's reconnect policy (issue 12); absent: the session does not reconnect by itself. */
  reconnect?: ReconnectPolicy;
  /** The profile's own proxy, variables resolved (issue 12); absent: VS Code's and the environment's. */
  proxy?: ProfileProxy;
  /** The profile's TLS trust (issue 12: pins, client certificate), for every connection of the session. */
  tls?: NodeTlsOptions;
}

/**
 * The profile a command was given: a node of the view (`{ scope, profileId }`) or `{ scope, id }` from code;
 * undefined for anything else.
 */
export function profileRefOf(arg: unknown): ProfileRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { scope, profileId, id } = arg as Record<string, unknown>;
  if (scope !== 'workspace' && scope !== 'user') return undefined;
  const ref = typeof profileId === 'string' ? profileId : id;
  return typeof ref === 'string' && ref !== '' ? { scope, id: ref } : undefined;
}
