/**
 * The origin of a session opened from a profile (issue 12): the profile, every secret value its connection,
 * proxy and TLS trust used (the session's redactor masks them all: a client certificate's passphrase too), its
 * reconnect policy, its proxy, and its TLS trust (pins, client certificate) for the session's network. Pure.
 */
import type { Profile } from '../../core/profiles/profileModel';
import type { ResolvedProfileTls } from '../../core/profiles/profileTlsTrust';
import type { ResolvedProfile } from '../../core/profiles/variableResolver';
import { readReconnectSetting } from '../../core/reconnect/reconnectPolicy';
import type { ProfileRef, SessionOrigin } from '../sessionOrigin';

/** A session's origin with its secret values always listed. */
export type ProfileOrigin = SessionOrigin & { profile: ProfileRef; secretValues: string[] };

/** What a session opened from `profile` carries, once its connection and its TLS trust are resolved. */
export function profileOrigin(
  ref: ProfileRef,
  profile: Pick<Profile, 'reconnect'>,
  resolved: Extract<ResolvedProfile, { ok: true }>,
  trust: Extract<ResolvedProfileTls, { ok: true }>,
): ProfileOrigin {
  const secretValues = [...new Set([...resolved.secretValues, ...trust.secretValues])].filter((v) => v !== '');
  const origin: ProfileOrigin = { profile: ref, secretValues, tls: trust.options };
  // The file's checks refused a bad reconnect setting already: here it is only read.
  const reconnect = readReconnectSetting(profile.reconnect).policy;
  if (reconnect) origin.reconnect = reconnect;
  if (resolved.proxy) origin.proxy = resolved.proxy;
  return origin;
}
