/**
 * Saving a profile (issue 10): every credential typed in clear (clearCredentials.ts) is offered to be moved
 * into a secret — its value stored in SecretStorage, the profile saved with `${secret:NAME}` in its place —
 * or kept in clear, with the reason a workspace file is not the place for it; then the store writes it.
 */
import * as vscode from 'vscode';
import type { ClearCredential } from '../../core/profiles/clearCredentials';
import type { NewProfile, Profile, ProfileScope } from '../../core/profiles/profileModel';
import { SECRET_NAME } from '../../core/profiles/variableSyntax';
import type { OutputLog } from '../outputLog';
import { protectCredentials, type CredentialAsker, type CredentialDecision } from './credentialProtection';
import type { ProfileFiles } from './profileFiles';
import { reportStoreError } from './profileNotices';
import type { ProfileSecrets } from './profileSecrets';
import { clearCredentialQuestion, secretPlaceholder } from './profileWords';

export type { CredentialAsker, CredentialDecision } from './credentialProtection';

export interface ProfileSaveDeps {
  files: ProfileFiles;
  secrets: ProfileSecrets;
  log: OutputLog;
  /** Default: ask the user (askAboutCredential). */
  ask?: CredentialAsker;
}

/**
 * Saves `profile` into the scope's store: an update when it has the id of a profile there, else a new one.
 * The saved profile, or undefined when cancelled or refused (already reported).
 */
export async function saveProfile(
  deps: ProfileSaveDeps,
  scope: ProfileScope,
  profile: Profile | NewProfile,
): Promise<Profile | undefined> {
  const store = deps.files.storeOf(scope);
  if (!store) {
    void vscode.window.showErrorMessage('Open a folder first: workspace profiles live in its .vscode folder.');
    return undefined;
  }
  const ask = deps.ask ?? ((finding, p, s) => askAboutCredential(deps.secrets, finding, p, s));
  const protectedProfile = await protectCredentials({ id: '', ...profile }, scope, ask, deps.secrets);
  if (!protectedProfile) return undefined;
  try {
    const exists = store.snapshot.profiles.some((p) => p.id === protectedProfile.id);
    return exists ? await store.update(protectedProfile) : await store.create(withoutId(protectedProfile));
  } catch (error) {
    reportStoreError(deps.files, scope, error, deps.log);
    return undefined;
  }
}

/** Asks the user about one credential in clear: Move to secret (name suggested, editable) or Keep in clear. */
export async function askAboutCredential(
  secrets: ProfileSecrets,
  finding: ClearCredential,
  profile: Profile,
  scope: ProfileScope,
): Promise<CredentialDecision | undefined> {
  for (;;) {
    const question = clearCredentialQuestion(profile.name, finding, scope);
    const choice = await vscode.window.showWarningMessage(question, { modal: true }, 'Move to secret', 'Keep in clear');
    if (choice === undefined) return undefined;
    if (choice === 'Keep in clear') return { action: 'keep' };
    const name = await askSecretName(secrets, finding);
    if (name !== undefined) return { action: 'move', secretName: name };
  }
}

async function askSecretName(secrets: ProfileSecrets, finding: ClearCredential): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'Realtime Inspector: secret name',
    prompt: `The value goes into VS Code\u2019s secret storage under this name; the profile says ${secretPlaceholder(
      'NAME',
    )} in its place.`,
    value: await secrets.freeName(finding.suggestedSecretName),
    ignoreFocusOut: true,
    validateInput: (text) =>
      SECRET_NAME.test(text) ? null : 'Letters, digits, _ . and - (starting with a letter or digit), at most 128.',
  });
  if (name === undefined || !(await secrets.has(name))) return name;
  const replace = await vscode.window.showWarningMessage(
    `A secret named "${name}" is stored already (another profile may use it). Replace its value?`,
    { modal: true },
    'Replace',
  );
  return replace === 'Replace' ? name : undefined;
}

function withoutId(profile: Profile): NewProfile {
  const { id: _id, ...rest } = profile;
  return rest;
}
