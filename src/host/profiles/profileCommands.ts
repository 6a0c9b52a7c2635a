/**
 * The profile commands that open a form or a connection (issue 10): Connect, Edit (the Connect… form with
 * Save), New Profile. The ones that act on a profile or a file directly are in profileItemCommands.ts.
 */
import * as vscode from 'vscode';
import type { NewProfile, Profile, ProfileConnection, ProfileScope } from '../../core/profiles/profileModel';
import { withNewProfileDefaults } from '../../core/profiles/newProfileDefaults';
import { inferKind } from '../connectKinds';
import { promptUrl } from '../connectFlow';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import type { SessionLauncher } from '../sessionLauncher';
import { readConnectionDefaults, type ConnectionDefaults } from '../settings';
import { shortUrl } from '../../core/view/sessionProjection';
import { pickProfile } from './pickProfile';
import { connectProfile } from './profileConnect';
import type { ProfileFiles } from './profileFiles';
import { runProfileForm } from './profileForm';
import { askProfileName, askProfileScope } from './profilePrompts';
import { saveProfile, type CredentialAsker } from './profileSave';
import type { ProfileSecrets } from './profileSecrets';
import type { ProfileTreeProvider } from './profileTree';

export const PROFILE_COMMANDS = {
  connect: 'realtimeInspector.profiles.connect',
  edit: 'realtimeInspector.profiles.edit',
  editJson: 'realtimeInspector.profiles.editJson',
  duplicate: 'realtimeInspector.profiles.duplicate',
  delete: 'realtimeInspector.profiles.delete',
  copyUrl: 'realtimeInspector.profiles.copyUrl',
  new: 'realtimeInspector.profiles.new',
  refresh: 'realtimeInspector.profiles.refresh',
  openWorkspaceFile: 'realtimeInspector.profiles.openWorkspaceFile',
} as const;

export interface ProfileCommandDeps {
  files: ProfileFiles;
  secrets: ProfileSecrets;
  launcher: SessionLauncher;
  log: OutputLog;
  tree: ProfileTreeProvider;
  /** Tests decide about credentials in clear instead of the user (ExtensionMode.Test only). */
  ask?: CredentialAsker;
}

/** Registers Connect, Edit and New Profile. */
export function registerProfileFormCommands(deps: ProfileCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(PROFILE_COMMANDS.connect, async (arg?: unknown) => {
      const picked = await pickProfile(deps.files, arg, 'Profile to connect');
      return picked ? connectProfile(deps, picked.ref) : undefined;
    }),
    vscode.commands.registerCommand(PROFILE_COMMANDS.edit, (arg?: unknown) => editProfile(deps, arg)),
    vscode.commands.registerCommand(PROFILE_COMMANDS.new, () => newProfile(deps)),
  );
}

async function editProfile(deps: ProfileCommandDeps, arg: unknown): Promise<Profile | undefined> {
  const picked = await pickProfile(deps.files, arg, 'Profile to edit');
  const defaults = picked && (await defaultsOrReport(deps.log));
  if (!picked || !defaults) return undefined;
  const edited = await runProfileForm(picked.profile, {
    defaults,
    variableNames: variableNames(deps.files, picked.ref.scope),
    heading: 'Edit Profile',
  });
  return edited && saveProfile(deps, picked.ref.scope, edited);
}

async function newProfile(deps: ProfileCommandDeps): Promise<Profile | undefined> {
  const scope = await askProfileScope(deps.files.storeOf('workspace') !== undefined);
  if (!scope) return undefined;
  const url = (await promptUrl(undefined, 'Realtime Inspector: New Profile'))?.trim();
  if (!url) return undefined;
  const name = await askProfileName(shortUrl(url));
  const defaults = name !== undefined ? await defaultsOrReport(deps.log) : undefined;
  if (name === undefined || !defaults) return undefined;
  const typed = { kind: inferKind(url), url } as ProfileConnection;
  // A new WebSocket profile starts with the heartbeat on (issue 12); the form shows it and may change it.
  const start: NewProfile = { name, connection: withNewProfileDefaults(typed) };
  const context = { defaults, variableNames: variableNames(deps.files, scope), heading: 'New Profile' };
  const filled = await runProfileForm(start, context);
  return filled && saveProfile(deps, scope, filled);
}

function variableNames(files: ProfileFiles, scope: ProfileScope): ReadonlySet<string> {
  return new Set(Object.keys(files.snapshot(scope)?.variables ?? {}));
}

/** The settings' connection defaults, or an error said in our words (undefined). */
async function defaultsOrReport(log: OutputLog): Promise<ConnectionDefaults | undefined> {
  const defaults = await readConnectionDefaults();
  if (defaults.ok) return defaults.value;
  log.warn(defaults.error);
  void vscode.window.showErrorMessage(inert(defaults.error, 300));
  return undefined;
}
