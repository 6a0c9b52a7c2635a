/**
 * Which server the certificate trust offer is about, and which pins must come with it (issue 12 follow-up). A
 * session that follows redirects can fail at a hop — another host:port than its own URL — and the error row
 * names that server (`error.peer`, core/network/tlsPeers.ts): the probe and the notification are about it, not
 * about the session's URL.
 *
 * Why other pins may come along: a profile's pins replace CA verification for EVERY server it connects to
 * (certificatePins.ts), redirect hops included. So when a redirected hop fails its chain check while the servers
 * before it verified normally (the profile has no pins yet: pins would have refused, not failed the chain),
 * pinning the hop alone would make the next connection refuse the session's own server. The offer therefore pins
 * the hop's certificate together with the certificate each server verified earlier in this session presented
 * (the network booked their fingerprints; the session's own server, when not booked, is probed). The words say
 * so, since those CA-issued certificates must then be pinned again when they are renewed. A refused pin at a hop
 * ('not-pinned' there) is a server the pinned profile never trusted, not a changed certificate of its own: an
 * offer to add it is made (the pins already there keep the other servers working). At the session's own server
 * a refused pin stays a plain notice (a changed certificate is what a pin exists to stop). Pure (no vscode).
 */
import type { ErrorMeta } from '../../core/events/logEvent';
import type { VerifiedTlsPeer } from '../../core/network/tlsPeers';
import { offersPin, type CertificateFailure } from './certificateFailure';

/** A server to probe or pin: `host` without brackets, as tls.connect takes it. */
export interface TrustServer {
  host: string;
  port: number;
  /** `host:port` (`[v6]:port`), the key the network books servers by. */
  authority: string;
}

/** A server whose current certificate is pinned along with the offered one; probed when not booked. */
export interface CompanionServer extends TrustServer {
  fingerprint256?: string;
}

export interface TrustTarget {
  /** The server whose handshake failed: the one probed and named. */
  server: TrustServer;
  /** Another server than the session's own URL (a redirect led there). */
  redirected: boolean;
  /** Servers that verified normally in this session and would be locked out by the new pin alone. */
  companions: CompanionServer[];
}

/** The offer's target for a certificate failure, or undefined when no pin is offered. */
export function trustTargetOf(
  sessionUrl: string,
  error: ErrorMeta,
  failure: CertificateFailure,
  verified: readonly VerifiedTlsPeer[],
): TrustTarget | undefined {
  const session = serverOfUrl(sessionUrl);
  if (!session) return undefined;
  const { secure, ...own } = session;
  const failed = (error.peer !== undefined && serverOfAuthority(error.peer)) || own;
  const redirected = failed.authority !== own.authority;
  if (!redirected) return offersPin(failure) ? { server: failed, redirected, companions: [] } : undefined;
  if (failure === 'not-pinned') return { server: failed, redirected, companions: [] };
  if (!offersPin(failure)) return undefined;
  const companions: CompanionServer[] = [];
  for (const peer of verified) {
    const server = peer.authority === failed.authority ? undefined : serverOfAuthority(peer.authority);
    if (server) companions.push(peer.fingerprint256 ? { ...server, fingerprint256: peer.fingerprint256 } : server);
  }
  // A TLS server the redirect started from verified normally, booked or not (a plain http one needs no pin).
  if (secure && !companions.some((c) => c.authority === own.authority)) companions.unshift(own);
  return { server: failed, redirected, companions };
}

/** The server of a session URL, and whether it speaks TLS. */
function serverOfUrl(url: string): (TrustServer & { secure: boolean }) | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
  const port = Number(parsed.port) || (secure ? 443 : 80);
  const server = serverOfAuthority(`${parsed.hostname}:${port}`);
  return server && { ...server, secure };
}

/** `host:port` parsed the way URLs are (so `[::1]:443` and `::1` agree); undefined when it is not one. */
function serverOfAuthority(authority: string): TrustServer | undefined {
  let parsed: URL;
  try {
    parsed = new URL(`https://${authority}`);
  } catch {
    return undefined;
  }
  if (parsed.hostname === '') return undefined;
  const port = Number(parsed.port) || 443;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, authority: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}` };
}
