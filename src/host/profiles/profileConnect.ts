/**
 * Connecting from a profile (issue 10): workspace trust first (a profile of an untrusted workspace never
 * connects without the user's yes), then the variables resolved — `${env:…}` from the extension host's
 * environment, `${secret:…}` from SecretStorage (a missing one asked for), `${var:…}` from the file — and
 * the connection validated again; the session gets the profile's secret values, so its redactor masks them
 * everywhere. A problem points at the field, with "Open file".
 */
import * as vscode from 'vscode';
import { formatJsonPath, parseJsonPath } from '../../core/profiles/jsonPath';
import type { Profile, ProfileIssue } from '../../core/profiles/profileModel';
import { readReconnectSetting } from '../../core/reconnect/reconnectPolicy';
import { resolveProfile, type ResolvedProfile } from '../../core/profiles/variableResolver';
import { createRedactor, type CredentialSources } from '../../core/redaction/secretRedactor';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import type { SessionLauncher } from '../sessionLauncher';
import type { ProfileRef } from '../sessionOrigin';
import { ignoredWorkspaceTlsSettings, readConnectionDefaults } from '../settings';
import type { ProfileFiles } from './profileFiles';
import { launchOptions } from './profileLaunch';
import { showProfileError } from './profileNotices';
import { askMissingSecrets, type ProfileSecrets } from './profileSecrets';
import { cannotConnectMessage, shownName, untrustedProfileQuestion } from './profileWords';

export interface ProfileConnectDeps {
  files: ProfileFiles;
  secrets: ProfileSecrets;
  launcher: SessionLauncher;
  log: OutputLog;
}

export interface ConnectProfileOptions {
  /** The user has just written this profile (Save as profile): no trust question. */
  authoredNow?: boolean;
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
  const resolved = await resolve(deps, ref, profile);
  if (!resolved) return undefined;
  if (!resolved.ok) return reportIssues(deps, ref, profile, resolved.issues);
  const launch = launchOptions(resolved.connection, defaults.value, ref.scope);
  for (const note of launch.notes) deps.log.warn(`Profile ${shownName(profile.name)}: ${note}`);
  // The file's checks refused a bad reconnect setting already: here it is only read (issue 12).
  const reconnect = readReconnectSetting(profile.reconnect).policy;
  const origin = { profile: ref, secretValues: resolved.secretValues, reconnect, proxy: resolved.proxy };
  const result = deps.launcher.open(launch.options, undefined, origin);
  if (result.ok) return result.session.id;
  const redactor = createRedactor(resolved.connection as CredentialSources, resolved.secretValues);
  const message = redactor.text(result.message);
  deps.log.warn(`Profile ${shownName(profile.name)}: connect refused: ${message}`);
  void vscode.window.showErrorMessage(`Cannot connect: ${inert(message, 300)}`);
  return undefined;
}

/** Whether the profile may connect: always for the user's own, after a yes for an untrusted workspace's. */
async function trusted(ref: ProfileRef, profile: Profile): Promise<boolean> {
  if (ref.scope === 'user' || vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    untrustedProfileQuestion(profile.name),
    { modal: true },
    'Connect anyway',
  );
  return choice === 'Connect anyway';
}

/** The profile resolved, with missing secrets asked for; undefined when the user cancelled. */
async function resolve(
  deps: ProfileConnectDeps,
  ref: ProfileRef,
  profile: Profile,
): Promise<ResolvedProfile | undefined> {
  const given = await askMissingSecrets(profile, deps.secrets);
  if (!given) return undefined;
  return resolveProfile(profile, {
    env: process.env,
    getSecret: async (name) => given.get(name) ?? (await deps.secrets.get(name)),
    variables: deps.files.snapshot(ref.scope)?.variables ?? {},
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  });
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
