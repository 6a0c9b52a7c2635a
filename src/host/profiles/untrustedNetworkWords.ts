/**
 * What a workspace profile changes about where its traffic goes and whom it trusts (review of issue 12), named in
 * the question asked before a profile of an untrusted workspace connects: its own proxy, pinned certificates, a
 * CA of its own, verification off, a client certificate from this machine. These are not visible in the URL the
 * user recognises, so "Connect anyway?" must say them. A proxy is named by its host only (the URL may hold
 * credentials or variables). Pure (no vscode).
 */
import type { Profile } from '../../core/profiles/profileModel';
import { inert } from '../notificationText';

/** The profile's choices about the network and TLS trust, in words (none: an empty list). */
export function networkChoicesOf(profile: Pick<Profile, 'connection' | 'proxy' | 'tls'>): string[] {
  const choices: string[] = [];
  const proxyUrl = profile.proxy?.mode === 'direct' ? undefined : profile.proxy?.url;
  if (typeof proxyUrl === 'string' && proxyUrl.trim() !== '')
    choices.push(`sends its traffic through ${proxyNamed(proxyUrl)}`);
  const connectionTls = (profile.connection as { tls?: { rejectUnauthorized?: unknown; ca?: unknown } }).tls;
  if (connectionTls?.rejectUnauthorized === false) choices.push('turns certificate verification off');
  if (typeof connectionTls?.ca === 'string' && connectionTls.ca.trim() !== '') choices.push('trusts a CA of its own');
  const pins = profile.tls?.pinnedCertificates;
  if (Array.isArray(pins) && pins.length > 0)
    choices.push('trusts the server certificates it pins instead of your CAs');
  if (profile.tls?.clientCertificate !== undefined)
    choices.push('presents a client certificate read from this machine');
  return choices;
}

/** "its own proxy host:port", or "a proxy of its own" when the URL does not parse (variables, no scheme). */
function proxyNamed(url: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `http://${url.trim()}`;
  try {
    const host = new URL(text).host;
    return host ? `its own proxy ${inert(host, 80)}` : 'a proxy of its own';
  } catch {
    return 'a proxy of its own';
  }
}
