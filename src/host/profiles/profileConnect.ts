/**
 * Connecting from a profile (issue 10): workspace trust first (a profile of an untrusted workspace never
 * connects without the user's yes), then the variables resolved — `${env:…}` from the extension host's
 * environment, `${secret:…}` from SecretStorage (a missing one asked for), `${var:…}` from the file — and
 * the connection validated again, then its TLS trust (issue 12: pins, the client certificate's files read now);
 * the session gets the profile's secret values, so its redactor masks them everywhere. A problem points at the
 * field, with "Open file". Retry and Reconnect of a profile's session come through here again.
 */
import * as vscode from 'vscode';
import type { TlsOptions } from '../../core/connection/commonOptions';
import { formatJsonPath, parseJsonPath } from '../../core/profiles/jsonPath';
import type { Profile, ProfileIssue } from '../../core/profiles/profileModel';
import { resolveProfileTls } from '../../core/profiles/profileTlsTrust';
import type { VariableContext } from '../../core/profiles/stringResolution';
import { resolveProfile } from '../../core/profiles/variableResolver';
import { createRedactor, type CredentialSources } from '../../core/redaction/secretRedactor';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import type { SessionLauncher } from '../sessionLauncher';
import type { ProfileRef } from '../sessionOrigin';
import { ignoredWorkspaceTlsSettings, readConnectionDefaults } from '../settings';
import type { ProfileFiles } from './profileFiles';
import { launchOptions } from './profileLaunch';
import { profileOrigin } from './profileOrigin';
import { showProfileError } from './profileNotices';
import { askMissingSecrets, type ProfileSecrets } from './profileSecrets';
import { cannotConnectMessage, shownName, untrustedProfileQuestion } from './profileWords';
import { networkChoicesOf } from './untrustedNetworkWords';

export interface ProfileConnectDeps {
  files: ProfileFiles;
  secrets: ProfileSecrets;
  launcher: SessionLauncher;
  log: OutputLog;
}

export interface ConnectProfileOptions {
  /** The user has just written this profile (Save as profile): no trust question. */
  authoredNow?: boolean;
  /** Where the panel opens (Retry and Reconnect: where the old one is). */
  viewColumn?: vscode.ViewColumn;
}

/** Connects from the profile; the new session's id, or undefined (cancelled, or reported). */
export async function connectProfile(
  deps: ProfileConnectDeps,
  ref: ProfileRef,
  options: ConnectProfileOptions = {},
): Promise<string | undefined> {
  const profile = deps.files.find(ref);
  if (!profile) {
    void vscode.window.showErrorMessage('This profile is no longer in its file (it was changed or deleted).');
    return undefined;
  }
  if (!options.authoredNow && !(await trusted(ref, profile))) return undefined;
  const defaults = await readConnectionDefaults();
  const ignored = ignoredWorkspaceTlsSettings();
  if (ignored) deps.log.warn(ignored);
  if (!defaults.ok) {
    deps.log.warn(defaults.error);
    void vscode.window.showErrorMessage(inert(defaults.error, 300));
    return undefined;
  }
  const context = await variableContext(deps, ref, profile);
  if (!context) return undefined;
  const resolved = await resolveProfile(profile, context);
  if (!resolved.ok) return reportIssues(deps, ref, profile, resolved.issues);
  const launch = launchOptions(resolved.connection, defaults.value, ref.scope);
  for (const note of launch.notes) deps.log.warn(`Profile ${shownName(profile.name)}: ${note}`);
  // Pins and the client certificate (issue 12), over the connection's TLS as launched (settings merged in).
  const trust = await resolveProfileTls(profile, launch.options.tls as TlsOptions | undefined, context);
  if (!trust.ok) return reportIssues(deps, ref, profile, trust.issues);
  const origin = profileOrigin(ref, profile, resolved, trust);
  const result = deps.launcher.open(launch.options, options.viewColumn, origin);
  if (result.ok) return result.session.id;
  const redactor = createRedactor(resolved.connection as CredentialSources, origin.secretValues);
  const message = redactor.text(result.message);
  deps.log.warn(`Profile ${shownName(profile.name)}: connect refused: ${message}`);
  void vscode.window.showErrorMessage(`Cannot connect: ${inert(message, 300)}`);
  return undefined;
}

/** Whether the profile may connect: always for the user's own, after a yes for an untrusted workspace's. */
async function trusted(ref: ProfileRef, profile: Profile): Promise<boolean> {
  if (ref.scope === 'user' || vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    untrustedProfileQuestion(profile.name, networkChoicesOf(profile)),
    { modal: true },
    'Connect anyway',
  );
  return choice === 'Connect anyway';
}

/**
 * What the profile's variables resolve from, with missing secrets asked for first; undefined when the user
 * cancelled. One context for the connection, the proxy and the TLS trust: a secret typed once serves them all.
 */
async function variableContext(
  deps: ProfileConnectDeps,
  ref: ProfileRef,
  profile: Profile,
): Promise<VariableContext | undefined> {
  const given = await askMissingSecrets(profile, deps.secrets);
  if (!given) return undefined;
  return {
    env: process.env,
    getSecret: async (name) => given.get(name) ?? (await deps.secrets.get(name)),
    variables: deps.files.snapshot(ref.scope)?.variables ?? {},
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  };
}

function reportIssues(deps: ProfileConnectDeps, ref: ProfileRef, profile: Profile, issues: ProfileIssue[]): undefined {
  for (const issue of issues) deps.log.warn(`Profile ${shownName(profile.name)}: ${issue.path}: ${issue.message}`);
  const index = deps.files.snapshot(ref.scope)?.indexById.get(ref.id);
  const first = issues[0];
  const place =
    index === undefined
      ? undefined
      : { path: formatJsonPath(['profiles', index, ...parseJsonPath(first?.path ?? '')]) };
  showProfileError(deps.files, ref.scope, cannotConnectMessage(profile.name, issues), place);
  return undefined;
}
