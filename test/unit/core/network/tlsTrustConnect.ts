/**
 * A client that connects the way the network's agents do (issue 12, part B's contract): `tls.connect` with the
 * trust options, wait for 'secureConnect', run `verifyPeer`, destroy the socket on a refusal before anything is
 * written, else write the request. Until the agents land, the trust tests connect through this.
 */
import { connect } from 'node:tls';
import { peerRefusedError } from '../../../../src/core/network/certificatePins';
import type { TlsTrustOptions } from '../../../../src/core/network/tlsTrust';

export interface TrustConnectOutcome {
  /** verifyPeer's message when it refused the server. */
  refused?: string;
  /** The socket's error (a chain error, the server's alert…). */
  error?: Error & { code?: string };
  /** Whether the payload was written. */
  wrote: boolean;
}

/** Connects to 127.0.0.1:`port`, writes `payload` when the server is accepted, and waits for the socket to close. */
export function connectWithTrust(port: number, trust: TlsTrustOptions, payload: string): Promise<TrustConnectOutcome> {
  const { verifyPeer, ...options } = trust;
  return new Promise((resolve) => {
    const outcome: TrustConnectOutcome = { wrote: false };
    const socket = connect({ host: '127.0.0.1', port, ...options });
    socket.once('secureConnect', () => {
      const refusal = verifyPeer?.(socket);
      if (refusal !== undefined) {
        outcome.refused = refusal;
        socket.destroy(peerRefusedError(refusal));
        return;
      }
      outcome.wrote = true;
      socket.end(payload);
    });
    socket.on('data', () => undefined);
    socket.on('error', (error: Error & { code?: string }) => {
      outcome.error ??= error;
    });
    socket.on('close', () => resolve(outcome));
  });
}
