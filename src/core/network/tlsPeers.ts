/**
 * Which server a TLS handshake was with (issue 12 follow-up). A session that follows redirects may meet several
 * servers, and a certificate failure is about one of them: the error is marked with that server's host:port where
 * the handshake fails (routedConnection.ts), and describeError copies it into the error row (`error.peer`). The
 * handshakes that succeeded are booked per network with the leaf's fingerprint, so the host knows which servers
 * verified normally — the ones a pin for another server would lock out (pins replace chain verification for
 * every server of a profile). Host:port comes from the URL we connected to, never from server text. Pure.
 */

/** A server a TLS handshake of this network succeeded with, and the certificate it presented then. */
export interface VerifiedTlsPeer {
  /** `host:port` (`[v6]:port`). */
  authority: string;
  /** SHA-256 of its leaf certificate, `AB:CD:…`; absent when Node gave none. */
  fingerprint256?: string;
}

/** Most servers booked: a redirect chain has at most six (maxRedirects ≤ 5); a few more for reconnects. */
export const MAX_BOOKED_PEERS = 16;

const PEER = Symbol('tlsPeer');

/** `host:port`, brackets around an IPv6 literal. */
export function authorityOf(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/** Marks a failed handshake's error with its server (an object only; anything else is returned as it is). */
export function markTlsPeer<T>(error: T, host: string, port: number): T {
  if (typeof error === 'object' && error !== null && !Object.isFrozen(error))
    Object.defineProperty(error, PEER, { value: authorityOf(host, port), enumerable: false });
  return error;
}

/** The server a TLS error was marked with, if any. */
export function tlsPeerOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const peer = (error as { [PEER]?: unknown })[PEER];
  return typeof peer === 'string' ? peer : undefined;
}

/** The servers one network completed a TLS handshake with: the latest certificate per server, bounded. */
export class TlsPeerBook {
  private readonly peers = new Map<string, VerifiedTlsPeer>();

  record(peer: VerifiedTlsPeer): void {
    this.peers.delete(peer.authority);
    if (this.peers.size >= MAX_BOOKED_PEERS) this.peers.delete(this.peers.keys().next().value as string);
    this.peers.set(peer.authority, peer);
  }

  list(): VerifiedTlsPeer[] {
    return [...this.peers.values()];
  }
}
