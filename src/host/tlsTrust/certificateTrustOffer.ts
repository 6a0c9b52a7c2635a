/**
 * "Trust this certificate for this profile" (issue 12). When a session opened from a profile fails because no
 * CA vouches for the server's certificate (self-signed, unknown issuer, expired), the certificate is fetched
 * again with a probe that writes nothing, its facts go to the log, and a notification offers to pin its SHA-256
 * fingerprint in that profile's `tls.pinnedCertificates` — never a global switch — then to connect again. A
 * pinned profile that meets another certificate is told so, with no offer to replace the pin.
 */
import type { Duplex } from 'node:stream';
import * as vscode from 'vscode';
import type { ErrorMeta } from '../../core/events/logEvent';
import { fetchPeerCertificate, type PeerCertificateInfo } from '../../core/network/peerCertificateProbe';
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
import { certificateFailureOf, offersPin, type CertificateFailure } from './certificateFailure';
import { addPinnedCertificate } from './pinWriter';
import { openProbeSocket } from './probeRoute';
import * as words from './trustOfferWords';

export interface CertificateTrustDeps {
  files: ProfileFiles;
  log: OutputLog;
  /** The profile a session was opened from (SessionRegistry.originOf). */
  profileOf: (session: Session) => ProfileRef | undefined;
  /** A raw socket to host:port the way the session connects (through its proxy); default: a direct connection. */
  connectRaw?: (session: Session, host: string, port: number) => Promise<Duplex | undefined>;
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
  if (failure === 'not-pinned') {
    void vscode.window
      .showErrorMessage(words.notPinnedMessage(session.options.url, profile.name), words.OPEN_PROFILE_CHOICE)
      .then((choice) => {
        if (choice === words.OPEN_PROFILE_CHOICE) void openPinsOf(deps.files, ref);
      });
    return true;
  }
  if (!offersPin(failure)) return false;
  void offerPin(deps, session, ref, failure, actions).catch((thrown: unknown) =>
    deps.log.error(`[${session.id}] the certificate trust offer failed: ${describeThrown(thrown)}`),
  );
  return true;
}

async function offerPin(
  deps: CertificateTrustDeps,
  session: Session,
  ref: ProfileRef,
  failure: CertificateFailure,
  actions: FailureActions,
): Promise<void> {
  const label = `[${session.id}] ${redactorFor(session).url(session.options.url)}`;
  const certificate = await probe(deps, session);
  if (!certificate.ok) {
    deps.log.warn(`${label}: ${words.probeFailedLine(certificate.message)}`);
    const text = connectFailureMessage(session.options.url, 'RI_TLS_ERROR');
    const choice = await vscode.window.showErrorMessage(text, words.RETRY_CHOICE, words.SHOW_LOG_CHOICE);
    if (choice === words.RETRY_CHOICE) actions.retry(session);
    else if (choice === words.SHOW_LOG_CHOICE) actions.showLog();
    return;
  }
  const fingerprint = certificate.certificate.fingerprint256;
  deps.log.info(`${label}: ${words.trustOfferLog(certificate.certificate)}`);
  const name = deps.files.find(ref)?.name ?? '';
  const offer = words.trustOfferMessage(session.options.url, failure, fingerprint, name);
  const choice = await vscode.window.showWarningMessage(offer, words.TRUST_CHOICE, words.SHOW_LOG_CHOICE);
  if (choice === words.SHOW_LOG_CHOICE) actions.showLog();
  if (choice !== words.TRUST_CHOICE) return;
  await pinAndOfferRetry(deps, session, ref, certificate.certificate, name, actions);
}

async function pinAndOfferRetry(
  deps: CertificateTrustDeps,
  session: Session,
  ref: ProfileRef,
  certificate: PeerCertificateInfo,
  name: string,
  actions: FailureActions,
): Promise<void> {
  const store = deps.files.storeOf(ref.scope);
  const written = store ? await addPinnedCertificate(store, ref.id, certificate.fingerprint256) : 'missing';
  if (written === 'missing') {
    void vscode.window.showErrorMessage('This profile is no longer in its file (it was changed or deleted).');
    return;
  }
  deps.log.info(`[${session.id}] profile pin ${written}: SHA-256 ${certificate.fingerprint256} (${ref.scope} profile)`);
  const again = await vscode.window.showInformationMessage(
    words.pinnedMessage(certificate.fingerprint256, name),
    words.RETRY_CHOICE,
  );
  if (again === words.RETRY_CHOICE) actions.retry(session);
}

/** The certificate the session's server presents now, fetched without sending anything. */
async function probe(deps: CertificateTrustDeps, session: Session) {
  const url = new URL(session.options.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port) || 443;
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
