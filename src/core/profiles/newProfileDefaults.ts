/**
 * What a profile created now starts with, beyond what the person typed (issue 12, liveness): a WebSocket
 * profile gets the heartbeat — a ping every 20 s, closed after 10 s without a pong — so a dead or half-open link
 * is noticed within half a minute. Profiles saved before keep what they hold (no heartbeat field: the setting's,
 * off by default), and so do ad-hoc Connect… sessions. Pure.
 */
import type { ProfileConnection } from './profileModel';

/** The heartbeat a new WebSocket profile is created with. */
export const NEW_PROFILE_HEARTBEAT = { heartbeatIntervalMs: 20_000, heartbeatTimeoutMs: 10_000 } as const;

/** `connection` with the new-profile defaults its kind has, where it does not say otherwise. */
export function withNewProfileDefaults(connection: ProfileConnection): ProfileConnection {
  if (connection.kind !== 'websocket' || connection.heartbeatIntervalMs !== undefined) return connection;
  return { ...connection, ...NEW_PROFILE_HEARTBEAT, heartbeatTimeoutMs: connection.heartbeatTimeoutMs ?? 10_000 };
}
