/**
 * The words of the certificate trust offer (issue 12). Only our words, the host the user connected to, the
 * profile's name (made inert) and the SHA-256 fingerprint we computed reach a notification: the certificate's
 * subject and issuer are the server's text and go to the log only (trustOfferLog). Pure (no vscode).
 */
import { parsePin } from '../../core/network/certificateFingerprint';
import type { PeerCertificateInfo } from '../../core/network/peerCertificateProbe';
import { hostOf, inert } from '../notificationText';
import { shownName } from '../profiles/profileWords';
import type { CertificateFailure } from './certificateFailure';

/** The buttons of the offer and of what follows it. */
export const TRUST_CHOICE = 'Trust for This Profile';
export const SHOW_LOG_CHOICE = 'Show Log';
export const RETRY_CHOICE = 'Retry';
export const OPEN_PROFILE_CHOICE = 'Open Profile File';

const FAILURE_WORDS: Readonly<Record<CertificateFailure, string>> = {
  'self-signed': 'its certificate is self-signed',
  'unknown-issuer': 'its certificate is issued by a CA this machine does not trust',
  expired: 'its certificate has expired',
  'not-yet-valid': 'its certificate is not valid yet',
  'not-pinned': 'its certificate is not the one pinned for this profile',
};

/** A fingerprint we computed, checked once more before it is shown (never anything else in its place). */
function shownFingerprint(fingerprint: string): string {
  const parsed = parsePin(fingerprint);
  return parsed.ok ? parsed.pin : '(unknown)';
}

/**
 * "Could not connect to host:port: its certificate is self-signed. Trust this certificate (SHA-256 AB:CD:…) for
 * profile "Name"? …" — the fingerprint in full, so it can be compared with the server's own.
 */
export function trustOfferMessage(
  url: string,
  failure: CertificateFailure,
  fingerprint: string,
  profileName: string,
): string {
  return (
    `Could not connect to ${hostOf(url)}: ${FAILURE_WORDS[failure]}. Trust this certificate (SHA-256 ` +
    `${shownFingerprint(fingerprint)}) for profile ${shownName(profileName)}? Compare the fingerprint with the ` +
    "server's first. Only this profile will accept it, and then only this exact certificate."
  );
}

/** After the pin was written. */
export function pinnedMessage(fingerprint: string, profileName: string): string {
  return (
    `Profile ${shownName(profileName)} now trusts the certificate SHA-256 ${shownFingerprint(fingerprint)} ` +
    '(tls.pinnedCertificates). Connect again?'
  );
}

/** A pinned profile met another certificate: said plainly, no offer to replace the pin. */
export function notPinnedMessage(url: string, profileName: string): string {
  return (
    `Could not connect to ${hostOf(url)}: ${FAILURE_WORDS['not-pinned']} (${shownName(profileName)}), so nothing ` +
    "was sent. If the server's certificate was renewed, check its fingerprint and edit tls.pinnedCertificates. " +
    "The session's log shows both fingerprints."
  );
}

/** When the certificate could not be read for the offer (the probe failed): the generic failure stands. */
export function probeFailedLine(reason: string): string {
  return `the certificate could not be fetched for a trust offer: ${inert(reason, 200)}`;
}

/** The log row of a probed certificate: the server's names (bounded by the probe) and the facts, for comparison. */
export function trustOfferLog(certificate: PeerCertificateInfo): string {
  const parts = [
    `SHA-256 ${certificate.fingerprint256}`,
    `subject CN ${JSON.stringify(certificate.subjectName ?? '')}`,
    `issuer CN ${JSON.stringify(certificate.issuerName ?? '')}`,
    `valid ${certificate.validFrom ?? '?'} to ${certificate.validTo ?? '?'}`,
    certificate.selfSigned ? 'self-signed' : 'issued by another certificate',
  ];
  if (certificate.authorizationError) parts.push(`verification: ${certificate.authorizationError}`);
  return `server certificate: ${parts.join('; ')}`;
}
