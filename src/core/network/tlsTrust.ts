/**
 * A profile's TLS trust decision as the options Node's `tls.connect` and the network's `verifyPeer` hook take
 * (issue 12). Without pins the connection's own TLS options stand (verify against the system roots plus its
 * CA). With pins, the pins decide instead: the handshake is let through unverified (`rejectUnauthorized:
 * false`) and `verifyPeer` accepts only a pinned leaf before anything is written (certificatePins.ts). A pin
 * is this profile's decision only, never a global switch. A client certificate adds `pfx` or `cert` + `key`
 * and their passphrase. Pure.
 */
import { caWithDefaultRoots, type TlsOptions } from '../connection/commonOptions';
import { pinVerifier, type PeerVerifier } from './certificatePins';
import type { ClientCertificateMaterial } from './clientCertificate';

export interface TlsTrustInput {
  /** The connection's TLS options (verify, extra CA, server name), after the settings were merged in. */
  connectionTls?: TlsOptions;
  /** The profile's `tls.pinnedCertificates` (validated; normalised here). */
  pinnedCertificates?: readonly string[];
  /** The profile's client certificate, read and checked (clientCertificate.ts). */
  clientCertificate?: ClientCertificateMaterial;
}

/** Node TLS options for `https:`/`wss:` connections, plus the check run on each connected socket. */
export interface TlsTrustOptions extends ClientCertificateMaterial {
  rejectUnauthorized: boolean;
  /** The extra CA added to Node's roots (absent with pins: no chain is verified). */
  ca?: string[];
  servername?: string;
  /** Run after 'secureConnect', before the socket is used: a message refuses the server (destroy the socket). */
  verifyPeer?: PeerVerifier;
}

/** The TLS options a profile connects with. */
export function tlsOptionsFor(input: TlsTrustInput): TlsTrustOptions {
  const connection = input.connectionTls ?? {};
  const pins = input.pinnedCertificates ?? [];
  const out: TlsTrustOptions =
    pins.length > 0
      ? { rejectUnauthorized: false, verifyPeer: pinVerifier(pins) }
      : { rejectUnauthorized: connection.rejectUnauthorized !== false };
  const ca = pins.length > 0 ? undefined : caWithDefaultRoots(connection.ca);
  if (ca) out.ca = ca;
  if (connection.servername) out.servername = connection.servername;
  const client = input.clientCertificate;
  if (client?.pfx) out.pfx = client.pfx;
  if (client?.cert) out.cert = client.cert;
  if (client?.key) out.key = client.key;
  if (client?.passphrase !== undefined) out.passphrase = client.passphrase;
  return out;
}

/**
 * The same options without the client certificate (cert, key, pfx, passphrase): for a server other than the
 * session's own, which a redirect led to. Pins and verification stay as they are.
 */
export function withoutClientCertificate<T extends ClientCertificateFields>(tls: T): T {
  const { cert: _cert, key: _key, pfx: _pfx, passphrase: _passphrase, ...rest } = tls;
  return rest as T;
}

/** The client certificate's fields of TLS options, in whichever form they hold them. */
interface ClientCertificateFields {
  cert?: unknown;
  key?: unknown;
  pfx?: unknown;
  passphrase?: string;
}
