/**
 * Which certificate failure a session's error is (issue 12), to decide whether "Trust this certificate for
 * this profile" may be offered. Every engine reports a TLS failure as RI_TLS_ERROR with Node's own code first
 * in `detail` (`DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate`, or ERR_TLS_CERT_NOT_PINNED for a refused
 * pin); the code is read from there. Pure (no vscode).
 */
import { ErrorCode } from '../../core/errors';
import type { ErrorMeta } from '../../core/events/logEvent';
import { CERT_NOT_PINNED } from '../../core/network/certificatePins';

/**
 * What went wrong with the server's certificate. A pin is offered for the first four: each means "no CA vouches
 * for this certificate now", which is what a pin replaces. A host-name mismatch is not among them (the fix is
 * the connection's `tls.servername`, or another URL), nor is a refused pin (a changed certificate is exactly
 * what a pin exists to stop: the user edits the profile on purpose).
 */
export type CertificateFailure = 'self-signed' | 'unknown-issuer' | 'expired' | 'not-yet-valid' | 'not-pinned';

const FAILURE_BY_CODE: Readonly<Record<string, CertificateFailure>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-issuer',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  [CERT_NOT_PINNED]: 'not-pinned',
};

/** The failure of a session error, or undefined when it is not a certificate failure we act on. */
export function certificateFailureOf(error: ErrorMeta | undefined): CertificateFailure | undefined {
  if (!error || error.code !== ErrorCode.TlsError || typeof error.detail !== 'string') return undefined;
  const nodeCode = /^([A-Z0-9_]+):/.exec(error.detail)?.[1];
  return nodeCode !== undefined && Object.hasOwn(FAILURE_BY_CODE, nodeCode) ? FAILURE_BY_CODE[nodeCode] : undefined;
}

/** Whether a pin may be offered for this failure. */
export function offersPin(failure: CertificateFailure | undefined): boolean {
  return failure !== undefined && failure !== 'not-pinned';
}
