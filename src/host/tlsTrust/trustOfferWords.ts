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

/** A server pinned along with the offered certificate (trustTarget.ts): where, and the certificate it presented. */
export interface CompanionPin {
  authority: string;
  fingerprint256: string;
}

/** Most companion servers named in a notification (the log row names each). */
const MAX_NAMED_SERVERS = 3;

/**
 * Appended to the offer when the failure was at a redirect hop: the session's own server, and — when the profile
 * has no pins yet — the servers whose certificates are pinned too, with why (pins replace CA verification for
 * every server of the profile). Their fingerprints are in the log (companionLog).
 */
export function redirectedOfferNote(sessionUrl: string, companions: readonly CompanionPin[]): string {
  const start = ` A redirect from ${hostOf(sessionUrl)} led to this server.`;
  if (companions.length === 0) return start;
  const named = companions.slice(0, MAX_NAMED_SERVERS).map((c) => hostOf(`https://${c.authority}`));
  const more = companions.length > MAX_NAMED_SERVERS ? ` and ${companions.length - MAX_NAMED_SERVERS} more` : '';
  const one = companions.length === 1;
  return (
    `${start} Pins replace CA verification for every server of a profile, so the certificate${one ? '' : 's'} ` +
    `that ${named.join(', ')}${more} present${one ? 's' : ''} now will be pinned too (the log shows ` +
    `${one ? 'its fingerprint' : 'their fingerprints'}); when renewed, ${one ? 'it needs its' : 'each needs its'} ` +
    'new pin in the profile.'
  );
}

/** After the pin was written; `alsoPinned`: how many companion certificates came with it. */
export function pinnedMessage(fingerprint: string, profileName: string, alsoPinned = 0): string {
  const others = alsoPinned > 0 ? ` and ${alsoPinned} more certificate${alsoPinned === 1 ? '' : 's'}` : '';
  return (
    `Profile ${shownName(profileName)} now trusts the certificate SHA-256 ${shownFingerprint(fingerprint)}${others} ` +
    '(tls.pinnedCertificates). Connect again?'
  );
}

/** The log row of a companion server's certificate (a fingerprint we computed; host:port of a URL we followed). */
export function companionLog(authority: string, fingerprint: string): string {
  const pin = shownFingerprint(fingerprint);
  return `${inert(authority, 200)} verified normally: its certificate SHA-256 ${pin} is pinned too if trusted`;
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
