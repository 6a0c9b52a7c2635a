/**
 * "Trust this certificate for this profile" (issue 12). When a session opened from a profile fails because no
 * CA vouches for the server's certificate (self-signed, unknown issuer, expired), the certificate is fetched
 * again with a probe that writes nothing, its facts go to the log, and a notification offers to pin its SHA-256
 * fingerprint in that profile's `tls.pinnedCertificates` — never a global switch — then to connect again. A
 * pinned profile that meets another certificate is told so, with no offer to replace the pin. After a redirect
 * the offer is about the server whose handshake failed (the error row names it), and pins the certificates of
 * the servers that verified before it as well (trustTarget.ts says why).
 */
import type { Duplex } from 'node:stream';
import * as vscode from 'vscode';
import type { ErrorMeta } from '../../core/events/logEvent';
import { fetchPeerCertificate } from '../../core/network/peerCertificateProbe';
import type { VerifiedTlsPeer } from '../../core/network/tlsPeers';
import { chooseProxy } from '../../core/network/proxyChoice';
import { DEFAULT_TUNNEL_TIMEOUT_MS } from '../../core/session/network';
import type { Session } from '../../core/session/session';
import { readProxySources } from '../network/proxySettings';
import { networkOf } from '../network/sessionNetwork';
import { connectFailureMessage } from '../notificationText';
import { describeThrown, type OutputLog } from '../outputLog';
import { openProfileFile } from '../profiles/profileNotices';
import type { ProfileFiles } from '../profiles/profileFiles';
import type { SessionLauncher } from '../sessionLauncher';
import type { ProfileRef } from '../sessionOrigin';
import type { SessionRegistry } from '../sessionRegistry';
import { redactorFor } from '../sessionRedaction';
import { certificateFailureOf, type CertificateFailure } from './certificateFailure';
import { addPinnedCertificate } from './pinWriter';
import { openProbeSocket } from './probeRoute';
import { trustTargetOf, type TrustServer, type TrustTarget } from './trustTarget';
import * as words from './trustOfferWords';

export interface CertificateTrustDeps {
  files: ProfileFiles;
  log: OutputLog;
  /** The profile a session was opened from (SessionRegistry.originOf). */
  profileOf: (session: Session) => ProfileRef | undefined;
  /** A raw socket to host:port the way the session connects (through its proxy); default: a direct connection. */
  connectRaw?: (session: Session, host: string, port: number) => Promise<Duplex | undefined>;
  /** The servers the session's TLS handshakes succeeded with (its network's book); default: none booked. */
  verifiedPeers?: (session: Session) => VerifiedTlsPeer[];
}

export interface FailureActions {
  retry(session: Session): void;
  showLog(): void;
}

/**
 * Takes over the failed-connection notification when it is a certificate failure of a profile's session;
 * false leaves it to the caller (the session watcher's generic one).
 */
export function handleCertificateFailure(
  deps: CertificateTrustDeps,
  session: Session,
  error: ErrorMeta,
  actions: FailureActions,
): boolean {
  const failure = certificateFailureOf(error);
  const ref = deps.profileOf(session);
  const profile = ref && deps.files.find(ref);
  if (!failure || !ref || !profile) return false;
  const target = trustTargetOf(session.options.url, error, failure, deps.verifiedPeers?.(session) ?? []);
  if (failure === 'not-pinned' && !target) {
    void vscode.window
      .showErrorMessage(words.notPinnedMessage(session.options.url, profile.name), words.OPEN_PROFILE_CHOICE)
      .then((choice) => {
        if (choice === words.OPEN_PROFILE_CHOICE) void openPinsOf(deps.files, ref);
      });
    return true;
  }
  if (!target) return false;
  void offerPin(deps, session, ref, { failure, target }, actions).catch((thrown: unknown) =>
    deps.log.error(`[${session.id}] the certificate trust offer failed: ${describeThrown(thrown)}`),
  );
  return true;
}

/** What failed, and where (trustTarget.ts). */
interface OfferCase {
  failure: CertificateFailure;
  target: TrustTarget;
}

async function offerPin(
  deps: CertificateTrustDeps,
  session: Session,
  ref: ProfileRef,
  { failure, target }: OfferCase,
  actions: FailureActions,
): Promise<void> {
  const label = `[${session.id}] ${redactorFor(session).url(session.options.url)}`;
  const certificate = await probe(deps, session, target.server);
  const companions = certificate.ok ? await companionPins(deps, session, target, label) : [];
  if (!certificate.ok || !companions) {
    if (!certificate.ok) deps.log.warn(`${label}: ${words.probeFailedLine(certificate.message)}`);
    const text = connectFailureMessage(session.options.url, 'RI_TLS_ERROR');
    const choice = await vscode.window.showErrorMessage(text, words.RETRY_CHOICE, words.SHOW_LOG_CHOICE);
    if (choice === words.RETRY_CHOICE) actions.retry(session);
    else if (choice === words.SHOW_LOG_CHOICE) actions.showLog();
    return;
  }
  const fingerprint = certificate.certificate.fingerprint256;
  deps.log.info(`${label}: ${target.server.authority}: ${words.trustOfferLog(certificate.certificate)}`);
  const name = deps.files.find(ref)?.name ?? '';
  const where = `https://${target.server.authority}`;
  const offer =
    words.trustOfferMessage(where, failure, fingerprint, name) +
    (target.redirected ? words.redirectedOfferNote(session.options.url, companions) : '');
  // An error toast with buttons stays until answered; a warning hides itself after ~10 s, and the offer with it.
  const choice = await vscode.window.showErrorMessage(offer, words.TRUST_CHOICE, words.SHOW_LOG_CHOICE);
  if (choice === words.SHOW_LOG_CHOICE) actions.showLog();
  if (choice !== words.TRUST_CHOICE) return;
  const pins = [fingerprint, ...companions.map((c) => c.fingerprint256)];
  await pinAndOfferRetry(deps, session, ref, pins, name, actions);
}

/**
 * The certificates of the servers that verified normally before the failed hop, each pinned with the offered one
 * (trustTarget.ts says why): booked by the network, or probed now. Undefined when one cannot be read: then no
 * offer, since the pin alone would lock that server out.
 */
async function companionPins(
  deps: CertificateTrustDeps,
  session: Session,
  target: TrustTarget,
  label: string,
): Promise<words.CompanionPin[] | undefined> {
  const pins: words.CompanionPin[] = [];
  for (const companion of target.companions) {
    let fingerprint256 = companion.fingerprint256;
    if (fingerprint256 === undefined) {
      const probed = await probe(deps, session, companion);
      if (!probed.ok) {
        deps.log.warn(`${label}: ${companion.authority}: ${words.probeFailedLine(probed.message)}`);
        return undefined;
      }
      fingerprint256 = probed.certificate.fingerprint256;
    }
    deps.log.info(`${label}: ${words.companionLog(companion.authority, fingerprint256)}`);
    pins.push({ authority: companion.authority, fingerprint256 });
  }
  return pins;
}

async function pinAndOfferRetry(
  deps: CertificateTrustDeps,
  session: Session,
  ref: ProfileRef,
  fingerprints: readonly string[],
  name: string,
  actions: FailureActions,
): Promise<void> {
  const store = deps.files.storeOf(ref.scope);
  for (const fingerprint of fingerprints) {
    // One at a time: each write reads the file again, so none is lost (pinWriter.ts).
    const written = store ? await addPinnedCertificate(store, ref.id, fingerprint) : 'missing';
    if (written === 'missing') {
      void vscode.window.showErrorMessage('This profile is no longer in its file (it was changed or deleted).');
      return;
    }
    deps.log.info(`[${session.id}] profile pin ${written}: SHA-256 ${fingerprint} (${ref.scope} profile)`);
  }
  const again = await vscode.window.showInformationMessage(
    words.pinnedMessage(fingerprints[0], name, fingerprints.length - 1),
    words.RETRY_CHOICE,
  );
  if (again === words.RETRY_CHOICE) actions.retry(session);
}

/** The certificate `server` presents now (the session's or a redirect hop's), fetched without sending anything. */
async function probe(deps: CertificateTrustDeps, session: Session, { host, port }: TrustServer) {
  // The session's tls.servername goes to every server it connects to (routedConnection.ts): the probe does the same.
  const servername = session.options.tls?.servername || undefined;
  let socket: Duplex | undefined;
  try {
    socket = deps.connectRaw ? await deps.connectRaw(session, host, port) : undefined;
  } catch (error) {
    // The proxy's failure is said in our words (host:port, never its credentials).
    return {
      ok: false as const,
      code: 'failed' as const,
      message: `No tunnel for the probe: ${describeThrown(error)}`,
    };
  }
  return fetchPeerCertificate({ host, port, servername, socket });
}

/** Opens the profile file at this profile's pins. */
async function openPinsOf(files: ProfileFiles, ref: ProfileRef): Promise<void> {
  const index = files.snapshot(ref.scope)?.indexById.get(ref.id);
  const path = index === undefined ? undefined : `profiles[${index}].tls.pinnedCertificates`;
  await openProfileFile(files, ref.scope, path ? { path } : undefined);
}

export interface CertificateTrustRegistration {
  launcher: Pick<SessionLauncher, 'setConnectFailureHandler' | 'retry'>;
  registry: Pick<SessionRegistry, 'originOf'>;
  files: ProfileFiles;
  log: OutputLog;
}

/** Makes the launcher offer a pin for certificate failures of profile sessions, until disposed. */
export function registerCertificateTrust(deps: CertificateTrustRegistration): vscode.Disposable {
  const trust: CertificateTrustDeps = {
    files: deps.files,
    log: deps.log,
    profileOf: (session) => deps.registry.originOf(session.id)?.profile,
    verifiedPeers: (session) => networkOf(session)?.verifiedTlsPeers?.() ?? [],
    // The session's own route (its network, or the settings and its profile's proxy read again once it is gone).
    connectRaw: (session, host, port) => {
      const proxy = deps.registry.originOf(session.id)?.proxy;
      const route = networkOf(session)?.route ?? ((target: URL) => chooseProxy(readProxySources(proxy), target));
      return openProbeSocket(route, host, port, DEFAULT_TUNNEL_TIMEOUT_MS);
    },
  };
  const actions: FailureActions = { retry: (session) => deps.launcher.retry(session), showLog: () => deps.log.show() };
  return deps.launcher.setConnectFailureHandler((session, error) =>
    handleCertificateFailure(trust, session, error, actions),
  );
}
